#include <doctest/doctest.h>

#include <dirent.h>
#include <sys/stat.h>
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

TEST_CASE("a folder the walk could not list whole protects what lies under it, and only that") {
  WalkResult walk;
  walk.incomplete = {"a/b"};
  CHECK(!walk.complete_for("a/b/x.txt"));
  CHECK(!walk.complete_for("a/b/c/y.txt"));
  CHECK(walk.complete_for("a/bc/x.txt"));
  CHECK(walk.complete_for("a/x.txt"));
  walk.incomplete = {""};
  CHECK(!walk.complete_for("x.txt"));
}

TEST_CASE("non-regular article files and links leaving the corpus are named, not read") {
  TempCorpus c;
  c.write("a.txt", "a");
  REQUIRE(::mkfifo((c.root / "fifo.txt").c_str(), 0644) == 0);
  REQUIRE(::mkfifo((c.root / "a.txt.meta").c_str(), 0644) == 0);
  fs::create_symlink("/dev/zero", c.root / "zero.txt");
  c.write("../iran-walker-outside.txt", "private");
  fs::create_symlink(c.root.parent_path() / "iran-walker-outside.txt", c.root / "out.txt");
  const auto walk = walk_corpus(c.root);
  REQUIRE(walk.files.size() == 1);
  CHECK(walk.files[0].sidecar_problem == "a.txt.meta: a named pipe (FIFO), not a regular file");
  REQUIRE(walk.problems.size() == 2);
  CHECK(walk.problems[0].problem == "not a regular file (a named pipe (FIFO))");
  CHECK(walk.problems[1].problem == "not a regular file (a link to a character device)");
  REQUIRE(walk.skipped.size() == 1);
  CHECK(walk.skipped[0].path.ends_with("out.txt"));
  const auto followed = walk_corpus(c.root, WalkOptions{true});
  CHECK(followed.files.size() == 2);
  fs::remove(c.root.parent_path() / "iran-walker-outside.txt");
}

TEST_CASE("a page saved under a name without an extension is listed; other such files are skipped") {
  TempCorpus c;
  c.write("web/672455", "<!DOCTYPE html><html><body><article><p>text</p></article></body></html>");
  c.write("web/672455.meta", "lang: en\n");
  c.write("web/news.php?id=9", "<html><body><p>text</p></body></html>");
  c.write("NOTES", "plain notes");
  c.write("scan.pdf", "<html>not opened: a real extension</html>");
  const auto walk = walk_corpus(c.root);
  REQUIRE(walk.files.size() == 2);
  CHECK(walk.files[0].relative_path == "web/672455");
  CHECK(walk.files[0].has_sidecar);
  CHECK(walk.files[1].relative_path == "web/news.php?id=9");
  CHECK(walk.ignored == std::vector<std::string>{"NOTES", "scan.pdf"});
}

TEST_CASE("files and sidecars looked up through their folder: stamps, links inside and leaving the corpus") {
  TempCorpus c;
  c.write("d/e/a.txt", "article");
  c.write("d/e/a.txt.meta", "lang: en\n");
  c.write("d/e/b.txt", "b");
  c.write("shared.meta", "lang: ar\n");
  fs::create_symlink(c.root / "shared.meta", c.root / "d" / "e" / "b.txt.meta");  // inside: followed
  c.write("d/e/c.txt", "c");
  c.write("../iran-walker-outside.meta", "lang: en\n");
  fs::create_symlink(c.root.parent_path() / "iran-walker-outside.meta", c.root / "d" / "e" / "c.txt.meta");
  const auto walk = walk_corpus(c.root);
  REQUIRE(walk.files.size() == 3);
  struct stat st {}, meta {};
  REQUIRE(::lstat((c.root / "d/e/a.txt").c_str(), &st) == 0);
  REQUIRE(::lstat((c.root / "d/e/a.txt.meta").c_str(), &meta) == 0);
  CHECK(walk.files[0].relative_path == "d/e/a.txt");
  CHECK(walk.path_of(walk.files[0]) == (c.root / "d/e/a.txt").string());
  CHECK(walk.files[0].stamp.size == 7);
  CHECK(walk.files[0].stamp.mtime_ns == st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec);
  CHECK(walk.files[0].stamp.ctime_ns == st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec);
  CHECK(walk.files[0].has_sidecar);
  CHECK(walk.files[0].sidecar_stamp.size == static_cast<std::uintmax_t>(meta.st_size));
  CHECK(walk.files[0].sidecar_stamp.mtime_ns == meta.st_mtim.tv_sec * 1000000000LL + meta.st_mtim.tv_nsec);
  CHECK(walk.files[1].has_sidecar);  // the link's target
  CHECK(walk.files[1].sidecar_stamp.size == 9);
  CHECK(!walk.files[2].has_sidecar);
  CHECK(walk.files[2].sidecar_problem ==
        "c.txt.meta: symbolic link leading outside the corpus (not followed without --follow-symlinks)");
  CHECK(walk.problems.empty());
  CHECK(walk.incomplete.empty());
  fs::remove(c.root.parent_path() / "iran-walker-outside.meta");
}

