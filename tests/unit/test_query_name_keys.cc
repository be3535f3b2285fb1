#include "index/query_name_keys.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "entities/name_key.h"
#include "index/discovered.h"
#include "text/analyzer.h"

using iran::index::expand_name_keys;
using iran::index::name_key_term;
using iran::index::query_name_key_terms;

namespace {

std::string key_term(const std::string& word) { return name_key_term(iran::entities::name_keys(word).front()); }

// An index as the indexer makes one, by hand: words, and the keys of the name-like ones.
// `split`: the articles from the fourth on go to `rest` (two shards of one corpus).
Xapian::WritableDatabase corpus(Xapian::WritableDatabase* rest = nullptr) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  int n = 0;
  auto add = [&](std::vector<std::string> terms) {
    Xapian::Document d;
    for (const auto& t : terms) d.add_term(t);
    (rest && ++n > 3 ? *rest : db).add_document(d);
  };
  add({"kanaani", "said", key_term("Kanaani")});  // an English article: "Kanaani said"
  add({"كنعاني", key_term("كنعاني")});               // an Arabic one that discovery indexed
  add({"said", "rahimi", key_term("Said"), key_term("Rahimi")});  // "Said Rahimi said"
  add({"said", "talks"});
  add({"said", "talks"});
  add({"وزير", "talks"});
  add({"al", "talks"});
  return db;
}

}  // namespace

TEST_SUITE("query_name_keys") {

TEST_CASE("a word the index reads as a name gets its keys") {
  const auto db = corpus();
  CHECK(key_term("Kanaani") == key_term("كنعاني"));
  CHECK(query_name_key_terms(db, "kanaani", "Kanaani") == std::vector<std::string>{key_term("Kanaani")});
  CHECK(query_name_key_terms(db, "kanaani", "kanaani") == std::vector<std::string>{key_term("Kanaani")});
  CHECK(query_name_key_terms(db, "كنعاني", "كنعاني") == std::vector<std::string>{key_term("Kanaani")});
  // Not in the index in its own script, but its key is: only that can be found.
  CHECK(query_name_key_terms(db, "kanani", "Kanani") == std::vector<std::string>{key_term("Kanaani")});
}

TEST_CASE("common words, short words and keys nobody has are not expanded") {
  const auto db = corpus();
  // "said" is in four articles, one of which has the key of "Said": mostly no name.
  CHECK(query_name_key_terms(db, "said", "said").empty());
  CHECK(query_name_key_terms(db, "said", "Said").empty());
  CHECK(query_name_key_terms(db, "talks", "talks").empty());  // no article has its key
  CHECK(query_name_key_terms(db, "وزير", "وزير").empty());
  CHECK(query_name_key_terms(db, "al", "al").empty());
  CHECK(query_name_key_terms(db, "ab", "Ab").empty());  // under three letters
}

TEST_CASE("the query: the word OR its weightless keys, never instead of it") {
  const auto db = corpus();
  iran::text::Analyzer analyzer;
  Xapian::QueryParser parser;
  analyzer.configure(parser);
  parser.set_database(db);
  auto expanded = [&](const std::string& text) {
    const auto q = parser.parse_query(analyzer.normalize(text));
    return expand_name_keys(q, db, parser, analyzer, text).get_description();
  };
  const std::string key = key_term("Kanaani");
  CHECK(expanded("Kanaani said") == "Query(((kanaani@1 OR 0 * " + key + ") OR Zsaid@2))");
  // Lowercase: the stem's word is looked up.
  CHECK(expanded("kanaani").find("Zkanaani@1 OR 0 * " + key) != std::string::npos);
  // In a phrase, no key (it has no position).
  CHECK(expanded("\"Kanaani said\"").find("XN") == std::string::npos);
  // Matching: the Arabic article is found, after the English one.
  Xapian::Enquire enquire(db);
  enquire.set_query(expand_name_keys(parser.parse_query("Kanaani"), db, parser, analyzer, "Kanaani"));
  const auto mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 2);
  CHECK(*mset.begin() == 1);
  CHECK(mset.begin().get_weight() > 0);
  CHECK(*(++mset.begin()) == 2);
}

