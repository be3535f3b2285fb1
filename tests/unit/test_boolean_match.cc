#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "index/boolean_match.h"

namespace fs = std::filesystem;
using namespace iran;

namespace {

// 300 documents; term tN in every document whose docid N divides (t1 in all), with gaps
// left by deleted documents, and a boolean term for every tenth.
struct Db {
  fs::path dir = fs::temp_directory_path() / ("iran-boolean-match-" + std::to_string(::getpid()));
  Xapian::Database db;
  Db() {
    fs::remove_all(dir);
    Xapian::WritableDatabase w(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (Xapian::docid d = 1; d <= 300; ++d) {
      Xapian::Document doc;
      for (int n = 1; n <= 12; ++n)
        if (d % static_cast<Xapian::docid>(n) == 0) doc.add_posting("t" + std::to_string(n), 1);
      if (d % 10 == 3) doc.add_boolean_term("Kten");
      w.add_document(doc);
    }
    for (Xapian::docid d = 7; d <= 300; d += 29) w.delete_document(d);
    w.commit();
    db = Xapian::Database(dir.string());
  }
  ~Db() { fs::remove_all(dir); }

  std::vector<Xapian::docid> by_xapian(const Xapian::Query& q) const {
    Xapian::Enquire e(db);
    e.set_query(q);
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_docid_order(Xapian::Enquire::ASCENDING);
    std::vector<Xapian::docid> out;
    const auto m = e.get_mset(0, db.get_doccount(), db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) out.push_back(*it);
    return out;
  }
  std::vector<Xapian::docid> by_us(const Xapian::Query& q, bool* evaluated) const {
    std::vector<Xapian::docid> out;
    *evaluated = index::for_each_match(db, q, [&](Xapian::docid d) { out.push_back(d); });
    return out;
  }
};

Xapian::Query random_query(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> pick(0, 99);
  const int p = pick(rng);
  if (depth == 0 || p < 30) {
    if (p % 10 == 0) return Xapian::Query::MatchAll;
    if (p % 10 == 1) return Xapian::Query::MatchNothing;
    if (p % 10 == 2) return Xapian::Query("Kten");
    if (p % 10 == 3) return Xapian::Query("nosuchterm");
    return Xapian::Query("t" + std::to_string(1 + pick(rng) % 12));
  }
  static const Xapian::Query::op ops[] = {Xapian::Query::OP_AND, Xapian::Query::OP_OR, Xapian::Query::OP_AND_NOT,
                                         Xapian::Query::OP_FILTER, Xapian::Query::OP_AND_MAYBE, Xapian::Query::OP_SYNONYM,
                                         Xapian::Query::OP_MAX};
  if (p < 38) return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, random_query(rng, depth - 1), (p % 2) * 2.5);
  const auto op = ops[p % 7];
  std::vector<Xapian::Query> subs;
  for (int n = 2 + pick(rng) % 3; n > 0; --n) subs.push_back(random_query(rng, depth - 1));
  return Xapian::Query(op, subs.begin(), subs.end());
}

}  // namespace

TEST_CASE("boolean_match: the documents Xapian's match finds, for 2,000 random queries of every evaluated operator") {
  Db d;
  std::mt19937 rng(20261202);
  std::size_t nonempty = 0;
  for (int i = 0; i < 2000; ++i) {
    const Xapian::Query q = random_query(rng, 4);
    CAPTURE(q.get_description());
    bool evaluated = false;
    const auto ours = d.by_us(q, &evaluated);
    REQUIRE(evaluated);
    CHECK(ours == d.by_xapian(q));
    nonempty += !ours.empty();
  }
  CHECK(nonempty > 500);  // the queries are not all empty ones
}

TEST_CASE("boolean_match: queries it does not evaluate are left to Xapian") {
  Db d;
  bool evaluated = true;
  const Xapian::Query t1("t1"), t2("t2");
  (void)d.by_us(Xapian::Query(Xapian::Query::OP_PHRASE, t1, t2), &evaluated);
  CHECK_FALSE(evaluated);
  (void)d.by_us(Xapian::Query(Xapian::Query::OP_OR, t1, Xapian::Query(Xapian::Query::OP_NEAR, t1, t2)), &evaluated);
  CHECK_FALSE(evaluated);
  (void)d.by_us(Xapian::Query(Xapian::Query::OP_AND, t1, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0, "a", "b")), &evaluated);
  CHECK_FALSE(evaluated);
  (void)d.by_us(Xapian::Query(Xapian::Query::OP_XOR, t1, t2), &evaluated);
  CHECK_FALSE(evaluated);
  // An empty query matches nothing, as Xapian's.
  CHECK(d.by_us(Xapian::Query(), &evaluated).empty());
  CHECK(evaluated);
  // Every document, the deleted ones left out.
  CHECK(d.by_us(Xapian::Query::MatchAll, &evaluated).size() == d.db.get_doccount());
}
