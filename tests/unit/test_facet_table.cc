#include "index/facet_table.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "index/facets.h"

namespace fs = std::filesystem;
using iran::index::FacetSpy;
using iran::index::FacetTable;
using iran::index::TableSpy;

namespace {

Xapian::Document doc(const std::string& word, const std::string& a, const std::string& b) {
  Xapian::Document d;
  d.add_term(word);
  d.add_term("all");
  if (!a.empty()) d.add_value(1, a);
  if (!b.empty()) d.add_value(2, b);
  return d;
}

// value id → count, as strings, for comparing with FacetSpy's counts.
std::map<std::string, Xapian::doccount> by_value(const TableSpy& spy, std::size_t i) {
  std::map<std::string, Xapian::doccount> out;
  for (std::size_t id = 1; id < spy.counts(i).size(); ++id)
    if (spy.counts(i)[id]) out[spy.table().values(i)[id - 1]] = spy.counts(i)[id];
  return out;
}

}  // namespace

TEST_CASE("the table counts what reading each document's value counts, and follows a commit") {
  const fs::path dir = fs::temp_directory_path() / ("iran-facet-table-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    Xapian::WritableDatabase w(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    w.add_document(doc("x", "IR", "en"));
    w.add_document(doc("x", "IR\x1fQA", ""));
    w.add_document(doc("y", "QA", "ar"));
    w.add_document(doc("x", "", "ar"));
    w.add_document(doc("x", "IR", "en"));
    w.delete_document(1);  // a gap in the docids
    w.commit();
  }
  Xapian::Database db(dir.string());
  const auto table = FacetTable::of(db, {1, 2});
  CHECK(FacetTable::of(db, {1, 2}) == table);  // the same revision: the same table
  for (const char* word : {"x", "y", "all"}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(word));
    TableSpy spy(table);
    FacetSpy slot1(1), slot2(2);
    enquire.add_matchspy(&spy);
    enquire.add_matchspy(&slot1);
    enquire.add_matchspy(&slot2);
    const Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
    CHECK(spy.seen() == mset.get_matches_estimated());
    const std::map<std::string, Xapian::doccount> s1(slot1.counts().begin(), slot1.counts().end());
    // The same joined strings FacetSpy splits: compare after splitting both ways.
    std::map<std::string, Xapian::doccount> split;
    for (const auto& [joined, n] : by_value(spy, 0)) {
      std::size_t start = 0;
      while (start <= joined.size()) {
        const auto end = std::min(joined.find('\x1f', start), joined.size());
        split[joined.substr(start, end - start)] += n;
        start = end + 1;
      }
    }
    CHECK(split == s1);
    const std::map<std::string, Xapian::doccount> s2(slot2.counts().begin(), slot2.counts().end());
    CHECK(by_value(spy, 1) == s2);
    // Documents without a value are counted under id 0.
    Xapian::doccount with = 0;
    for (const auto& [v, n] : s2) with += n;
    CHECK(spy.counts(1)[0] == spy.seen() - with);
  }
  {
    Xapian::WritableDatabase w(dir.string());
    w.add_document(doc("y", "TJ", "fa"));
    w.commit();
  }
  db.reopen();
  const auto newer = FacetTable::of(db, {1, 2});
  CHECK(newer != table);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("y"));
  TableSpy spy(newer);
  enquire.add_matchspy(&spy);
  (void)enquire.get_mset(0, 10, db.get_doccount());
  CHECK(by_value(spy, 0) == std::map<std::string, Xapian::doccount>{{"QA", 1}, {"TJ", 1}});
  CHECK(by_value(spy, 1) == std::map<std::string, Xapian::doccount>{{"ar", 1}, {"fa", 1}});
  fs::remove_all(dir);
}
