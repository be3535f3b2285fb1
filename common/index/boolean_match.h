// The documents a query matches, without weights: for counting every match of a query
// whose page Xapian finds apart (index/searcher.cc). Xapian's matcher spends about 570
// instructions a document on a match that only counts (BoolWeight, every document
// checked); walking the postings spends a few dozen.
#pragma once

#include <xapian.h>

#include <memory>

namespace iran::index {

// A stream of docids, ascending; 0 once past the last.
class DocStream {
 public:
  virtual ~DocStream() = default;
  virtual Xapian::docid next() = 0;
  // The first docid ≥ did at or after the current one (0: none).
  virtual Xapian::docid skip_to(Xapian::docid did) = 0;
};

// The documents of `db` that `query` matches, as Xapian's match would find them (every
// match counted: no cutoff, no decider), or nullptr when the query holds an operator
// this does not evaluate (phrases, NEAR, value ranges, wildcards, ELITE_SET, XOR,
// posting sources): Xapian's match is then the one to ask.
// Evaluated: terms, MatchAll, MatchNothing, AND, FILTER, OR, SYNONYM, MAX, AND_NOT,
// AND_MAYBE (its first side), SCALE_WEIGHT (its subquery).
std::unique_ptr<DocStream> boolean_match(const Xapian::Database& db, const Xapian::Query& query);

// Calls f(docid) for each document `query` matches, in docid order; false (and no call)
// when boolean_match cannot evaluate it.
template <typename F>
bool for_each_match(const Xapian::Database& db, const Xapian::Query& query, F&& f) {
  const std::unique_ptr<DocStream> stream = boolean_match(db, query);
  if (!stream) return false;
  for (Xapian::docid did = stream->next(); did != 0; did = stream->next()) f(did);
  return true;
}

}  // namespace iran::index
