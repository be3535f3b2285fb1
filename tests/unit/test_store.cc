#include <doctest/doctest.h>
#include <xapian.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "index/store.h"

namespace fs = std::filesystem;
using namespace iran::index;

namespace {
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("iran-store-" + std::to_string(::getpid()));
  ~TempDir() { fs::remove_all(path); }
};
}  // namespace

TEST_CASE("generations are published through a stub that Xapian opens") {
  TempDir dir;
  CHECK(!current_generation(dir.path));
  fs::create_directories(dir.path);
  const fs::path g1 = next_generation(dir.path);
  CHECK(g1.filename() == "gen-000001");
  {
    Xapian::WritableDatabase db(g1.string(), Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("first");
    db.add_document(doc);
    db.commit();
  }
  publish_generation(dir.path, g1);
  CHECK(current_generation(dir.path) == g1);
  CHECK(Xapian::Database(dir.path.string()).get_termfreq("first") == 1);

  const fs::path g2 = next_generation(dir.path);
  Xapian::WritableDatabase(g2.string(), Xapian::DB_CREATE).commit();
  publish_generation(dir.path, g2);
  CHECK(current_generation(dir.path) == g2);
  CHECK(Xapian::Database(dir.path.string()).get_termfreq("first") == 0);

  // The previous generation is kept one round for searches still reading it; older go.
  const fs::path g3 = next_generation(dir.path);
  Xapian::WritableDatabase(g3.string(), Xapian::DB_CREATE).commit();
  publish_generation(dir.path, g3);
  CHECK(!fs::exists(g1));
  CHECK(fs::exists(g2));
}

TEST_CASE("a second build lock is refused at once, or after waiting") {
  TempDir dir;
  BuildLock first(dir.path, 0);
  CHECK(BuildLock::held_by_other(dir.path));
  CHECK_THROWS_WITH_AS(BuildLock(dir.path, 0), doctest::Contains("another iranidx build is running"), BusyError);
  CHECK_THROWS_AS(BuildLock(dir.path, 0.3), BusyError);
}

TEST_CASE("a path that is not an index is named, never taken for an empty one") {
  TempDir dir;
  fs::create_directories(dir.path);
  CHECK_NOTHROW(check_index_path(dir.path / "new"));  // not there yet: a first build makes it
  CHECK_NOTHROW(check_index_path(dir.path));          // empty
  const fs::path file = dir.path / "file";
  std::ofstream(file) << "x";
  CHECK_THROWS_WITH_AS(current_generation(file), doctest::Contains("not an index: it is a regular file"), NotAnIndexError);
  CHECK_THROWS_AS(BuildLock(file, 0), NotAnIndexError);
  const fs::path foreign = dir.path / "corpus";
  fs::create_directories(foreign);
  std::ofstream(foreign / "a.txt") << "article";
  CHECK_THROWS_WITH_AS(current_generation(foreign), doctest::Contains("holds other files ('a.txt')"), NotAnIndexError);
  // What iranidx itself leaves there is no foreign file.
  const fs::path mine = dir.path / "index";
  fs::create_directories(mine / "gen-000003");
  std::ofstream(mine / "iranidx.lock");
  CHECK_NOTHROW(check_index_path(mine));
  CHECK(!current_generation(mine));
}

TEST_CASE("a build waits for a check that holds the lock; a build beside a build is busy") {
  TempDir dir;
  fs::create_directories(dir.path);
  auto check = std::make_unique<BuildLock>(dir.path, 0, BuildLock::Holder::Check);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    check.reset();
  });
  const auto started = std::chrono::steady_clock::now();
  CHECK_NOTHROW(BuildLock(dir.path, 0));  // no --wait, yet it waits for the check
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(250));
  release.join();
  const BuildLock build(dir.path, 0);
  CHECK_THROWS_AS(BuildLock(dir.path, 0), BusyError);
  CHECK_THROWS_AS(BuildLock(dir.path, 0, BuildLock::Holder::Check), BusyError);
}
