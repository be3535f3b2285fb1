// The matcher's index of names: a trie over word keys, scanned left to right with the
// longest match winning. Internal to the entities module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "entities/name_pattern.h"
#include "entities/tokenizer.h"

namespace iran::entities::detail {

// A trie over word keys: one lookup per word and candidate reading, whatever the number
// of names, so find() costs O(words) on an article.
class Trie {
 public:
  Trie() : nodes_(1) {}

  void add(Entry entry) {
    std::uint32_t node = 0;
    for (const auto& w : entry.words) {
      auto it = nodes_[node].next.find(w.key);
      if (it == nodes_[node].next.end()) {
        nodes_.emplace_back();
        it = nodes_[node].next.emplace(w.key, static_cast<std::uint32_t>(nodes_.size() - 1)).first;
      }
      node = it->second;
    }
    entry.order = static_cast<std::uint32_t>(entries_.size());
    nodes_[node].entries.push_back(static_cast<std::uint32_t>(entries_.size()));
    entries_.push_back(std::move(entry));
  }

  struct Hit {
    std::size_t first = 0;  // token range [first, last)
    std::size_t last = 0;
    std::vector<const Entry*> readings;  // best first; empty for a Not phrase
  };

  // Longest match from left to right; a Not phrase as long as the longest name wins
  // and swallows its words.
  std::vector<Hit> scan(const std::vector<Token>& tokens) const;

  const std::vector<Entry>& entries() const { return entries_; }
  std::size_t node_count() const { return nodes_.size(); }
  // Room for this many entries and nodes, so that adding them moves no node (restoring
  // the gazetteer's image, which knows both counts).
  void reserve(std::size_t entries, std::size_t nodes) {
    entries_.reserve(entries);
    nodes_.reserve(nodes);
  }

 private:
  struct Node {
    std::unordered_map<std::string, std::uint32_t> next;
    std::vector<std::uint32_t> entries;
  };
  struct Found {
    const Entry* entry;
    std::size_t len;
    unsigned cost;
  };

  void walk(const std::vector<Token>& tokens, std::size_t start, std::size_t j, std::uint32_t node, unsigned cost,
            std::vector<const Candidate*>& path, std::vector<Found>& found) const;
  static bool accepts(const Entry& e, const std::vector<Token>& tokens, std::size_t start,
                      const std::vector<const Candidate*>& path);

  std::vector<Node> nodes_;
  std::vector<Entry> entries_;
};

}  // namespace iran::entities::detail
