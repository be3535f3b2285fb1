// Exact facet counts over the whole match set, for facets with several values per
// document (an article names many countries). Xapian's ValueCountMatchSpy counts one
// value per slot, so each facet slot holds its values joined by kFacetSeparator and
// this spy counts every one of them.
//
// Over remote shards (stock xapian-tcpsrv / xapian-progsrv run only the match spies
// Xapian ships) the counting is Xapian's own ValueCountMatchSpy, which is serialisable:
// every server counts the joined strings of its documents, Xapian merges the counts,
// and split_counts() turns "IR\x1fQA" → 5 into IR +5 and QA +5. Exact, because a
// document's joined string names each of its values once.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/strings.h"

namespace iran::index {

using util::StringHash;

// Values counted as another (a discovered person's spellings as one ID,
// index/discovered_merge.h): a document carrying several values of one ID counts once.
using FacetAliases = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Xapian::valueno slot) : slot_(slot) {}
  // Reads the slot's value stream in docid order (the order the matcher calls a spy in)
  // instead of one value lookup per document, which decodes a value chunk each time:
  // 50,000 matches counted in a tenth of the time. Falls back to the document for an
  // out-of-order call.
  FacetSpy(Xapian::valueno slot, const Xapian::Database& db);
  // Count values through `aliases` (kept by the caller; nullptr: as they are).
  void set_aliases(const FacetAliases* aliases) { aliases_ = aliases; }

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override {
    auto* spy = new FacetSpy(slot_);
    spy->set_aliases(aliases_);
    return spy;
  }
  std::string name() const override { return "iran.FacetSpy"; }

  using Counts = std::unordered_map<std::string, Xapian::doccount, StringHash, std::equal_to<>>;
  // value → number of matching documents that carry it
  const Counts& counts() const { return counts_; }

 private:
  void count(std::string_view joined);

  Xapian::valueno slot_;
  const FacetAliases* aliases_ = nullptr;
  std::vector<std::string_view> seen_;  // a document's values, through aliases_
  Counts counts_;
  std::optional<Xapian::Database> db_;
  Xapian::ValueIterator stream_;
  bool stream_open_ = false;
  Xapian::docid last_ = 0;
};

// Joined values counted by a ValueCountMatchSpy → each value's count.
std::map<std::string, Xapian::doccount> split_counts(const Xapian::ValueCountMatchSpy& spy,
                                                     const FacetAliases* aliases = nullptr);

// Adds `n` to each value of `joined` in `out`, each alias as its ID, every ID once.
void add_joined(std::string_view joined, Xapian::doccount n, const FacetAliases* aliases,
                std::map<std::string, Xapian::doccount>& out);

// The same over views: joined values that outlive it (a facet table's), added with
// their counts, make one entry per distinct value, and strings only for the result (a
// broad search adds thousands of joined values: a map entry and a string per value
// and add was most of its facet cost).
// Single values and their counts in value order, viewing what they were counted from.
using ValueCounts = std::vector<std::pair<std::string_view, Xapian::doccount>>;

class JoinedCounts {
 public:
  explicit JoinedCounts(const FacetAliases* aliases) : aliases_(aliases) {}
  void add(std::string_view joined, Xapian::doccount n);
  std::map<std::string, Xapian::doccount> result() const;
  // The same as views (of the joined values and the aliases), in value order.
  ValueCounts views() const;

 private:
  const FacetAliases* aliases_;
  std::vector<std::string_view> seen_;
  std::unordered_map<std::string_view, Xapian::doccount> counts_;
};

// One facet's joined values (a facet table's, by id) split once into ids of single
// values, through `aliases` when given: what JoinedCounts does in every search, done once
// for a Searcher that searches the same table again (the web server). Views the joined
// values and the aliases: both must outlive it.
class SplitValues {
 public:
  SplitValues(const std::vector<std::string_view>& joined, const FacetAliases* aliases);
  // by_id[id]: documents whose joined value is joined[id - 1] (by_id[0]: none) → each
  // single value's count, as JoinedCounts gives it.
  // Views of the joined values and aliases, in value order.
  ValueCounts counts(const std::vector<Xapian::doccount>& by_id) const;

 private:
  std::vector<std::string_view> values_;  // the distinct single values
  std::vector<std::uint32_t> begin_;      // joined id → its parts, [begin_[id - 1], begin_[id])
  std::vector<std::uint32_t> parts_;      // indexes into values_
};

// A ValueCountMatchSpy that counts only on the servers. Xapian 1.4.22 runs match spies
// on the client too, for remote documents that sort below the page when results are
// sorted by a value (also relevance-then-value) and several shards take part
// (matcher/multimatch.cc skips its is_remote check on that path): counts then add up to
// more than the total. When every shard is remote, each call on the client is such a
// double count, so this spy ignores them; it serialises as the stock class, so the
// servers run Xapian's own ValueCountMatchSpy, whose results are merged here.
class ServerValueCountSpy : public Xapian::ValueCountMatchSpy {
 public:
  using Xapian::ValueCountMatchSpy::ValueCountMatchSpy;
  void operator()(const Xapian::Document&, double) override {}
};

// Where a search runs, for counting: which spies, and whether counting needs a match of
// its own.
enum class FacetLayout {
  Local,      // local databases only: FacetSpy in the page's match
  AllRemote,  // every shard remote: ServerValueCountSpy in the page's match
  Mixed,      // local and remote shards: a separate match in relevance order (where
              // Xapian does not double count) with the stock ValueCountMatchSpy
};

// The spies for a set of value slots, for the layout searched.
class FacetCounters {
 public:
  // `single`: the one local database searched, whose value streams FacetSpy may read;
  // nullptr over several shards, where the matcher hands spies each shard's own docids
  // (a stream over the combined database would pair them with other documents' values).
  FacetCounters(const std::vector<Xapian::valueno>& slots, FacetLayout layout, const Xapian::Database* single);
  void attach(Xapian::Enquire& enquire) const;
  // The spies attach() adds, to add to a match of another's making.
  std::vector<Xapian::MatchSpy*> spies() const;
  // Count slots[i]'s values through `aliases` (kept by the caller), before attach().
  void set_aliases(std::size_t i, const FacetAliases* aliases);
  bool empty() const { return local_.empty() && remote_.empty(); }
  // value → matching documents carrying it, for slots[i]
  std::map<std::string, Xapian::doccount> counts(std::size_t i) const;
  // Every matching document before collapsing (remote layouts only: slots[0]'s spy saw
  // them all; a value need not be set).
  Xapian::doccount seen() const { return remote_.empty() ? 0 : remote_.front()->get_total(); }
  // Raw values of slots[i], unsplit (remote layouts only).
  std::map<std::string, Xapian::doccount> raw_counts(std::size_t i) const;

 private:
  std::vector<std::unique_ptr<FacetSpy>> local_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> remote_;
  std::map<std::size_t, const FacetAliases*> aliases_;
};

}  // namespace iran::index
