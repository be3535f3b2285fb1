#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "corpus/input_kind.h"

namespace fs = std::filesystem;
using namespace iran::corpus;

TEST_CASE("kinds by name") {
  CHECK(input_kind_for("a.txt") == InputKind::Text);
  CHECK(input_kind_for("A.HTML") == InputKind::Html);
  CHECK(input_kind_for("p.xhtml") == InputKind::Html);
  CHECK(input_kind_for("f.xml") == InputKind::Feed);
  CHECK(input_kind_for("d.jsonl.xz") == InputKind::Dump);
  CHECK(!input_kind_for("a.pdf"));
  CHECK(!input_kind_for("672455"));
  CHECK(skip_label("672455") == "no extension");
  CHECK(skip_label("x.tar.gz") == ".tar.gz");
}

TEST_CASE("names that say nothing may be pages; real extensions of other kinds are not opened") {
  for (const char* name : {"672455", "Iran-Qatar-gas-field-cooperation", "Iran-talks-2.0-round", "news.php?id=9",
                           "article.aspx", "story.shtml", "index.html?page=2", "show.jsp;jsessionid=1"})
    CHECK_MESSAGE(sniffable_name(name), name);
  for (const char* name : {"a.pdf", "notes.md", "b.docx", "photo.jpeg", "x.tar.gz", "a.txt.meta", "data.json"})
    CHECK_MESSAGE(!sniffable_name(name), name);
}

TEST_CASE("a page saved without an extension is a page by its content; other such files are not inputs") {
  const fs::path dir = fs::temp_directory_path() / ("iran-input-kind-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "672455") << "\xEF\xBB\xBF  <!DOCTYPE html><html><body><p>text</p></body></html>";
  std::ofstream(dir / "news.php?id=9") << "<!-- saved --><html lang=\"en\"><body></body></html>";
  std::ofstream(dir / "NOTES") << "plain notes, not a page <html> later";
  std::ofstream(dir / "page.pdf") << "<html><body>a pdf name: not opened</body></html>";
  CHECK(input_kind_of(dir / "672455") == InputKind::Html);
  CHECK(input_kind_of(dir / "news.php?id=9") == InputKind::Html);
  CHECK(!input_kind_of(dir / "NOTES"));
  CHECK(!input_kind_of(dir / "page.pdf"));
  CHECK(!input_kind_of(dir / "missing"));
  CHECK(input_kind_of(dir / "x.txt") == InputKind::Text);  // by name, never opened
  // A FIFO is never waited on.
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK(!starts_like_html(dir / "fifo"));
  fs::remove_all(dir);
}
