// Exact facet counts over the whole match set, for facets with several values per
// document (an article names many countries). Xapian's ValueCountMatchSpy counts one
// value per slot, so each facet slot holds its values joined by kFacetSeparator and
// this spy counts every one of them.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace iran::index {

// Hash and equality that look a string_view up without making a string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Xapian::valueno slot) : slot_(slot) {}
  // Reads the slot's value stream in docid order (the order the matcher calls a spy in)
  // instead of one value lookup per document, which decodes a value chunk each time:
  // 50,000 matches counted in a tenth of the time. Falls back to the document for an
  // out-of-order call.
  FacetSpy(Xapian::valueno slot, const Xapian::Database& db);

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy(slot_); }
  std::string name() const override { return "iran.FacetSpy"; }

  using Counts = std::unordered_map<std::string, Xapian::doccount, StringHash, std::equal_to<>>;
  // value → number of matching documents that carry it
  const Counts& counts() const { return counts_; }

 private:
  void count(std::string_view joined);

  Xapian::valueno slot_;
  Counts counts_;
  std::optional<Xapian::Database> db_;
  Xapian::ValueIterator stream_;
  bool stream_open_ = false;
  Xapian::docid last_ = 0;
};

}  // namespace iran::index
