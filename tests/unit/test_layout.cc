#include <doctest/doctest.h>
#include <xapian.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

#include "index/layout.h"
#include "index/schema.h"
#include "index/search_request.h"

namespace fs = std::filesystem;
using namespace iran::index;

namespace {
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("iran-layout-" + std::to_string(::getpid()));
  TempDir() { fs::remove_all(path); fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};
}  // namespace

TEST_CASE("shard schemes: year and hash:N, and nothing else") {
  CHECK(ShardScheme::parse("year").text() == "year");
  CHECK(ShardScheme::parse("hash:4").text() == "hash:4");
  CHECK(ShardScheme::parse("hash:4").buckets == 4);
  CHECK_THROWS_WITH_AS(ShardScheme::parse("month"), doctest::Contains("use 'year' or 'hash:N'"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(ShardScheme::parse("hash:1"), doctest::Contains("from 2 to 64"), std::invalid_argument);
  CHECK_THROWS_AS(ShardScheme::parse("hash:"), std::invalid_argument);
  CHECK_THROWS_AS(ShardScheme::parse("hash:x"), std::invalid_argument);
  CHECK_THROWS_AS(ShardScheme::parse("hash:65"), std::invalid_argument);
  CHECK_THROWS_AS(ShardScheme::parse("hash:-3"), std::invalid_argument);
}

TEST_CASE("an article's shard: its year, undated apart; or a stable hash of its path") {
  const auto year = ShardScheme::parse("year");
  CHECK(year.shard_for("Qa.txt", "20211213") == "2021");
  CHECK(year.shard_for("Qa.txt", "") == "undated");
  CHECK(year.valid_name("2021"));
  CHECK(year.valid_name("undated"));
  CHECK(!year.valid_name("home"));
  CHECK(!year.valid_name("20x1"));
  CHECK(year.fixed_shards().empty());

  const auto hash = ShardScheme::parse("hash:3");
  CHECK(hash.fixed_shards() == std::vector<std::string>{"hash-00", "hash-01", "hash-02"});
  // The date plays no part: an edited date never moves an article in a hash layout.
  CHECK(hash.shard_for("Qa.txt", "20211213") == hash.shard_for("Qa.txt", ""));
  std::set<std::string> used;
  for (int i = 0; i < 60; ++i) used.insert(hash.shard_for("Qarticle-" + std::to_string(i) + ".txt", ""));
  CHECK(used.size() == 3);
  CHECK(!hash.valid_name("hash-03"));
}

TEST_CASE("the layout stub: Xapian opens it, iranidx reads its split and home back") {
  TempDir dir;
  Layout layout;
  layout.scheme = ShardScheme::parse("year");
  layout.home = dir.path / "home" / "gen-000001";
  for (const char* name : {"undated", "2022", "2021"}) {
    const fs::path gen = dir.path / name / "gen-000001";
    fs::create_directories(gen.parent_path());
    Xapian::WritableDatabase db(gen.string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term(std::string("Q") + name);
    db.add_document(doc);
    db.commit();
    layout.shards.push_back({name, gen});
  }
  fs::create_directories(layout.home.parent_path());
  Xapian::WritableDatabase(layout.home.string(), Xapian::DB_CREATE).commit();
  CHECK(!is_layout(dir.path));
  publish_layout(dir.path, layout);
  CHECK(is_layout(dir.path));
  const auto back = read_layout(dir.path);
  REQUIRE(back);
  CHECK(back->scheme == layout.scheme);
  CHECK(back->home == layout.home);
  REQUIRE(back->shards.size() == 3);
  CHECK(back->shards[0].name == "2021");  // years ascending, undated last
  CHECK(back->shards[1].name == "2022");
  CHECK(back->shards[2].name == "undated");
  // Xapian's own reading of the stub: all three shards, the home left out.
  const Xapian::Database all(dir.path.string());
  CHECK(all.get_doccount() == 3);
  CHECK(all.term_exists("Qundated"));
  const auto state = published_state(dir.path);
  REQUIRE(state);
  CHECK(state->find("auto 2021/gen-000001") != std::string::npos);
}

TEST_CASE("a damaged layout stub is named, not guessed") {
  TempDir dir;
  {
    std::ofstream out(dir.path / "XAPIANDB");
    out << "# iranidx-shards: year\n# iranidx-home: home/gen-000001\nauto 2021/gen-000001\nremote 10.0.0.1:7001\n";
  }
  CHECK_THROWS_WITH_AS(read_layout(dir.path), doctest::Contains("line 4: not a line iranidx writes"), IndexError);
  {
    std::ofstream out(dir.path / "XAPIANDB");
    out << "# iranidx-shards: year\nauto 2021/gen-000001\n";
  }
  CHECK_THROWS_WITH_AS(read_layout(dir.path), doctest::Contains("without its '# iranidx-home: ' line"), IndexError);
  {
    std::ofstream out(dir.path / "XAPIANDB");
    out << "# iranidx-shards: hash:2\n# iranidx-home: home/gen-000001\nauto 2021/gen-000001\n";
  }
  CHECK_THROWS_WITH_AS(read_layout(dir.path), doctest::Contains("is not a shard of a 'hash:2' layout"), IndexError);
}
