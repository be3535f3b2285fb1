// The sharded build, through build_index: the layout it writes, copy keys across
// shards, and the steps of a move between shards, checked in every state a searcher
// could open (index/shard_state.h).
#include <doctest/doctest.h>
#include <xapian.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "entities/gazetteer.h"
#include "index/layout.h"
#include "index/schema.h"
#include "index/shard_state.h"
#include "index/searcher.h"
#include "index/shards.h"
#include "index/target.h"
#include "index/writer.h"
#include "text/analyzer.h"

namespace fs = std::filesystem;
using namespace iran;

namespace {

const std::string kBody =
    "Iran and Qatar signed a new agreement on energy cooperation in Doha on Monday, officials said, "
    "after two days of talks between the foreign ministers about gas fields, shipping and trade in the Gulf.";

struct Fixture {
  fs::path dir = fs::temp_directory_path() / ("iran-target-" + std::to_string(::getpid()));
  fs::path corpus = dir / "corpus", db = dir / "index";
  entities::Gazetteer gazetteer = entities::Gazetteer::load(entities::find_data_dir());
  text::Analyzer analyzer;
  Fixture() {
    fs::remove_all(dir);
    fs::create_directories(corpus);
  }
  ~Fixture() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& date, const std::string& body = kBody) {
    std::ofstream(corpus / name) << body << "\n";
    std::ofstream(corpus / (name + ".meta")) << "source: reuters\nlang: en\n" << (date.empty() ? "" : "date: " + date + "\n");
  }
  index::BuildReport build(const std::string& shards = "year", std::function<void(const std::string&)> hook = {}) {
    index::BuildOptions options;
    options.corpus = corpus;
    options.db = db;
    options.shards = index::ShardScheme::parse(shards);
    options.after_shard_commit = std::move(hook);
    return index::build_index(options, gazetteer, analyzer);
  }
};

Xapian::doccount count(const Xapian::Database& db, const std::string& term) { return db.get_termfreq(term); }

}  // namespace

TEST_CASE("--shards year: a shard per year, undated apart; Xapian opens the whole layout") {
  Fixture f;
  f.write("a.txt", "2021-03-04");
  f.write("b.txt", "2022-05", "Another story entirely about sanctions, oil exports and the nuclear talks in Vienna this week.");
  f.write("c.txt", "");
  const auto report = f.build();
  CHECK(report.added == 3);
  const auto layout = index::read_layout(f.db);
  REQUIRE(layout);
  REQUIRE(layout->shards.size() == 3);
  CHECK(layout->shards[0].name == "2021");
  CHECK(layout->shards[1].name == "2022");
  CHECK(layout->shards[2].name == "undated");
  const Xapian::Database all(f.db.string());
  CHECK(all.get_doccount() == 3);
  for (const auto& s : layout->shards) {
    const Xapian::Database shard(s.generation.string());
    CHECK(shard.get_doccount() == 1);
    CHECK(shard.get_metadata(std::string(schema::kMetaLayoutShard)) == s.name);
    CHECK(!shard.get_metadata(std::string(schema::kMetaAnalyzer)).empty());
    // Each shard directory is an index directory of its own (what xapian-tcpsrv serves).
    CHECK(Xapian::Database((f.db / s.name).string()).get_doccount() == 1);
  }
  CHECK(f.build().changed() == false);

  // The split is the layout's: another one is refused, a single index is not overwritten.
  CHECK_THROWS_WITH_AS(f.build("hash:2"), doctest::Contains("split by 'year', not 'hash:2'"), index::BuildError);
  index::BuildOptions one;
  one.corpus = f.corpus;
  one.db = f.db / "2021";
  CHECK_THROWS_WITH_AS(index::build_index(one, f.gazetteer, f.analyzer), doctest::Contains("is shard '2021' of a layout"),
                       index::BuildError);
}

TEST_CASE("copies in different shards get one copy key") {
  Fixture f;
  f.write("a.txt", "2021-03-04");
  f.write("b.txt", "2023-01-02");  // the same story a year later, in another shard
  f.build();
  const Xapian::Database all(f.db.string());
  std::set<std::string> keys;
  for (auto v = all.valuestream_begin(schema::kCopySlot); v != all.valuestream_end(schema::kCopySlot); ++v) keys.insert(*v);
  CHECK(keys.size() == 1);
}

