#include "entities/trie.h"

#include <algorithm>
#include <limits>

namespace iran::entities::detail {
namespace {

bool capitalized(const Token& t) { return t.casing == Casing::Title || t.casing == Casing::Upper; }


}  // namespace

std::vector<Trie::Hit> Trie::scan(const std::vector<Token>& tokens) const {
  std::vector<Hit> hits;
  std::vector<const Candidate*> path;
  std::vector<Found> found;
  for (std::size_t i = 0; i < tokens.size();) {
    found.clear();
    walk(tokens, i, i, 0, 0, path, found);
    if (found.empty()) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    for (const auto& f : found) len = std::max(len, f.len);
    bool is_not = false;
    unsigned best_cost = std::numeric_limits<unsigned>::max();
    for (const auto& f : found) {
      if (f.len != len) continue;
      if (f.entry->type == NameType::Not) is_not = true;
      best_cost = std::min(best_cost, f.cost);
    }
    Hit hit{i, i + len, {}};
    if (!is_not) {
      for (const auto& f : found)
        if (f.len == len && f.cost == best_cost) hit.readings.push_back(f.entry);
      std::sort(hit.readings.begin(), hit.readings.end(), [](const Entry* a, const Entry* b) {
        if (priority(a->type) != priority(b->type)) return priority(a->type) < priority(b->type);
        return a->order < b->order;
      });
      hit.readings.erase(std::unique(hit.readings.begin(), hit.readings.end(),
                                     [](const Entry* a, const Entry* b) { return a->entity == b->entity && a->type == b->type; }),
                         hit.readings.end());
    }
    hits.push_back(std::move(hit));
    i += len;
  }
  return hits;
}


void Trie::walk(const std::vector<Token>& tokens, std::size_t start, std::size_t j, std::uint32_t node, unsigned cost,
                std::vector<const Candidate*>& path, std::vector<Found>& found) const {
  for (const auto& cand : tokens[j].candidates) {
    auto it = nodes_[node].next.find(cand.key);
    if (it == nodes_[node].next.end()) continue;
    path.push_back(&cand);
    const Node& child = nodes_[it->second];
    for (auto e : child.entries)
      if (accepts(entries_[e], tokens, start, path)) found.push_back({&entries_[e], path.size(), cost + cand.cost});
    if (j + 1 < tokens.size() && !child.next.empty() && !tokens[j + 1].breaks_before)
      walk(tokens, start, j + 1, it->second, cost + cand.cost, path, found);
    path.pop_back();
  }
}

bool Trie::accepts(const Entry& e, const std::vector<Token>& tokens, std::size_t start,
                   const std::vector<const Candidate*>& path) {
  const std::size_t n = path.size();
  for (std::size_t k = 0; k < n; ++k) {
    const Token& t = tokens[start + k];
    const PatternWord& w = e.words[k];
    if (t.script == Script::Latin) {
      if (w.need == Need::Capitals && t.casing != Casing::Upper) return false;
      if (w.need == Need::Capital && !capitalized(t)) return false;
    }
    if (w.parens && !t.in_parens) return false;
    if (k + 1 < n ? t.possessive != w.possessive : (w.possessive && !t.possessive)) return false;
    if (path[k]->had_article ? !w.allow_article : w.need_article) return false;
  }
  if (e.type == NameType::Guarded) {
    // Jordan Peterson, Chad Smith, Michael Jordan: a capitalized neighbour joined by
    // a plain space makes it a person. A sentence's first word does not count.
    const std::size_t last = start + n;
    if (last < tokens.size() && tokens[last].spaced_before && capitalized(tokens[last])) return false;
    if (start > 0 && tokens[start].spaced_before && capitalized(tokens[start - 1]) && start - 1 > 0 &&
        !tokens[start - 1].breaks_before)
      return false;
  }
  return true;
}


}  // namespace iran::entities::detail