TEST_CASE("the listing spares stats: a regular file that is no article is decided by its name and type") {
  CHECK(listing_suffices("a.txt.meta", DT_REG));     // a sidecar: looked up with its article
  CHECK(listing_suffices("scan.pdf", DT_REG));       // skipped and counted
  CHECK(!listing_suffices("a.txt", DT_REG));         // an article: its stamps are needed
  CHECK(!listing_suffices("672455", DT_REG));        // may be a page: opened
  CHECK(!listing_suffices("a.txt.meta", DT_LNK));    // a link may lead to a folder
  CHECK(!listing_suffices("a.txt.meta", DT_DIR));    // a folder is walked, whatever its name
  CHECK(!listing_suffices("scan.pdf", DT_UNKNOWN));  // file systems that do not say
}

TEST_CASE("sidecars are looked up when the folder lists them: added, removed, odd ones, folders named like them") {
  TempCorpus c;
  c.write("d/a.txt", "a");
  c.write("d/b.txt", "b");
  c.write("notes.meta/c.txt", "c");  // a folder, walked like any other
  fs::create_directory(c.root / "d" / "b.txt.meta");
  fs::create_symlink(c.root / "gone", c.root / "x.txt.meta");
  c.write("x.txt", "x");
  c.write("d/report.pdf", "%PDF");
  auto walk = walk_corpus(c.root);
  REQUIRE(walk.files.size() == 4);
  CHECK(walk.files[0].relative_path == "d/a.txt");
  CHECK(!walk.files[0].has_sidecar);
  CHECK(walk.files[0].sidecar_problem.empty());
  CHECK(walk.path_of(walk.files[0]) == (c.root / "d/a.txt").string());
  CHECK(walk.files[1].relative_path == "d/b.txt");
  CHECK(walk.files[1].sidecar_problem == "b.txt.meta: a directory, not a regular file");
  CHECK(walk.files[2].relative_path == "notes.meta/c.txt");
  CHECK(walk.files[3].relative_path == "x.txt");
  CHECK(walk.files[3].sidecar_problem == "x.txt.meta: broken symbolic link");
  CHECK(walk.ignored == std::vector<std::string>{"d/report.pdf"});

  // A sidecar added later is seen by the next walk, and one removed is no longer.
  c.write("d/a.txt.meta", "lang: en\n");
  fs::remove(c.root / "d" / "b.txt.meta");
  walk = walk_corpus(c.root);
  REQUIRE(walk.files.size() == 4);
  CHECK(walk.files[0].has_sidecar);
  CHECK(walk.files[0].sidecar_stamp.size == 9);
  CHECK(!walk.files[1].has_sidecar);
  CHECK(walk.files[1].sidecar_problem.empty());
  fs::remove(c.root / "d" / "a.txt.meta");
  walk = walk_corpus(c.root);
  CHECK(!walk.files[0].has_sidecar);
  CHECK(walk.problems.empty());
}

