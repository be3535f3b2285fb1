#include <doctest/doctest.h>
#include <unistd.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "entities/discovery.h"
#include "entities/gazetteer.h"
#include "index/discovered.h"
#include "index/discovered_summary.h"
#include "index/facets.h"
#include "index/ingest.h"
#include "index/schema.h"
#include "index/search_request.h"
#include "index/shards.h"
#include "text/analyzer.h"

using namespace iran;
namespace fs = std::filesystem;

namespace {

struct ShardDir {
  fs::path path;
  ShardDir() {
    path = fs::temp_directory_path() / ("iran-shards-" + std::to_string(::getpid()) + "-" + std::to_string(rand()));
    fs::create_directories(path);
  }
  ~ShardDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

// A glass database of `n` documents with a sortable value and a two-valued facet.
void make_db(const fs::path& p, int n, int offset) {
  Xapian::WritableDatabase db(p.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  for (int i = 0; i < n; ++i) {
    Xapian::Document doc;
    doc.add_term("all");
    doc.add_value(0, std::to_string(1000 + i * 3 + offset));
    doc.add_value(1, i % 2 ? "x" : "y");
    db.add_document(doc);
  }
  db.set_metadata(std::string(schema::kMetaAnalyzer), std::string(text::kAnalyzerVersion));
  db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::kMetaGazetteer), "g");
  db.commit();
}

// A shard like an index's: documents with data, an ingest stamp, and discovered
// officials (XD terms) with their XP terms; `seed` varies the names, roles and counts.
void make_people_db(const fs::path& p, int n, int seed) {
  Xapian::WritableDatabase db(p.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  const char* names[] = {"Qasim al-Araji", "Qasim Al Araji", "قاسم الأعرجي"};
  const char* roles[] = {"Interior Minister", "", "وزير الداخلية"};
  for (int i = 0; i < n; ++i) {
    Xapian::Document doc;
    doc.add_term("all");
    doc.set_data("doc " + std::to_string(seed) + "-" + std::to_string(i));
    doc.add_value(schema::kIndexedSlot, "2026-0" + std::to_string(1 + (seed + i) % 9) + "-01T00:00:00Z");
    entities::DiscoveredOfficial d;
    d.id = (i + seed) % 3 ? "qasim-al-araji" : "person-" + std::to_string(seed);
    d.name = names[(i * 7 + seed) % 3];
    d.role = roles[(i + seed) % 3];
    d.country = (i + seed) % 2 ? "IQ" : "";
    doc.add_term(index::discovered_term(d));
    doc.add_term(std::string(schema::kOfficialPrefix) + d.id);
    if (i % 2) doc.add_term(std::string(schema::kOfficialPrefix) + "listed-person");
    db.add_document(doc);
  }
  db.set_metadata(std::string(schema::kMetaAnalyzer), std::string(text::kAnalyzerVersion));
  db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::kMetaGazetteer), "g");
  db.commit();
}

bool same(const std::map<std::string, index::DiscoveredInfo>& a, const std::map<std::string, index::DiscoveredInfo>& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [id, x] : a) {
    const auto y = b.find(id);
    if (y == b.end() || x.name != y->second.name || x.role != y->second.role || x.country != y->second.country ||
        x.articles != y->second.articles)
      return false;
  }
  return true;
}

