#include "index/facet_table.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "index/facets.h"

namespace fs = std::filesystem;
using iran::index::FacetSpy;
using iran::index::FacetTable;
using iran::index::TableSpy;
using iran::index::TableStamp;

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
    if (spy.counts(i)[id]) out[std::string(spy.table().values(i)[id - 1])] = spy.counts(i)[id];
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

namespace {

// Every id and value of two tables of the same slots.
bool same_table(const FacetTable& a, const FacetTable& b, Xapian::docid last) {
  if (a.slots() != b.slots() || !(a.stamp() == b.stamp())) return false;
  for (std::size_t i = 0; i < a.slots().size(); ++i) {
    if (a.values(i) != b.values(i)) return false;
    for (Xapian::docid d = 0; d <= last + 2; ++d)
      if (a.id(i, d) != b.id(i, d)) return false;
  }
  return true;
}

std::vector<fs::path> table_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().rfind("facets-", 0) == 0) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("a table written to the cache folder reads back the same, only for its own revision and slots") {
  const fs::path dir = fs::temp_directory_path() / ("iran-facet-file-" + std::to_string(::getpid()));
  const fs::path cache = dir / "cache";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    Xapian::WritableDatabase w((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    w.add_document(doc("x", "IR", "en"));
    w.add_document(doc("x", "IR\x1fQA", ""));
    w.add_document(doc("y", "", "ar"));
    w.add_document(doc("x", "QA", "طاجيكستان"));  // values of any bytes
    w.delete_document(2);
    w.commit();
  }
  Xapian::Database db((dir / "db").string());
  const std::vector<Xapian::valueno> slots{1, 2};
  const FacetTable made(db, slots);
  CHECK_FALSE(made.mapped());
  CHECK(FacetTable::load(cache, TableStamp::of(db), slots) == nullptr);  // nothing there yet
  REQUIRE(made.save(cache));
  REQUIRE(table_files(cache).size() == 1);
  CHECK(table_files(cache)[0].filename() == FacetTable::file_name(TableStamp::of(db), slots));

  const auto loaded = FacetTable::load(cache, TableStamp::of(db), slots);
  REQUIRE(loaded != nullptr);
  CHECK(loaded->mapped());
  CHECK(same_table(made, *loaded, db.get_lastdocid()));
  // A spy over the mapped table counts what one over the made table counts.
  for (const char* word : {"x", "y", "all"}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(word));
    TableSpy a(std::make_shared<const FacetTable>(db, slots)), b(loaded);
    enquire.add_matchspy(&a);
    enquire.add_matchspy(&b);
    (void)enquire.get_mset(0, 10, db.get_doccount());
    CHECK(a.counts(0) == b.counts(0));
    CHECK(a.counts(1) == b.counts(1));
    CHECK_FALSE(b.damaged());
  }
  // Other slots, or another order of them, are another table.
  CHECK(FacetTable::load(cache, TableStamp::of(db), {2, 1}) == nullptr);
  CHECK(FacetTable::load(cache, TableStamp::of(db), {1}) == nullptr);

  // A commit is a new revision: the old file is not read for it, and writing the new
  // one removes the old.
  {
    Xapian::WritableDatabase w((dir / "db").string());
    w.add_document(doc("y", "TJ", "fa"));
    w.commit();
  }
  db.reopen();
  CHECK(FacetTable::load(cache, TableStamp::of(db), slots) == nullptr);
  CHECK(FacetTable::cached(db, slots, cache) == nullptr);
  const auto newer = FacetTable::of(db, slots, cache);  // made, and written
  REQUIRE(table_files(cache).size() == 1);
  CHECK(table_files(cache)[0].filename() == FacetTable::file_name(TableStamp::of(db), slots));
  CHECK(FacetTable::cached(db, slots, cache) == newer);  // the one in memory
  const auto again = FacetTable::load(cache, TableStamp::of(db), slots);
  REQUIRE(again != nullptr);
  CHECK(same_table(*newer, *again, db.get_lastdocid()));
  fs::remove_all(dir);
}

