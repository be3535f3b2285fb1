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
