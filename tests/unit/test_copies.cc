#include <doctest/doctest.h>
#include <xapian.h>

#include "index/copies.h"
#include "index/schema.h"
#include "index/stored_fields.h"
#include "text/analyzer.h"

using namespace iran::index;

namespace {

const std::string kStory =
    "Iran and Qatar signed an agreement on Tuesday to expand trade and shipping links between their ports, "
    "the foreign ministers said after talks in Doha that also covered regional security and energy cooperation, "
    "adding that a joint committee would meet again next month in Tehran to review progress on the plan. "
    "Officials from both sides described the meeting as constructive and said customs procedures at the "
    "border crossings would be simplified before the end of the year. The ministers also discussed a ferry "
    "service across the Gulf, visas for business travellers, and the situation in Yemen and Afghanistan, "
    "where both governments have said they support a negotiated settlement. Trade between the two countries "
    "grew by about a third last year, according to figures published by the chamber of commerce, and is "
    "expected to grow further once the new shipping line opens in the spring.";

Xapian::Document article(Xapian::WritableDatabase& db, const std::string& path, const std::string& body,
                         const iran::text::Analyzer& analyzer) {
  Xapian::Document doc;
  StoredFields f;
  f.path = path;
  f.body = body;
  doc.set_data(encode(f));
  doc.add_boolean_term(iran::schema::id_term(path));
  assign_copy_key(db, doc, path, body, analyzer);
  return doc;
}

std::vector<std::string> copy_terms(const Xapian::Document& doc) {
  std::vector<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if ((*t).rfind(iran::schema::kCopyPrefix, 0) == 0) out.push_back(*t);
  return out;
}

}  // namespace

TEST_CASE("shingles: a short body has none, a reordered body shares few") {
  CHECK(shingles("Photo: AFP").empty());
  const auto a = shingles(kStory);
  CHECK(a.size() > 30);
  CHECK(overlap(a, a) == doctest::Approx(1.0));
  std::string swapped = kStory;
  swapped.replace(swapped.find("Iran and Qatar"), 14, "Qatar and Iran");
  CHECK(overlap(a, shingles(swapped)) > 0.85);
  CHECK(overlap(a, shingles("the plan Tehran in month next again meet would committee joint a that adding")) < 0.1);
}

TEST_CASE("copies get the key of the first article, other texts their own") {
  const iran::text::Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  db.add_document(article(db, "a.txt", kStory, analyzer));
  db.add_document(article(db, "b.txt", kStory + " Reporting by the newsroom.", analyzer));
  std::string edited = kStory;
  edited.replace(edited.find("on Tuesday"), 10, "on Wednesday");
  db.add_document(article(db, "c.txt", edited, analyzer));
  db.add_document(article(db, "d.txt", "A different story about Oman and shipping in the Strait of Hormuz, "
                                        "told in more than twelve words so that it is compared at all.", analyzer));
  db.add_document(article(db, "e.txt", "Too short to be a copy.", analyzer));
  const std::string key = db.get_document(1).get_value(iran::schema::kCopySlot);
  CHECK(!key.empty());
  CHECK(db.get_document(2).get_value(iran::schema::kCopySlot) == key);
  CHECK(db.get_document(3).get_value(iran::schema::kCopySlot) == key);
  CHECK(db.get_termfreq(std::string(iran::schema::kCopyPrefix) + key) == 3);
  // A story nobody copied has its own key term and no value (nothing to collapse).
  CHECK(db.get_document(4).get_value(iran::schema::kCopySlot).empty());
  CHECK(copy_terms(db.get_document(4)).size() == 1);
  CHECK(copy_terms(db.get_document(4)) != copy_terms(db.get_document(1)));
  CHECK(db.get_document(5).get_value(iran::schema::kCopySlot).empty());
  CHECK(copy_terms(db.get_document(5)).empty());
}

TEST_CASE("an article gets the collapse value when its first copy arrives, and only then") {
  const iran::text::Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const Xapian::docid first = db.add_document(article(db, "a.txt", kStory, analyzer));
  CHECK(db.get_document(first).get_value(iran::schema::kCopySlot).empty());
  const auto terms = copy_terms(db.get_document(first));
  REQUIRE(terms.size() == 1);
  const Xapian::docid copy = db.add_document(article(db, "b.txt", kStory + " Reporting by the newsroom.", analyzer));
  const std::string key = db.get_document(first).get_value(iran::schema::kCopySlot);
  CHECK(!key.empty());
  CHECK(db.get_document(copy).get_value(iran::schema::kCopySlot) == key);
  // The key is the one the first article's term already named.
  CHECK(terms.front() == std::string(iran::schema::kCopyPrefix) + key);
  CHECK(copy_terms(db.get_document(copy)) == terms);
  // Xapian collapses the two into one hit.
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query::MatchAll);
  enquire.set_collapse_key(iran::schema::kCopySlot);
  const Xapian::MSet mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 1);
  CHECK(mset.begin().get_collapse_count() == 1);
}

TEST_CASE("an article's own older version is not its copy") {
  const iran::text::Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const Xapian::docid id = db.add_document(article(db, "a.txt", kStory, analyzer));
  const std::string first = db.get_document(id).get_value(iran::schema::kCopySlot);
  db.replace_document(id, article(db, "a.txt", kStory, analyzer));
  CHECK(db.get_document(id).get_value(iran::schema::kCopySlot) == first);
}