TEST_CASE("hash:N: every bucket exists from the first build; a date edit moves nothing") {
  Fixture f;
  f.write("a.txt", "2021-03-04");
  f.build("hash:3");
  const auto layout = index::read_layout(f.db);
  REQUIRE(layout);
  CHECK(layout->shards.size() == 3);
  f.write("a.txt", "2024-03-04");
  const auto report = f.build("hash:3");
  CHECK(report.updated == 1);
  CHECK(Xapian::Database(f.db.string()).get_doccount() == 1);
}

// Every shard's generation copied after each of its commits: the states a searcher may
// open. Then every combination of one state per shard, brought forward as a searcher's
// fences bring it, must show the moved article exactly once.
TEST_CASE("an article whose year changes moves as one update, in every state a searcher can open") {
  Fixture f;
  f.write("moving.txt", "2021-03-04");
  f.write("stays.txt", "2022-06-01", "A different article on shipping in the Strait of Hormuz and the navy's patrols there.");
  f.build();
  const auto layout = index::read_layout(f.db);
  REQUIRE(layout);
  std::map<std::string, std::vector<fs::path>> snapshots;
  const fs::path snap = f.dir / "snap";
  auto take = [&](const std::string& shard) {
    const fs::path generation = index::read_layout(f.db) ? f.db / shard / "gen-000001" : fs::path();
    const fs::path to = snap / shard / std::to_string(snapshots[shard].size());
    fs::create_directories(to.parent_path());
    fs::copy(generation, to, fs::copy_options::recursive);
    snapshots[shard].push_back(to);
  };
  for (const auto& s : layout->shards) take(s.name);
  f.write("moving.txt", "2022-03-04");
  const auto report = f.build("year", take);
  CHECK(report.updated == 1);
  REQUIRE(snapshots["2021"].size() >= 3);
  REQUIRE(snapshots["2022"].size() >= 3);

  const std::string id = schema::id_term("moving.txt");
  auto state_of = [](const fs::path& p) {
    return index::ShardState::decode(Xapian::Database(p.string()).get_metadata(std::string(schema::kMetaLayoutState)));
  };
  int combinations = 0;
  for (std::size_t a = 0; a < snapshots["2021"].size(); ++a)
    for (std::size_t b = 0; b < snapshots["2022"].size(); ++b) {
      std::map<std::string, std::size_t> at{{"2021", a}, {"2022", b}};
      // A searcher reopens a shard its fences say it opened too early (reopening gives
      // the newest state; the earliest state that satisfies the fence is the hardest case).
      for (int round = 0; round < 10; ++round) {
        std::map<std::string, index::ShardState> states;
        for (const auto& [name, i] : at) states[name] = state_of(snapshots[name][i]);
        const auto stale = index::stale_shards(states);
        if (stale.empty()) break;
        for (const auto& name : stale) {
          std::uint64_t need = 0;
          for (const auto& [other, st] : states)
            if (st.fence.count(name)) need = std::max(need, st.fence.at(name));
          while (state_of(snapshots[name][at[name]]).seq < need) ++at[name];
        }
      }
      std::vector<index::ShardState> states;
      Xapian::Database both;
      for (const auto& [name, i] : at) {
        states.push_back(state_of(snapshots[name][i]));
        both.add_database(Xapian::Database(snapshots[name][i].string()));
      }
      const auto hidden = index::hidden_terms(states);
      Xapian::Query q(id);
      if (!hidden.empty()) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(Xapian::Query::OP_OR, hidden.begin(), hidden.end()));
      Xapian::Enquire enquire(both);
      enquire.set_query(q);
      const auto mset = enquire.get_mset(0, 10, both.get_doccount());
      INFO("2021 at state " << at["2021"] << ", 2022 at state " << at["2022"]);
      CHECK(mset.get_matches_estimated() == 1);
      ++combinations;
    }
  CHECK(combinations >= 9);
  // In the end: in 2022 only, no mark left that hides anything.
  const Xapian::Database all(f.db.string());
  CHECK(count(Xapian::Database((f.db / "2021").string()), id) == 0);
  CHECK(count(Xapian::Database((f.db / "2022").string()), id) == 1);
  CHECK(all.get_doccount() == 2);
}

