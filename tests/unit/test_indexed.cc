#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <string>

#include "index/indexed.h"
#include "index/schema.h"

using namespace iran::index;
namespace schema = iran::schema;

namespace {

// A document as the builder writes one: its ID term, order key and signature.
Xapian::Document article(const std::string& path, const std::string& signature, const std::string& day = "20240105") {
  Xapian::Document doc;
  doc.add_boolean_term(schema::id_term(path));
  doc.add_value(schema::kOrderSlot, schema::order_key(day, path));
  doc.add_value(schema::kSignatureSlot, signature);
  return doc;
}

// What the index holds, the slow and obvious way: each ID term's postlist, each docid's value.
std::map<std::string, std::pair<Xapian::docid, std::string>> reference(const Xapian::Database& db) {
  std::map<std::string, std::pair<Xapian::docid, std::string>> out;
  const std::string prefix(schema::kIdPrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const Xapian::docid docid = *db.postlist_begin(*t);
    out[*t] = {docid, db.get_document(docid).get_value(schema::kSignatureSlot)};
  }
  return out;
}

std::map<std::string, std::pair<Xapian::docid, std::string>> found(const Xapian::Database& db) {
  std::map<std::string, std::pair<Xapian::docid, std::string>> out;
  for (const auto& [id, a] : indexed_articles(db)) out[id] = {a.docid, a.signature};
  return out;
}

Xapian::WritableDatabase current_db() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
  return db;
}

}  // namespace

TEST_CASE("what the index holds: every ID term with its docid and signature, paired through the order slot") {
  auto db = current_db();
  db.add_document(article("a/one.txt", "1:2:3|aa"));
  db.add_document(article("b/two.txt", "4:5:6|bb", ""));  // undated: 00000000 + path
  const std::string long_path = "long/" + std::string(300, 'x') + ".txt";  // hashed into its ID term
  db.add_document(article(long_path, "7:8:9|cc"));
  db.add_document(article("feed.xml#item-1", "item|dd"));
  db.delete_document(2);
  db.add_document(article("b/two.txt", "4:5:7|bb"));  // replaced: a new docid
  db.commit();
  const auto got = indexed_articles(db);
  REQUIRE(got.size() == 4);
  CHECK(got.at(schema::id_term("a/one.txt")).docid == 1);
  CHECK(got.at(schema::id_term("a/one.txt")).signature == "1:2:3|aa");
  CHECK(got.at(schema::id_term("b/two.txt")).docid == 5);
  CHECK(got.at(schema::id_term("b/two.txt")).signature == "4:5:7|bb");
  CHECK(got.at(schema::id_term(long_path)).docid == 3);
  CHECK(got.at(schema::id_term("feed.xml#item-1")).signature == "item|dd");
  CHECK(found(db) == reference(db));
}

TEST_CASE("what the index holds: documents the order slot does not pair are looked up by their ID term") {
  auto db = current_db();
  db.add_document(article("a.txt", "s1"));
  Xapian::Document old;  // carried over from an older schema: no order key
  old.add_boolean_term(schema::id_term("old.txt"));
  old.add_value(schema::kSignatureSlot, "s2");
  db.add_document(old);
  // One ID held by two documents (a layout's move, for a moment): the first, as its postlist says.
  db.add_document(article("moved.txt", "s3"));
  db.add_document(article("moved.txt", "s4"));
  Xapian::Document unsigned_doc;  // no signature: an empty one (read again by the next build)
  unsigned_doc.add_boolean_term(schema::id_term("bare.txt"));
  unsigned_doc.add_value(schema::kOrderSlot, schema::order_key("", "bare.txt"));
  db.add_document(unsigned_doc);
  db.commit();
  const auto got = indexed_articles(db);
  REQUIRE(got.size() == 4);
  CHECK(got.at(schema::id_term("old.txt")).docid == 2);
  CHECK(got.at(schema::id_term("old.txt")).signature == "s2");
  CHECK(got.at(schema::id_term("moved.txt")).docid == 3);
  CHECK(got.at(schema::id_term("moved.txt")).signature == "s3");
  CHECK(got.at(schema::id_term("bare.txt")).signature.empty());
  CHECK(found(db) == reference(db));
}

TEST_CASE("what the index holds: an order slot that is not this program's pairing is not trusted") {
  SUBCASE("a path in the order slot that is no ID term") {
    auto db = current_db();
    Xapian::Document doc;  // its order key says x.txt, its ID term y.txt
    doc.add_boolean_term(schema::id_term("y.txt"));
    doc.add_value(schema::kOrderSlot, schema::order_key("", "x.txt"));
    doc.add_value(schema::kSignatureSlot, "sy");
    db.add_document(doc);
    db.add_document(article("x2.txt", "sx2"));
    db.commit();
    const auto got = indexed_articles(db);
    REQUIRE(got.size() == 2);
    CHECK(got.count(schema::id_term("x.txt")) == 0);
    CHECK(got.at(schema::id_term("y.txt")).docid == 1);
    CHECK(got.at(schema::id_term("y.txt")).signature == "sy");
    CHECK(found(db) == reference(db));
  }
  SUBCASE("an index of an older schema, whose slot 8 may hold anything") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.set_metadata(std::string(schema::kMetaSchema), "2");
    Xapian::Document doc;
    doc.add_boolean_term(schema::id_term("a.txt"));
    doc.add_value(schema::kOrderSlot, "short");
    doc.add_value(schema::kSignatureSlot, "sa");
    db.add_document(doc);
    db.add_document(article("b.txt", "sb"));
    db.commit();
    CHECK(indexed_articles(db).size() == 2);
    CHECK(found(db) == reference(db));
  }
  SUBCASE("an empty index") {
    auto db = current_db();
    CHECK(indexed_articles(db).empty());
  }
}
