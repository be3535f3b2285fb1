#include <doctest/doctest.h>
#include <xapian.h>

#include "index/ingest.h"
#include "index/schema.h"

using namespace iran::index;

TEST_CASE("stamps are UTC with microseconds and strictly increase") {
  const std::string a = ingest_stamp_now();
  const std::string b = ingest_stamp_now();
  CHECK(a.size() == 27);
  CHECK(a[10] == 'T');
  CHECK(a.back() == 'Z');
  CHECK(a < b);
}

TEST_CASE("stamps by article and the latest one") {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  CHECK(latest_ingest_stamp(db).empty());
  for (const auto& [path, stamp] : {std::pair{"a.txt", "2026-01-01T00:00:00.000001Z"},
                                    std::pair{"b.txt", "2026-02-01T00:00:00.000001Z"}}) {
    Xapian::Document doc;
    doc.add_boolean_term(iran::schema::id_term(path));
    doc.add_value(iran::schema::kIndexedSlot, stamp);
    db.add_document(doc);
  }
  const auto stamps = ingest_stamps(db);
  CHECK(stamps.size() == 2);
  CHECK(stamps.at(iran::schema::id_term("a.txt")) == "2026-01-01T00:00:00.000001Z");
  CHECK(latest_ingest_stamp(db) == "2026-02-01T00:00:00.000001Z");
}