bool have_progsrv() { return std::system("command -v xapian-progsrv >/dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("shard_specs reads Xapian's stub format, relative paths from the stub's folder") {
  ShardDir dir;
  make_db(dir.path / "a", 1, 0);
  dir.write("all.stub",
            "# comment\n\nauto a\nremote 10.0.0.5:7001\nremote [::1]:7002\nremote :xapian-progsrv /srv/x\n");
  const auto specs = index::shard_specs(dir.path / "all.stub");
  REQUIRE(specs.size() == 4);
  CHECK(specs[0].kind == index::ShardSpec::Kind::Local);
  CHECK(specs[0].path == dir.path / "a");
  CHECK(specs[1].name() == "remote:tcp(10.0.0.5:7001)");
  CHECK(specs[2].host == "::1");
  CHECK(specs[2].port == 7002);
  CHECK(specs[3].name() == "remote:prog(xapian-progsrv /srv/x)");
}

TEST_CASE("a stub naming a stub is followed to its leaves; an iranidx index directory is one shard") {
  ShardDir dir;
  fs::create_directories(dir.path / "idx");
  make_db(dir.path / "idx" / "gen-000001", 1, 0);
  dir.write("idx/XAPIANDB", "auto gen-000001\n");
  make_db(dir.path / "b", 1, 0);
  dir.write("inner.stub", "auto b\n");
  dir.write("outer.stub", "auto idx\nauto inner.stub\n");
  const auto specs = index::shard_specs(dir.path / "outer.stub");
  REQUIRE(specs.size() == 2);
  CHECK(specs[0].path == dir.path / "idx");
  CHECK(specs[1].path == dir.path / "b");
}

TEST_CASE("a bad stub line is named with its line number") {
  ShardDir dir;
  dir.write("bad.stub", "remote 10.0.0.5:7001\nremote 10.0.0.5:http\n");
  CHECK_THROWS_WITH_AS(index::shard_specs(dir.path / "bad.stub"),
                       doctest::Contains("bad.stub line 2: 'http' is not a port number"), index::IndexError);
  dir.write("bad2.stub", "fancy thing\n");
  CHECK_THROWS_WITH_AS(index::shard_specs(dir.path / "bad2.stub"), doctest::Contains("line 1: not a shard line"),
                       index::IndexError);
  dir.write("gone.stub", "auto nowhere\n");
  CHECK_THROWS_WITH_AS(index::shard_specs(dir.path / "gone.stub"), doctest::Contains("line 1: no database at"),
                       index::IndexError);
}

TEST_CASE("check_shard names the shard and what differs") {
  index::ShardMeta meta{std::string(text::kAnalyzerVersion), std::string(schema::kSchemaVersion), "g1", 5, "", "", "", nullptr, std::nullopt};
  CHECK(index::check_shard("s1", meta, "", "").empty());
  CHECK(index::check_shard("s2", meta, "g1", "s1").empty());
  CHECK(index::check_shard("s2", meta, "g2", "s1").find("the index at s2 was built with other gazetteer data") == 0);
  meta.analyzer = "0";
  CHECK(index::check_shard("s2", meta, "g1", "s1").find("the index at s2 was built by analyzer version '0'") == 0);
  meta.analyzer = std::string(text::kAnalyzerVersion);
  meta.schema = "1";
  CHECK(index::check_shard("s2", meta, "g1", "s1").find("the index at s2 has schema version '1'") == 0);
  // A first build that has just begun: no versions yet, no documents.
  CHECK(index::check_shard("s3", index::ShardMeta{}, "g1", "s1").empty());
}

TEST_CASE("Xapian 1.4 over-counts match spies sorted by value over 2+ remote shards; ServerValueCountSpy does not") {
  if (!have_progsrv()) return;  // xapian-tools not installed
  ShardDir dir;
  Xapian::Database db;
  for (int s = 0; s < 3; ++s) {
    make_db(dir.path / std::to_string(s), 50, s);
    db.add_database(Xapian::Remote::open("xapian-progsrv", (dir.path / std::to_string(s)).string()));
  }
  for (const bool by_value : {false, true}) {
    Xapian::Enquire stock(db);
    stock.set_query(Xapian::Query("all"));
    if (by_value) stock.set_sort_by_value_then_relevance(0, true);
    Xapian::ValueCountMatchSpy stock_spy(1);
    stock.add_matchspy(&stock_spy);
    const auto mset = stock.get_mset(0, 10, db.get_doccount());
    REQUIRE(mset.get_matches_estimated() == 150);
    // Relevance order counts right; value order counts remote documents twice.
    if (by_value) CHECK(stock_spy.get_total() > 150);
    else CHECK(stock_spy.get_total() == 150);

    Xapian::Enquire fixed(db);
    fixed.set_query(Xapian::Query("all"));
    if (by_value) fixed.set_sort_by_value_then_relevance(0, true);
    index::ServerValueCountSpy spy(1);
    fixed.add_matchspy(&spy);
    fixed.get_mset(0, 10, db.get_doccount());
    CHECK(spy.get_total() == 150);
    const auto counts = index::split_counts(spy);
    CHECK(counts.at("x") == 75);
    CHECK(counts.at("y") == 75);
  }
}

TEST_CASE("ShardSet opens a stub of shards, checks each, and names one that does not answer") {
  if (!have_progsrv()) return;
  ShardDir dir;
  make_db(dir.path / "a", 3, 0);
  make_db(dir.path / "b", 4, 0);
  {
    Xapian::WritableDatabase b((dir.path / "b").string());
    b.set_metadata(std::string(schema::kMetaAnalyzer), "0");
    b.commit();
  }
  dir.write("two.stub", "auto a\nremote :xapian-progsrv " + (dir.path / "b").string() + "\n");
  const std::string named = "the index at remote:prog(xapian-progsrv " + (dir.path / "b").string() + ") was built by";
  CHECK_THROWS_WITH_AS(index::ShardSet(dir.path / "two.stub", {}), doctest::Contains(named.c_str()), index::IndexError);
  dir.write("down.stub", "auto a\nremote 127.0.0.1:1\n");
  CHECK_THROWS_WITH_AS(index::ShardSet(dir.path / "down.stub", {}),
                       doctest::Contains("shard remote:tcp(127.0.0.1:1) did not answer"), index::IndexError);
  index::ShardOptions partial;
  partial.partial = true;
  const index::ShardSet set(dir.path / "down.stub", partial);
  CHECK(set.report().asked == 2);
  CHECK(set.report().answered == 1);
  CHECK(set.report().missing == std::vector<std::string>{"remote:tcp(127.0.0.1:1)"});
  CHECK(set.database().get_doccount() == 3);
}

TEST_CASE("ShardSet reads documents, ingest stamps and discovered officials shard by shard, as the combination gives them") {
  ShardDir dir;
  make_people_db(dir.path / "a", 5, 1);
  make_people_db(dir.path / "b", 9, 2);
  make_people_db(dir.path / "c", 2, 3);
  make_people_db(dir.path / "d1", 3, 4);
  make_people_db(dir.path / "d2", 4, 5);
  dir.write("d.stub", "auto d1\nauto d2\n");  // a shard that is a stub of two counts as two databases
  std::vector<std::string> stubs = {"auto a\nauto b\nauto d.stub\nauto c\n"};
  if (have_progsrv())
    stubs.push_back("auto a\nremote :xapian-progsrv " + (dir.path / "b").string() + "\nremote :xapian-progsrv " +
                    (dir.path / "c").string() + "\nremote :xapian-progsrv " + (dir.path / "d1").string() + "\n");
  for (const auto& stub : stubs) {
    CAPTURE(stub);
    dir.write("all.stub", stub);
    for (const bool at_open : {false, true}) {
      index::ShardOptions options;
      options.read_discovered = at_open;
      options.read_ingest = at_open;
      index::ShardSet set(dir.path / "all.stub", options);
      // The ingest stamps: read at open, or not until asked.
      for (const auto& meta : set.shard_metas()) {
        CHECK(meta.ingest_read == at_open);
        CHECK(meta.latest_ingest.empty() != at_open);
      }
      const Xapian::Database& all = set.database();
      // Every document, in an order of its own, as the combination reads it.
      std::vector<Xapian::docid> ids;
      for (auto p = all.postlist_begin("all"); p != all.postlist_end("all"); ++p) ids.insert(ids.begin(), *p);
      REQUIRE(ids.size() == all.get_doccount());
      const auto docs = set.documents(ids);
      REQUIRE(docs.size() == ids.size());
      for (std::size_t k = 0; k < ids.size(); ++k) {
        CHECK(docs[k].get_data() == all.get_document(ids[k]).get_data());
        CHECK(docs[k].get_value(schema::kIndexedSlot) == all.get_document(ids[k]).get_value(schema::kIndexedSlot));
      }
      CHECK(set.latest_ingest_stamp() == index::latest_ingest_stamp(all));
      CHECK_FALSE(set.latest_ingest_stamp().empty());
      for (const auto& meta : set.shard_metas()) {
        CHECK(meta.ingest_read);
        CHECK_FALSE(meta.latest_ingest.empty());
      }
      // Discovered officials: the shards' tallies summed, read at open or now, equal the
      // combination's.
      index::DiscoveredTally sum;
      for (std::size_t i = 0; i < set.shard_metas().size(); ++i) {
        CHECK(static_cast<bool>(set.shard_metas()[i].discovered) == at_open);
        sum.add(at_open ? set.shard_metas()[i].discovered->tally() : index::discovered_tally(set.shard_databases()[i]));
      }
      const auto expected = index::discovered_officials(all);
      CHECK(expected.size() >= 4);
      CHECK(same(index::discovered_officials(sum), expected));
      CHECK(expected.at("qasim-al-araji").articles == all.get_termfreq("XPqasim-al-araji"));
    }
  }
}

TEST_CASE("for_each_shard runs on every shard and rethrows the first failure as it was") {
  if (!have_progsrv()) return;
  ShardDir dir;
  make_db(dir.path / "a", 2, 0);
  make_db(dir.path / "b", 3, 0);
  dir.write("two.stub", "remote :xapian-progsrv " + (dir.path / "a").string() + "\nremote :xapian-progsrv " +
                            (dir.path / "b").string() + "\n");
  const index::ShardSet set(dir.path / "two.stub", {});
  std::vector<Xapian::doccount> counts(2);
  set.for_each_shard([&](std::size_t i, const Xapian::Database& shard) { counts[i] = shard.get_doccount(); });
  CHECK(counts == std::vector<Xapian::doccount>{2, 3});
  CHECK_THROWS_AS(set.for_each_shard([](std::size_t i, const Xapian::Database&) {
                    if (i == 1) throw Xapian::NetworkError("gone");
                  }),
                  Xapian::NetworkError);
}

TEST_CASE("a match's term statistics equal the shards' term frequencies (unknown words without round trips)") {
  if (!have_progsrv()) return;
  ShardDir dir;
  make_people_db(dir.path / "a", 5, 1);
  make_people_db(dir.path / "b", 9, 2);
  dir.write("two.stub", "remote :xapian-progsrv " + (dir.path / "a").string() + "\nremote :xapian-progsrv " +
                            (dir.path / "b").string() + "\n");
  const index::ShardSet set(dir.path / "two.stub", {});
  const std::vector<std::string> terms = {"all", "XPlisted-person", "XPnobody", "nosuchword"};
  const Xapian::Query q(Xapian::Query::OP_FILTER,
                        Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(terms[0]),
                                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(terms[3]), 0.0)),
                        Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(terms[1]), Xapian::Query(terms[2])));
  Xapian::Enquire enquire(set.database());
  enquire.set_query(q);
  const auto mset = enquire.get_mset(0, 3);
  for (const auto& t : terms) CHECK(mset.get_termfreq(t) == set.database().get_termfreq(t));
  CHECK(mset.get_termfreq("XPlisted-person") > 0);
}