TEST_CASE("over shards the words' frequencies come from one match and give the same expansion") {
  const auto one = corpus();
  Xapian::WritableDatabase rest(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const auto first = corpus(&rest);
  REQUIRE(first.get_doccount() == 3);
  REQUIRE(rest.get_doccount() == 4);
  Xapian::Database shards(first);
  shards.add_database(rest);
  iran::text::Analyzer analyzer;
  auto expanded = [&](const Xapian::Database& db, const std::string& text) {
    Xapian::QueryParser parser;
    analyzer.configure(parser);
    parser.set_database(db);
    const auto q = parser.parse_query(analyzer.normalize(text));
    return expand_name_keys(q, db, parser, analyzer, text).get_description();
  };
  for (const std::string text : {"Kanaani said", "kanaani", "Said talks", "كنعاني وزير", "Kanani", "al talks"}) {
    CAPTURE(text);
    CHECK(expanded(shards, text) == expanded(one, text));
  }
  CHECK(expanded(shards, "Kanaani said").find("XN") != std::string::npos);
}

TEST_CASE("the parses of one search read the index once: a cache holds what the first read") {
  const auto db = corpus();
  const Xapian::WritableDatabase empty(std::string(), Xapian::DB_BACKEND_INMEMORY);
  iran::text::Analyzer analyzer;
  auto expanded = [&](const Xapian::Database& index, const std::string& text, Xapian::Query::op op,
                      iran::index::NameKeyCache* cache) {
    Xapian::QueryParser parser;
    analyzer.configure(parser);
    parser.set_database(index);
    parser.set_default_op(op);
    const auto q = parser.parse_query(analyzer.normalize(text));
    return expand_name_keys(q, index, parser, analyzer, text, cache).get_description();
  };
  for (const std::string text : {"Kanaani said", "Kanani talks", "Said talks", "كنعاني وزير"}) {
    CAPTURE(text);
    iran::index::NameKeyCache cache;
    const auto all = expanded(db, text, Xapian::Query::OP_AND, &cache);
    CHECK(all == expanded(db, text, Xapian::Query::OP_AND, nullptr));
    CHECK(!cache.frequencies.empty());
    CHECK(!cache.keys.empty());
    // The any-words parse and the spelling one, against an index that has nothing: the
    // same expansion as the real index gives, so nothing was read from it.
    CHECK(expanded(empty, text, Xapian::Query::OP_OR, &cache) == expanded(db, text, Xapian::Query::OP_OR, nullptr));
    CHECK(expanded(empty, text, Xapian::Query::OP_AND, &cache) == all);
  }
  CHECK(expanded(db, "Kanaani said", Xapian::Query::OP_AND, nullptr).find("XN") != std::string::npos);
}

TEST_CASE("deferred: the words are left as they are, their terms collected, and settled from a match's statistics") {
  auto db = corpus();
  iran::text::Analyzer analyzer;
  auto parse = [&](const std::string& text, iran::index::NameKeyCache* cache) {
    Xapian::QueryParser parser;
    analyzer.configure(parser);
    parser.set_database(db);
    const auto q = parser.parse_query(analyzer.normalize(text));
    return std::make_pair(q.get_description(), expand_name_keys(q, db, parser, analyzer, text, cache).get_description());
  };
  for (const std::string text : {"Kanaani said", "Said talks", "كنعاني وزير", "Kanani", "talks"}) {
    CAPTURE(text);
    iran::index::NameKeyCache cache;
    cache.defer = true;
    const auto [plain, deferred] = parse(text, &cache);
    CHECK(deferred == plain);  // nothing read, nothing expanded
    CHECK(cache.frequencies.empty());
    // The match the caller runs anyway, with the wanted terms in it.
    std::vector<std::string> wanted(cache.wanted.begin(), cache.wanted.end());
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query::MatchAll,
                                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                  Xapian::Query(Xapian::Query::OP_OR, wanted.begin(), wanted.end()), 0.0)));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    // settle() takes the frequencies from the match's statistics: a document added to the
    // index after the match (and removed again below) must not change what it reads.
    std::map<std::string, Xapian::doccount> at_match;
    Xapian::Document later;
    for (const auto& t : wanted) {
      at_match[t] = db.get_termfreq(t);
      later.add_term(t);
    }
    const Xapian::docid added = db.add_document(later);
    for (const auto& t : wanted) CHECK(db.get_termfreq(t) == at_match[t] + 1);  // the index did change
    const bool none = cache.settle(db, mset);
    db.delete_document(added);
    CHECK(cache.frequencies == at_match);
    CHECK(!cache.defer);
    CHECK(cache.wanted.empty());
    const auto full = parse(text, nullptr).second;
    // None is a name: the deferred parse was the full one; else a parse with the cache
    // (which reads nothing more: an empty index gives the same) is.
    CHECK(none == (full == plain));
    CHECK(none == (full.find("XN") == std::string::npos));
    const Xapian::WritableDatabase empty(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::QueryParser parser;
    analyzer.configure(parser);
    parser.set_database(empty);
    const auto q = parser.parse_query(analyzer.normalize(text));
    CHECK(expand_name_keys(q, empty, parser, analyzer, text, &cache).get_description() == full);
  }
  iran::index::NameKeyCache names;
  names.defer = true;
  (void)parse("Kanaani said", &names);
  CHECK(names.wanted.count(key_term("Kanaani")) == 1);
  CHECK(names.wanted.count("kanaani") == 1);
}

}  // TEST_SUITE
