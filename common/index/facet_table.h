// Counting without string work per match: the values of a few slots for every document
// of one local database, as small integers (one per distinct value of the slot), read
// once per revision and shared by every searcher of the process. A match spy then adds
// one to an array cell per slot and match; the joined facet strings are split, and date
// intervals and copy keys turned into counts, once per distinct value after the match.
//
// Worth it when a process runs many searches on one revision (the web server, a
// benchmark): making the table reads each slot's whole value stream, about what counting
// one search that matches every article costs.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace iran::index {

class FacetTable {
 public:
  // Reads every document's value in each of `slots` (a single local database).
  FacetTable(const Xapian::Database& db, std::vector<Xapian::valueno> slots);

  // The table of db at its current revision for these slots: the one made before when
  // the revision is the same, else a new one (made once, whichever thread asks first).
  static std::shared_ptr<const FacetTable> of(const Xapian::Database& db, const std::vector<Xapian::valueno>& slots);

  const std::vector<Xapian::valueno>& slots() const { return slots_; }
  // Id of document did's value in slots()[i]: 0 when it has none (or did is past the
  // table), else 1 + the index of the value in values(i).
  std::uint32_t id(std::size_t i, Xapian::docid did) const {
    const auto& ids = ids_[i];
    return did < ids.size() ? ids[did] : 0;
  }
  const std::vector<std::string>& values(std::size_t i) const { return values_[i]; }
  std::string uuid() const { return uuid_; }
  Xapian::rev revision() const { return revision_; }

 private:
  std::vector<Xapian::valueno> slots_;
  std::vector<std::vector<std::uint32_t>> ids_;  // per slot, by docid
  std::vector<std::vector<std::string>> values_;  // per slot, by id - 1
  std::string uuid_;
  Xapian::rev revision_ = 0;
};

// Counts, per slot of a table, how many matching documents carry each id.
class TableSpy : public Xapian::MatchSpy {
 public:
  explicit TableSpy(std::shared_ptr<const FacetTable> table);
  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new TableSpy(table_); }
  std::string name() const override { return "iran.TableSpy"; }

  Xapian::doccount seen() const { return seen_; }
  // counts(i)[id]: matching documents whose value in slots()[i] is that id (0: none).
  const std::vector<Xapian::doccount>& counts(std::size_t i) const { return counts_[i]; }
  const FacetTable& table() const { return *table_; }

 private:
  std::shared_ptr<const FacetTable> table_;
  std::vector<std::vector<Xapian::doccount>> counts_;
  Xapian::doccount seen_ = 0;
};

}  // namespace iran::index