TEST_CASE("a move cut by a kill is undone or finished by the next build") {
  Fixture f;
  f.write("moving.txt", "2021-03-04");
  f.build();
  f.write("moving.txt", "2022-03-04");
  // Kill after the first step (both shards committed their part, nothing revealed).
  struct Killed {};
  int commits = 0;
  CHECK_THROWS_AS(f.build("year", [&](const std::string&) {
    if (++commits == 2) throw Killed{};
  }), Killed);
  {
    // What is on disk now: both copies, the new one marked; a searcher hides it.
    const Xapian::Database all(f.db.string());
    CHECK(all.get_termfreq(schema::id_term("moving.txt")) == 2);
    const index::ShardSet set(f.db, {});
    Xapian::Enquire enquire(set.database());
    enquire.set_query(set.visible(Xapian::Query(schema::id_term("moving.txt"))));
    const auto mset = enquire.get_mset(0, 10, set.database().get_doccount());
    REQUIRE(mset.size() == 1);
    CHECK(Xapian::Database((f.db / "2021").string()).term_exists(schema::id_term("moving.txt")));
    CHECK(mset.begin().get_document().get_value(schema::kDateSlot) == "20210304");
    // `iransearch show moving.txt` takes the same copy.
    index::Searcher searcher(f.db, f.gazetteer, f.analyzer);
    CHECK(searcher.database().get_document(searcher.resolve_article("moving.txt")).get_value(schema::kDateSlot) ==
          "20210304");
  }
  const auto report = f.build();
  CHECK(report.updated == 1);
  const Xapian::Database all(f.db.string());
  CHECK(all.get_doccount() == 1);
  CHECK(count(Xapian::Database((f.db / "2022").string()), schema::id_term("moving.txt")) == 1);
  for (const auto& name : {"2021", "2022"})
    CHECK(index::ShardState::decode(Xapian::Database((f.db / name).string()).get_metadata(std::string(schema::kMetaLayoutState)))
              .pend.empty());
}

TEST_CASE("a killed --full of a layout is resumed, and published whole") {
  Fixture f;
  for (int i = 0; i < 6; ++i)
    f.write("a" + std::to_string(i) + ".txt", "202" + std::to_string(i % 3) + "-01-02",
            "Story number " + std::to_string(i) + " about trade, sanctions and the talks in Vienna between the parties.");
  f.build();
  const auto before = index::read_layout(f.db);
  REQUIRE(before);
  struct Killed {};
  int commits = 0;
  index::BuildOptions options;
  options.corpus = f.corpus;
  options.db = f.db;
  options.full = true;
  options.batch_size = 2;
  options.after_shard_commit = [&](const std::string&) {
    if (++commits == 4) throw Killed{};
  };
  CHECK_THROWS_AS(index::build_index(options, f.gazetteer, f.analyzer), Killed);
  // Nothing published: searchers still open the old generations.
  const auto during = index::read_layout(f.db);
  REQUIRE(during);
  for (std::size_t i = 0; i < during->shards.size(); ++i) CHECK(during->shards[i].generation == before->shards[i].generation);
  CHECK(Xapian::Database(f.db.string()).get_doccount() == 6);
  options.after_shard_commit = {};
  const auto report = index::build_index(options, f.gazetteer, f.analyzer);
  CHECK(report.resumed);
  const auto after = index::read_layout(f.db);
  REQUIRE(after);
  for (std::size_t i = 0; i < after->shards.size(); ++i) CHECK(after->shards[i].generation != before->shards[i].generation);
  CHECK(Xapian::Database(f.db.string()).get_doccount() == 6);
}

TEST_CASE("an emptied corpus deletes nothing from a layout (the bound counts every shard)") {
  Fixture f;
  f.write("a.txt", "2021-03-04");
  f.write("b.txt", "2022-03-04", "Another story about oil exports, tankers and the sanctions that hit them this spring.");
  f.build();
  fs::remove(f.corpus / "a.txt");
  fs::remove(f.corpus / "a.txt.meta");
  fs::remove(f.corpus / "b.txt");
  fs::remove(f.corpus / "b.txt.meta");
  const auto report = f.build();
  CHECK(report.refused_deletions == 2);
  CHECK(Xapian::Database(f.db.string()).get_doccount() == 2);
}