namespace {
bool same_walk(const WalkResult& a, const WalkResult& b) {
  if (a.files.size() != b.files.size()) return false;
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    const auto &x = a.files[i], &y = b.files[i];
    if (x.relative_path != y.relative_path || !(x.stamp == y.stamp) || x.has_sidecar != y.has_sidecar ||
        !(x.sidecar_stamp == y.sidecar_stamp) || x.sidecar_problem != y.sidecar_problem)
      return false;
  }
  const auto same_problems = [](const std::vector<WalkProblem>& p, const std::vector<WalkProblem>& q) {
    if (p.size() != q.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p[i].path != q[i].path || p[i].problem != q[i].problem) return false;
    return true;
  };
  return same_problems(a.problems, b.problems) && same_problems(a.skipped, b.skipped) && a.ignored == b.ignored &&
         a.incomplete == b.incomplete;
}
}  // namespace

TEST_CASE("the walk gives the same result on any number of threads, big folders and odd entries included") {
  TempCorpus c;
  // A folder of 2,500 articles (its entries looked at in several stretches), half with
  // sidecars; 70 folders on three levels (more than one batch of open folders).
  for (int i = 0; i < 2500; ++i) {
    c.write("big/" + std::to_string(i) + ".txt", std::string(static_cast<std::size_t>(i % 7 + 1), 'x'));
    if (i % 2) c.write("big/" + std::to_string(i) + ".txt.meta", "lang: en\n");
  }
  for (int d = 0; d < 70; ++d)
    for (int i = 0; i < 3; ++i) c.write("l1/" + std::to_string(d) + "/l3/" + std::to_string(i) + ".txt", "y");
  c.write("big/scan.pdf", "%PDF");
  c.write("l1/5/notes.md", "notes");
  fs::create_symlink(c.root / "gone", c.root / "l1" / "7" / "broken.txt");
  fs::create_symlink(c.root / "big" / "3.txt", c.root / "l1" / "8" / "inside.txt");
  c.write("../iran-walker-threads-outside.txt", "private");
  fs::create_symlink(c.root.parent_path() / "iran-walker-threads-outside.txt", c.root / "l1" / "9" / "out.txt");
  REQUIRE(::mkfifo((c.root / "l1" / "10" / "pipe.txt").c_str(), 0600) == 0);
  // A folder reached under two names when links are followed: listed once, under its
  // own path, although the link ("a-link", on level 1) is shorter than it ("l1/2/l3"); a
  // link to a folder outside the corpus is walked under the link's name.
  fs::create_directory_symlink(c.root / "l1" / "2" / "l3", c.root / "a-link");
  const fs::path outside = c.root.parent_path() / ("iran-walker-threads-dir-" + std::to_string(::getpid()));
  fs::create_directories(outside / "deep");
  std::ofstream(outside / "deep" / "o.txt") << "o";
  fs::create_directory_symlink(outside, c.root / "l1" / "11" / "ext");

  for (const bool follow : {false, true}) {
    const auto one = walk_corpus(c.root, WalkOptions{follow, 1});
    // Every article, the link inside the corpus, and when followed the one leading out.
    CHECK(one.files.size() == 2500u + 70 * 3 + 1 + (follow ? 2 : 0));
    CHECK(one.skipped.size() == (follow ? 0u : 1u));
    CHECK(one.problems.size() == 2);  // the broken link and the FIFO
    CHECK(one.ignored == std::vector<std::string>{"big/scan.pdf", "l1/5/notes.md"});
    for (const unsigned threads : {2u, 3u, 4u, 8u}) {
      const auto many = walk_corpus(c.root, WalkOptions{follow, threads});
      CHECK(same_walk(one, many));
    }
    bool linked = false, original = false, external = false;
    for (const auto& f : one.files) {
      linked = linked || f.relative_path.rfind("a-link/", 0) == 0;
      original = original || f.relative_path.rfind("l1/2/l3/", 0) == 0;
      external = external || f.relative_path == "l1/11/ext/deep/o.txt";
    }
    CHECK(!linked);
    CHECK(original);
    CHECK(external == follow);
  }
  fs::remove(c.root.parent_path() / "iran-walker-threads-outside.txt");
  fs::remove_all(outside);
}