TEST_CASE("a damaged or foreign table file is never counted from") {
  const fs::path dir = fs::temp_directory_path() / ("iran-facet-bad-" + std::to_string(::getpid()));
  const fs::path cache = dir / "cache";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    Xapian::WritableDatabase w((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 0; i < 300; ++i) w.add_document(doc("x", i % 3 ? "IR" : "QA", i % 2 ? "en" : "ar"));
    w.commit();
  }
  Xapian::Database db((dir / "db").string());
  const std::vector<Xapian::valueno> slots{1, 2};
  const TableStamp stamp = TableStamp::of(db);
  REQUIRE(FacetTable(db, slots).save(cache));
  const fs::path file = cache / FacetTable::file_name(stamp, slots);
  const std::string good = read_bytes(file);
  REQUIRE(FacetTable::load(cache, stamp, slots) != nullptr);

  // Any byte of the prefix, the header or the values changed, or the file cut short or
  // grown: refused. (The values are the last bytes; the ids sit between.)
  const std::size_t ids_at = good.size() / 2;
  for (const std::size_t at : {std::size_t{0}, std::size_t{5}, std::size_t{9}, std::size_t{17}, std::size_t{30},
                               std::size_t{60}, good.size() - 12, good.size() - 1}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    write_bytes(file, bad);
    CHECK_MESSAGE(FacetTable::load(cache, stamp, slots) == nullptr, "byte " << at);
  }
  // The slots' part of the header (slot, count of values, bytes of values), which only
  // the checksum covers: refused too.
  std::uint32_t uuid_size = 0;
  std::memcpy(&uuid_size, good.data() + 52, 4);
  const std::size_t place_at = (56 + uuid_size + 7) & ~std::size_t{7};
  std::uint32_t place_size = 0;
  std::memcpy(&place_size, good.data() + place_at, 4);
  const std::size_t slots_at = (place_at + 4 + place_size + 7) & ~std::size_t{7};
  for (const std::size_t at : {slots_at, slots_at + 4, slots_at + 8, slots_at + 16 + 4}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    write_bytes(file, bad);
    CHECK_MESSAGE(FacetTable::load(cache, stamp, slots) == nullptr, "slot header byte " << at);
  }
  write_bytes(file, good.substr(0, good.size() - 8));
  CHECK(FacetTable::load(cache, stamp, slots) == nullptr);
  write_bytes(file, good + std::string(8, '\0'));
  CHECK(FacetTable::load(cache, stamp, slots) == nullptr);
  write_bytes(file, "");
  CHECK(FacetTable::load(cache, stamp, slots) == nullptr);
  // Another database's stamp (as after a full rebuild or a compaction).
  write_bytes(file, good);
  TableStamp other = stamp;
  other.documents += 1;
  CHECK(FacetTable::load(cache, other, slots) == nullptr);

  // An id past its slot's values (the ids are not summed): loaded, but the spy counts
  // nothing into it and says so, and discard() forgets the file.
  std::string bad = good;
  for (std::size_t k = ids_at & ~std::size_t{3}; k < (ids_at & ~std::size_t{3}) + 4; ++k) bad[k] = '\x7f';
  write_bytes(file, bad);
  const auto damaged = FacetTable::load(cache, stamp, slots);
  REQUIRE(damaged != nullptr);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("x"));
  TableSpy spy(damaged);
  enquire.add_matchspy(&spy);
  (void)enquire.get_mset(0, 10, db.get_doccount());
  CHECK(spy.damaged());
  damaged->discard(cache);
  CHECK_FALSE(fs::exists(file));
  // A damaged file that could not be removed (put back as it was, with its size and
  // time) is not mapped again by this process; a file written anew under the name is.
  write_bytes(file, bad);
  const auto once = FacetTable::load(cache, stamp, slots);
  REQUIRE(once != nullptr);
  const auto when = fs::last_write_time(file);
  once->discard(cache);
  write_bytes(file, bad);
  fs::last_write_time(file, when);
  CHECK(FacetTable::load(cache, stamp, slots) == nullptr);
  fs::last_write_time(file, when + std::chrono::seconds(1));
  CHECK(FacetTable::load(cache, stamp, slots) != nullptr);
  fs::remove_all(dir);
}

