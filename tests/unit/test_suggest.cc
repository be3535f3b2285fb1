#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>

#include "entities/gazetteer.h"
#include "index/schema.h"
#include "index/suggest.h"

using namespace iran;

namespace {

const entities::Gazetteer& gazetteer() {
  static const auto g = entities::Gazetteer::load(entities::find_data_dir());
  return g;
}

// An index where Qatar is named by 3 articles and Qaboos by none.
Xapian::Database counts() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 3; ++i) {
    Xapian::Document doc;
    doc.add_term(std::string(schema::kCountryPrefix) + "qa");
    db.add_document(doc);
  }
  return db;
}

std::vector<std::string> ids(const std::vector<index::Suggestion>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.field + ":" + x.id);
  return out;
}

}  // namespace

TEST_CASE("suggest: a prefix in any script and case names the entity") {
  const index::Suggester suggester(gazetteer());
  const auto db = counts();
  for (const char* typed : {"qat", "QAT", "Qatari", "قط", "قطر", "القطري"}) {
    const auto got = suggester.suggest(typed, db);
    INFO(std::string(typed));
    REQUIRE(!got.empty());
    CHECK(ids(got).front() == "country:QA");
    CHECK(got.front().label == "Qatar");
    CHECK(got.front().count == 3);
  }
  // The spelling shown is the one typed for: Arabic for Arabic.
  CHECK(suggester.suggest("قط", db).front().name == "قطر");
}

TEST_CASE("suggest: officials and sources, by any word of their names") {
  const index::Suggester suggester(gazetteer());
  const auto db = counts();
  const auto raisi = ids(suggester.suggest("raisi", db));
  CHECK(std::find(raisi.begin(), raisi.end(), "official:ebrahim-raisi") != raisi.end());
  const auto press = ids(suggester.suggest("press", db));
  CHECK(std::find(press.begin(), press.end(), "source:presstv") != press.end());
  // A name that starts with the text ranks before one where a later word does.
  const auto q = suggester.suggest("qa", db, 20);
  REQUIRE(!q.empty());
  CHECK(q.front().id == "QA");
}

TEST_CASE("suggest: nothing for empty, huge, invalid or unknown text; the limit holds") {
  const index::Suggester suggester(gazetteer());
  const auto db = counts();
  CHECK(suggester.suggest("", db).empty());
  CHECK(suggester.suggest("   ", db).empty());
  CHECK(suggester.suggest(std::string(100, 'a'), db).empty());
  CHECK(suggester.suggest("\xff\xfe", db).empty());
  CHECK(suggester.suggest("zzzzqqq", db).empty());
  CHECK(suggester.suggest("a", db, 3).size() == 3);
  CHECK(suggester.suggest("a", db, 0).empty());
}
