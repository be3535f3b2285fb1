#include <doctest/doctest.h>
#include <xapian.h>

#include "index/facets.h"
#include "index/schema.h"

using namespace iran;

namespace {

// Joined lists of a few values from a small vocabulary: repeats, empty parts, and
// aliases (test_aliases) that meet their own ID or another alias of it in one list.
struct Lists {
  std::uint32_t seed;
  std::uint32_t next() { return seed = seed * 1103515245u + 12345u; }
  std::string list() {
    static const std::vector<std::string> vocabulary = {"IR", "QA", "TJ", "person-a", "Person A", "A. Person", "", "RU"};
    std::string out;
    for (std::uint32_t n = 1 + next() % 4; n > 0; --n) {
      if (!out.empty()) out += schema::kFacetSeparator;
      out += vocabulary[(next() >> 8) % vocabulary.size()];
    }
    return out;
  }
};

index::FacetAliases test_aliases() {
  index::FacetAliases aliases;
  aliases.emplace("Person A", "person-a");
  aliases.emplace("A. Person", "person-a");
  return aliases;
}

}  // namespace

TEST_CASE("FacetSpy counts every value of a multi-valued slot, over the whole match set") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* countries : {"IR\x1fQA", "IR\x1fTJ", "IR", ""}) {
    Xapian::Document doc;
    doc.add_term("all");
    doc.add_value(schema::kCountriesSlot, countries);
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("all"));
  index::FacetSpy spy(schema::kCountriesSlot);
  enquire.add_matchspy(&spy);
  // A page of one hit: the counts must still cover all four documents.
  const auto mset = enquire.get_mset(0, 1, db.get_doccount());
  CHECK(mset.size() == 1);
  CHECK(spy.counts().at("IR") == 3);
  CHECK(spy.counts().at("QA") == 1);
  CHECK(spy.counts().at("TJ") == 1);
  CHECK(spy.counts().size() == 3);  // no empty value counted
}

TEST_CASE("FacetSpy reading the value stream counts what the per-document lookup counts") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 500; ++i) {
    Xapian::Document doc;
    doc.add_term("all");
    if (i % 2) doc.add_term("odd");
    // Some documents have no value at all, as undated or entity-less articles.
    if (i % 7) doc.add_value(schema::kCountriesSlot, i % 3 ? "IR\x1fQA" : "TJ");
    db.add_document(doc);
  }
  for (const char* query : {"all", "odd"}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(query));
    index::FacetSpy lookup(schema::kCountriesSlot);
    index::FacetSpy stream(schema::kCountriesSlot, db);
    enquire.add_matchspy(&lookup);
    enquire.add_matchspy(&stream);
    enquire.get_mset(0, 10, db.get_doccount());
    CHECK(stream.counts() == lookup.counts());
    CHECK(stream.counts().at("IR") > 0);
  }
  // Out of docid order (as a merged or sorted match might call it), still exact.
  index::FacetSpy spy(schema::kCountriesSlot, db);
  for (Xapian::docid did : {10u, 3u, 11u, 11u, 2u, 500u}) spy(db.get_document(did), 0);
  index::FacetSpy plain(schema::kCountriesSlot);
  for (Xapian::docid did : {10u, 3u, 11u, 11u, 2u, 500u}) plain(db.get_document(did), 0);
  CHECK(spy.counts() == plain.counts());
}

TEST_CASE("split_counts turns ValueCountMatchSpy's joined strings into each value's count") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const char* countries : {"IR\x1fQA", "IR\x1fTJ", "IR\x1fQA", "IR", ""}) {
    Xapian::Document doc;
    doc.add_term("all");
    doc.add_value(schema::kCountriesSlot, countries);
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("all"));
  Xapian::ValueCountMatchSpy spy(schema::kCountriesSlot);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 1, db.get_doccount());
  const auto counts = index::split_counts(spy);
  CHECK(counts.at("IR") == 4);
  CHECK(counts.at("QA") == 2);
  CHECK(counts.at("TJ") == 1);
  CHECK(counts.size() == 3);
}

TEST_CASE("JoinedCounts gives add_joined's counts: each value once per joined list, aliases as their IDs") {
  // Joined lists with their counts.
  const index::FacetAliases aliases = test_aliases();
  std::vector<std::pair<std::string, Xapian::doccount>> joined;
  Lists random{7};
  for (int i = 0; i < 500; ++i) {
    std::string list = random.list();
    joined.emplace_back(std::move(list), 1 + random.next() % 50);
  }
  for (const index::FacetAliases* a : std::vector<const index::FacetAliases*>{nullptr, &aliases}) {
    std::map<std::string, Xapian::doccount> expected;
    index::JoinedCounts counts(a);
    for (const auto& [list, n] : joined) {
      index::add_joined(list, n, a, expected);
      counts.add(list, n);
    }
    CHECK(counts.result() == expected);
    CHECK(counts.views() == index::ValueCounts(expected.begin(), expected.end()));
    CHECK(expected.count("") == 0);
    if (a) CHECK(expected.count("Person A") == 0);
  }
}

TEST_CASE("SplitValues, split once, gives add_joined's counts for any counts by id, aliases as their IDs") {
  const index::FacetAliases aliases = test_aliases();
  std::vector<std::string> lists;
  Lists random{11};
  for (int i = 0; i < 300; ++i) lists.push_back(random.list());
  const std::vector<std::string_view> views(lists.begin(), lists.end());
  for (const index::FacetAliases* a : std::vector<const index::FacetAliases*>{nullptr, &aliases}) {
    const index::SplitValues split(views, a);
    // Several searches over the one split: counts by id (0: documents with none), many
    // of them zero.
    for (int search = 0; search < 20; ++search) {
      std::vector<Xapian::doccount> by_id(lists.size() + 1, 0);
      for (auto& n : by_id) n = random.next() % 3 == 0 ? 1 + random.next() % 40 : 0;
      std::map<std::string, Xapian::doccount> expected;
      for (std::size_t id = 1; id < by_id.size(); ++id)
        if (by_id[id] > 0) index::add_joined(lists[id - 1], by_id[id], a, expected);
      // In value order, each value once: the map's entries.
      const index::ValueCounts got = split.counts(by_id);
      const index::ValueCounts want(expected.begin(), expected.end());
      CHECK(got == want);
    }
  }
}
