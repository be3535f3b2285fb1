#include "index/facet_table.h"

#include <iterator>
#include <map>
#include <mutex>
#include <unordered_map>

#include "index/facets.h"

namespace iran::index {

FacetTable::FacetTable(const Xapian::Database& db, std::vector<Xapian::valueno> slots)
    : slots_(std::move(slots)), uuid_(db.get_uuid()), revision_(db.get_revision()) {
  const Xapian::docid last = db.get_lastdocid();
  ids_.resize(slots_.size());
  values_.resize(slots_.size());
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    auto& ids = ids_[i];
    ids.assign(static_cast<std::size_t>(last) + 1, 0);
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> seen;
    for (auto v = db.valuestream_begin(slots_[i]); v != db.valuestream_end(slots_[i]); ++v) {
      const Xapian::docid did = v.get_docid();
      if (did > last) break;
      const std::string value = *v;
      auto it = seen.find(value);
      if (it == seen.end()) {
        values_[i].push_back(value);
        it = seen.emplace(value, static_cast<std::uint32_t>(values_[i].size())).first;
      }
      ids[did] = it->second;
    }
  }
}

std::shared_ptr<const FacetTable> FacetTable::of(const Xapian::Database& db, const std::vector<Xapian::valueno>& slots) {
  // The newest table per database and slot list. Tables are never changed once made,
  // so threads share them freely; the lock only guards this map.
  static std::mutex lock;
  static std::map<std::pair<std::string, std::vector<Xapian::valueno>>, std::shared_ptr<const FacetTable>> tables;
  const std::string uuid = db.get_uuid();
  const Xapian::rev revision = db.get_revision();
  const std::lock_guard<std::mutex> guard(lock);
  // A full rebuild publishes a database with a new UUID: drop the tables of others, so a
  // long-running server keeps a few, not one per rebuild it has seen.
  if (tables.size() > 8) {
    for (auto it = tables.begin(); it != tables.end();)
      it = it->first.first == uuid ? std::next(it) : tables.erase(it);
  }
  auto& table = tables[{uuid, slots}];
  if (!table || table->revision() != revision) table = std::make_shared<const FacetTable>(db, slots);
  return table;
}

TableSpy::TableSpy(std::shared_ptr<const FacetTable> table) : table_(std::move(table)) {
  counts_.resize(table_->slots().size());
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i].assign(table_->values(i).size() + 1, 0);
}

void TableSpy::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid did = doc.get_docid();
  ++seen_;
  for (std::size_t i = 0; i < counts_.size(); ++i) ++counts_[i][table_->id(i, did)];
}

}  // namespace iran::index
