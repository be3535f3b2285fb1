// Exact facet counts over the whole match set, for facets with several values per
// document (an article names many countries). Each facet slot holds its values joined
// by kFacetSeparator.
//
// Two ways to count, with the same results:
//  - FacetSpy, on local databases: splits each document's joined value as it goes.
//  - Xapian's own ValueCountMatchSpy, when a shard is remote: stock xapian-tcpsrv and
//    xapian-progsrv only run the match spies Xapian ships, and this one is serialisable,
//    so every server counts the joined strings of its documents, Xapian merges those
//    counts, and split_counts() turns "IR\x1fQA" → 5 into IR +5 and QA +5. Exact,
//    because a document's joined string names each of its values once.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace iran::index {

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy(slot_); }
  std::string name() const override { return "iran.FacetSpy"; }

  // value → number of matching documents that carry it
  const std::map<std::string, Xapian::doccount>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, Xapian::doccount> counts_;
};

// Joined values counted by a ValueCountMatchSpy → each value's count.
std::map<std::string, Xapian::doccount> split_counts(const Xapian::ValueCountMatchSpy& spy);

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

class FacetCounters {
 public:
  FacetCounters(const std::vector<Xapian::valueno>& slots, FacetLayout layout);
  void attach(Xapian::Enquire& enquire) const;
  std::map<std::string, Xapian::doccount> counts(std::size_t i) const;

 private:
  std::vector<std::unique_ptr<FacetSpy>> local_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> remote_;
};

}  // namespace iran::index