TEST_CASE("a search on an older revision gets its own table; the newer one stays kept and written") {
  const fs::path dir = fs::temp_directory_path() / ("iran-facet-old-" + std::to_string(::getpid()));
  const fs::path cache = dir / "cache";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    Xapian::WritableDatabase w((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    w.add_document(doc("x", "IR", "en"));
    w.commit();
  }
  const std::vector<Xapian::valueno> slots{1, 2};
  Xapian::Database old_db((dir / "db").string());
  {
    Xapian::WritableDatabase w((dir / "db").string());
    w.add_document(doc("x", "QA", "ar"));
    w.commit();
  }
  Xapian::Database new_db((dir / "db").string());
  REQUIRE(new_db.get_revision() > old_db.get_revision());
  const auto newer = FacetTable::of(new_db, slots, cache);
  const auto older = FacetTable::of(old_db, slots, cache);
  CHECK(older->revision() == old_db.get_revision());
  CHECK(older->values(0).size() == 1);
  CHECK(FacetTable::of(new_db, slots, cache) == newer);  // still the one kept
  CHECK(fs::exists(cache / FacetTable::file_name(TableStamp::of(new_db), slots)));
  CHECK_FALSE(fs::exists(cache / FacetTable::file_name(TableStamp::of(old_db), slots)));
  fs::remove_all(dir);
}

TEST_CASE("two copies of a database folder have tables of their own") {
  const fs::path dir = fs::temp_directory_path() / ("iran-facet-copy-" + std::to_string(::getpid()));
  const fs::path cache = dir / "cache";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    Xapian::WritableDatabase w((dir / "a").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    w.add_document(doc("x", "IR", "en"));
    w.commit();
  }
  fs::copy(dir / "a", dir / "b", fs::copy_options::recursive);
  // The same UUID, revision and counts; another value in one of them.
  for (const char* name : {"a", "b"}) {
    Xapian::WritableDatabase w((dir / name).string());
    w.replace_document(1, doc("x", name[0] == 'a' ? "IR" : "QA", "en"));
    w.commit();
  }
  Xapian::Database a((dir / "a").string()), b((dir / "b").string());
  REQUIRE(a.get_uuid() == b.get_uuid());
  const std::string pa = iran::index::table_place(dir / "a"), pb = iran::index::table_place(dir / "b");
  CHECK(pa != pb);
  const auto ta = FacetTable::of(a, {1, 2}, cache, pa);
  const auto tb = FacetTable::of(b, {1, 2}, cache, pb);
  CHECK(ta != tb);
  CHECK(std::string(ta->values(0).at(0)) == "IR");
  CHECK(std::string(tb->values(0).at(0)) == "QA");
  CHECK(std::string(FacetTable::cached(b, {1, 2}, cache, pb)->values(0).at(0)) == "QA");
  CHECK(table_files(cache).size() == 2);
  fs::remove_all(dir);
}

TEST_CASE("the cache folder keeps the newest tables of 16 databases") {
  const fs::path dir = fs::temp_directory_path() / ("iran-facet-many-" + std::to_string(::getpid()));
  const fs::path cache = dir / "cache";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<std::string> names;
  for (int n = 0; n < 20; ++n) {
    const fs::path path = dir / ("db" + std::to_string(n));
    {
      Xapian::WritableDatabase w(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
      w.add_document(doc("x", "IR", "en"));
      w.commit();
    }
    Xapian::Database db(path.string());
    REQUIRE(FacetTable(db, {1, 2}).save(cache));
    names.push_back(FacetTable::file_name(TableStamp::of(db), {1, 2}));
    // Distinct times for "newest", whatever the file system's resolution.
    fs::last_write_time(cache / names.back(), fs::file_time_type::clock::now() - std::chrono::minutes(40 - n));
  }
  const auto files = table_files(cache);
  CHECK(files.size() == 16);
  for (int n = 0; n < 20; ++n) CHECK_MESSAGE(fs::exists(cache / names[n]) == (n >= 4), "table " << n);
  fs::remove_all(dir);
}
