#include <doctest/doctest.h>
#include <xapian.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "index/integrity.h"
#include "index/store.h"

namespace fs = std::filesystem;
using namespace iran::index;

namespace {
struct TempIndex {
  fs::path path = fs::temp_directory_path() / ("iran-integrity-" + std::to_string(::getpid()));
  fs::path generation;
  TempIndex() {
    fs::create_directories(path);
    generation = next_generation(path);
    Xapian::WritableDatabase(generation.string(), Xapian::DB_CREATE).commit();
    publish_generation(path, generation);
  }
  ~TempIndex() { fs::remove_all(path); }
};

Xapian::Document doc(int i) {
  Xapian::Document d;
  d.set_data(std::string(2000, 'x'));
  for (int t = 0; t < 40; ++t) d.add_posting("t" + std::to_string((i * 7 + t) % 500), static_cast<Xapian::termpos>(t + 1));
  return d;
}
}  // namespace

TEST_CASE("an intact index checks clean; no index is an error") {
  TempIndex index;
  const BuildLock lock(index.path, 0);
  const auto report = check_structure(lock, index.path);
  CHECK(report.settled);
  CHECK(!report.damaged());
  CHECK(report.generation == index.generation);
  CHECK_THROWS(check_structure(lock, index.path / "none"));
}

// A writer that is not an iranidx build (it takes no build lock). Its tables are not
// empty when it starts: Xapian's check truncates empty ones (index/integrity.h), which
// is why iranidx checks only under the build lock.
TEST_CASE("a writer committing during the check is a race, never damage") {
  TempIndex index;
  {
    Xapian::WritableDatabase db(index.generation.string(), Xapian::DB_OPEN);
    db.add_spelling("word");
    db.add_synonym("word", "term");
    db.replace_document("Q0", doc(0));
    db.commit();
  }
  const BuildLock lock(index.path, 0);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    Xapian::WritableDatabase db(index.generation.string(), Xapian::DB_OPEN);
    for (int i = 0; !stop; ++i) {
      db.replace_document("Q" + std::to_string(i % 300), doc(i));
      if (i % 5 == 0) db.commit();
    }
    db.commit();
  });
  StructureOptions quick;
  quick.first_pause_seconds = 0.001;
  quick.max_pause_seconds = 0.01;
  int damaged = 0;
  for (int round = 0; round < 40; ++round)
    if (check_structure(lock, index.path, quick).damaged()) ++damaged;
  stop = true;
  writer.join();
  CHECK(damaged == 0);
  const auto after = check_structure(lock, index.path);
  CHECK(after.settled);
  INFO("errors ", after.errors, ": ", after.problem);
  CHECK(!after.damaged());
}
