#include <doctest/doctest.h>
#include <xapian.h>

#include "index/facets.h"
#include "index/schema.h"

using namespace iran;

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
