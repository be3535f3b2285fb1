#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "corpus/walker.h"

namespace fs = std::filesystem;
using namespace iran::corpus;

namespace {
struct TempCorpus {
  fs::path root = fs::temp_directory_path() / ("iran-walker-" + std::to_string(::getpid()));
  TempCorpus() { fs::create_directories(root); }
  ~TempCorpus() { fs::remove_all(root); }
  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << text;
  }
};
}  // namespace

TEST_CASE("the walk lists .txt articles sorted, with sidecars, skipping hidden entries and loops") {
  TempCorpus c;
  c.write("b.txt", "b");
  c.write("a/z.txt", "z");
  c.write("a/z.txt.meta", "lang: en\n");
  c.write("README.md", "not an article");
  c.write(".hidden/x.txt", "hidden");
  c.write(".y.txt", "hidden");
  fs::create_directory_symlink("..", c.root / "a" / "loop");
  const auto walk = walk_corpus(c.root);
  REQUIRE(walk.files.size() == 2);
  CHECK(walk.files[0].relative_path == "a/z.txt");
  CHECK(walk.files[0].has_sidecar);
  CHECK(walk.files[1].relative_path == "b.txt");
  CHECK(!walk.files[1].has_sidecar);
  CHECK(walk.files[1].stamp.size == 1);
  CHECK(walk.problems.empty());
}

TEST_CASE("a missing corpus or a file in its place is an error naming it") {
  CHECK_THROWS_WITH(walk_corpus("/nonexistent/corpus"), "/nonexistent/corpus: corpus directory does not exist");
  TempCorpus c;
  c.write("f.txt", "x");
  CHECK_THROWS_WITH(walk_corpus(c.root / "f.txt"), doctest::Contains("not a directory"));
}
