// Counting without string work per match: the values of a few slots for every document
// of one local database, as small integers (one per distinct value of the slot), read
// once per revision and shared by every searcher of the process. A match spy then adds
// one to an array cell per slot and match; the joined facet strings are split, and date
// intervals and copy keys turned into counts, once per distinct value after the match.
//
// Making a table reads each slot's whole value stream, about what counting one search
// that matches every article costs, so it pays off over many searches of one revision.
// A table is also kept in a file of the cache folder (save(), cached()): a process that
// runs one search (iransearch from the command line) maps the file of the revision it
// opened instead of counting with strings, and the one that finds no file writes it
// for the next ones once its answer is out.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace iran::index {

// What a table was made of: a database at one revision. A full rebuild or a compaction
// makes a database with another UUID; the counts are a guard besides.
// `place` tells apart copies of one database (a copied folder keeps its UUID): the
// folder's device and inode, given by the caller that opened it by path.
struct TableStamp {
  std::string uuid;
  std::string place;
  Xapian::rev revision = 0;
  Xapian::doccount documents = 0;
  Xapian::docid last = 0;
  Xapian::totallength length = 0;

  static TableStamp of(const Xapian::Database& db, std::string place = {});
  bool operator==(const TableStamp&) const = default;
};

// Whether a UUID is what a file name may hold: what Xapian gives local databases (hex and
// dashes). Cache files are made only for those.
bool plain_uuid(const std::string& uuid);

// The place of a database folder for TableStamp ("device:inode"); empty when it cannot
// be read.
std::string table_place(const std::filesystem::path& folder);

class FacetTable {
 public:
  // Reads every document's value in each of `slots` (a single local database).
  FacetTable(const Xapian::Database& db, std::vector<Xapian::valueno> slots, std::string place = {});
  // Its views point into what it holds: a copy would point into the original.
  FacetTable(const FacetTable&) = delete;
  FacetTable& operator=(const FacetTable&) = delete;

  // The table of db at its current revision for these slots: the one made before when
  // the revision is the same, else one read from `cache_dir` (when given and it holds
  // this revision's), else a new one (made once, whichever thread asks first), then
  // written to `cache_dir`.
  // A table made for an older revision than one already kept (a search still on it
  // while others moved on) is returned but neither kept nor written.
  static std::shared_ptr<const FacetTable> of(const Xapian::Database& db, const std::vector<Xapian::valueno>& slots,
                                              const std::filesystem::path& cache_dir = {}, const std::string& place = {});
  // The table of db's current revision if one is in memory or in `cache_dir`, without
  // making one; nullptr otherwise.
  static std::shared_ptr<const FacetTable> cached(const Xapian::Database& db, const std::vector<Xapian::valueno>& slots,
                                                  const std::filesystem::path& cache_dir, const std::string& place = {});

  // The file of this table in `dir` (written beside its name and renamed into place),
  // then the files of the same database's older revisions removed, and the oldest
  // tables of other databases past the newest 16. False when it could not be written
  // (the table is only a cache: nothing else depends on it).
  bool save(const std::filesystem::path& dir) const;
  // The table of `stamp` and `slots` in `dir`, mapped; nullptr when there is none, or it
  // is of another format or damaged. Every byte but the ids is checked here; the ids
  // (4 bytes per article and slot, 28 MB for a million articles: checking them all
  // would cost a narrow search more than it saves) are checked as they are counted,
  // and a table with an id past its slot's values is dropped (TableSpy::damaged()).
  // Xapian checks the blocks of the index itself no further.
  static std::shared_ptr<const FacetTable> load(const std::filesystem::path& dir, const TableStamp& stamp,
                                                const std::vector<Xapian::valueno>& slots);
  // Forgets this table (a spy found it damaged): in memory, and its file in `dir`, which
  // this process never maps again (even when it cannot be removed).
  void discard(const std::filesystem::path& dir) const;
  // The name of the file of `stamp` and `slots` (within a cache folder).
  static std::string file_name(const TableStamp& stamp, const std::vector<Xapian::valueno>& slots);

  const std::vector<Xapian::valueno>& slots() const { return slots_; }
  // Id of document did's value in slots()[i]: 0 when it has none (or did is past the
  // table), else 1 + the index of the value in values(i).
  std::uint32_t id(std::size_t i, Xapian::docid did) const { return did < length_ ? ids_[i][did] : 0; }
  const std::vector<std::string_view>& values(std::size_t i) const { return values_[i]; }
  const TableStamp& stamp() const { return stamp_; }
  std::string uuid() const { return stamp_.uuid; }
  Xapian::rev revision() const { return stamp_.revision; }
  // Whether it was read from a file (not made from the database).
  bool mapped() const { return static_cast<bool>(mapping_); }

 private:
  FacetTable() = default;

  std::vector<Xapian::valueno> slots_;
  std::vector<const std::uint32_t*> ids_;  // per slot, by docid; length_ each
  std::size_t length_ = 0;
  std::vector<std::vector<std::string_view>> values_;  // per slot, by id - 1
  TableStamp stamp_;
  // What ids_ and values_ point into: the arrays and strings made, or the mapped file.
  std::vector<std::vector<std::uint32_t>> own_ids_;
  std::vector<std::vector<std::string>> own_values_;
  std::shared_ptr<const void> mapping_;
};

// Counts, per slot of a table, how many matching documents carry each id.
class TableSpy : public Xapian::MatchSpy {
 public:
  explicit TableSpy(std::shared_ptr<const FacetTable> table);
  void operator()(const Xapian::Document& doc, double weight) override;
  // The same for a document by its id (a match walked outside Xapian's matcher:
  // index/boolean_match.h).
  void count(Xapian::docid did) {
    ++seen_;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      const std::uint32_t id = table_->id(i, did);
      if (id < counts_[i].size()) [[likely]] ++counts_[i][id];
      else damaged_ = true;
    }
  }
  Xapian::MatchSpy* clone() const override { return new TableSpy(table_); }
  std::string name() const override { return "iran.TableSpy"; }

  Xapian::doccount seen() const { return seen_; }
  // Whether an id past its slot's values was met (a damaged file): not counted, and the
  // counts are not to be used.
  bool damaged() const { return damaged_; }
  // counts(i)[id]: matching documents whose value in slots()[i] is that id (0: none).
  const std::vector<Xapian::doccount>& counts(std::size_t i) const { return counts_[i]; }
  const FacetTable& table() const { return *table_; }

 private:
  std::shared_ptr<const FacetTable> table_;
  std::vector<std::vector<Xapian::doccount>> counts_;
  Xapian::doccount seen_ = 0;
  bool damaged_ = false;
};

}  // namespace iran::index