TEST_CASE("PendingShards opens while the caller goes on, and throws what opening threw") {
  ShardDir dir;
  make_db(dir.path / "a", 3, 0);
  index::PendingShards pending(dir.path / "a", {});
  CHECK(pending.take().database().get_doccount() == 3);
  index::PendingShards missing(dir.path / "none", {});
  CHECK_THROWS_WITH_AS(missing.take(), doctest::Contains("no index at"), index::IndexError);
}

TEST_CASE("PendingShards::take(gazetteer, analyzer) finds the synonym catalog while remote shards open: the same set") {
  ShardDir dir;
  make_db(dir.path / "a", 3, 0);
  make_db(dir.path / "b", 2, 1);
  const char* was = std::getenv("XDG_CACHE_HOME");
  const std::string cache_before = was ? was : "";
  setenv("XDG_CACHE_HOME", (dir.path / "cache").c_str(), 1);
  const auto gazetteer = entities::Gazetteer::load(entities::find_data_dir());
  const text::Analyzer analyzer;
  auto synonyms = [](const Xapian::Database& db) {
    std::vector<std::string> keys(db.synonym_keys_begin(), db.synonym_keys_end());
    std::vector<std::string> all;
    for (const auto& k : keys)
      for (auto s = db.synonyms_begin(k); s != db.synonyms_end(k); ++s) all.push_back(k + "=" + *s);
    return all;
  };
  // One local index: no catalog, as before.
  index::PendingShards local(dir.path / "a", {});
  const auto one = local.take(gazetteer, analyzer);
  CHECK(synonyms(one.parser_database()).empty());
  CHECK(one.parser_database().get_doccount() == 3);
  if (have_progsrv()) {
    dir.write("two.stub", "auto a\nremote :xapian-progsrv " + (dir.path / "b").string() + "\n");
    index::PendingShards early(dir.path / "two.stub", {});
    const auto meanwhile = early.take(gazetteer, analyzer);
    index::PendingShards late(dir.path / "two.stub", {});
    auto after = late.take();
    after.use_synonym_catalog(gazetteer, analyzer);
    const auto found = synonyms(meanwhile.parser_database());
    CHECK(found.size() > 100);  // the gazetteer's names, in every script
    CHECK(found == synonyms(after.parser_database()));
    // The catalog is the parser's only: Enquire's database holds the shards alone.
    CHECK(meanwhile.database().get_doccount() == 5);
    CHECK(synonyms(meanwhile.database()).empty());
  }
  // A stub that does not parse is still reported by the opening.
  dir.write("bad.stub", "remote nowhere\n");
  index::PendingShards bad(dir.path / "bad.stub", {});
  CHECK_THROWS_AS(bad.take(gazetteer, analyzer), index::IndexError);
  if (was) setenv("XDG_CACHE_HOME", cache_before.c_str(), 1);
  else unsetenv("XDG_CACHE_HOME");
}

TEST_CASE("changes() counts the shards reopened at a newer revision, not the reopens that find none") {
  ShardDir dir;
  make_db(dir.path / "a", 2, 0);
  make_db(dir.path / "b", 3, 0);
  dir.write("two.stub", "auto a\nauto b\n");
  index::ShardSet set(dir.path / "two.stub", {});
  CHECK(set.changes() == 0);
  CHECK_FALSE(set.reopen());
  CHECK(set.changes() == 0);
  {
    Xapian::WritableDatabase b((dir.path / "b").string());
    b.add_document(Xapian::Document());
    b.commit();
  }
  CHECK(set.reopen());
  CHECK(set.changes() == 1);
  CHECK(set.database().get_doccount() == 6);
}
