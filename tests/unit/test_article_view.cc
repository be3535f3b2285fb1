#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "entities/gazetteer.h"
#include "index/searcher.h"
#include "index/writer.h"
#include "text/analyzer.h"

namespace fs = std::filesystem;
using namespace iran;

namespace {

struct Fixture {
  fs::path dir;
  entities::Gazetteer gazetteer = entities::Gazetteer::load(entities::find_data_dir());
  text::Analyzer analyzer;
  Fixture() {
    dir = fs::temp_directory_path() / ("iran-article-view-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    index::BuildOptions options;
    options.corpus = IRAN_CORPUS_DIR;
    options.db = dir / "index";
    index::build_index(options, gazetteer, analyzer);
  }
  ~Fixture() { fs::remove_all(dir); }
};

std::string plain(const std::string& marked) {
  std::string out;
  for (char c : marked)
    if (c != index::kHighlightStart && c != index::kHighlightEnd) out += c;
  return out;
}

int marks(const std::string& marked) { return static_cast<int>(std::count(marked.begin(), marked.end(), index::kHighlightStart)); }

}  // namespace

TEST_CASE("article: by path, with its metadata, entities and whole text highlighted") {
  Fixture f;
  index::Searcher searcher(f.dir / "index", f.gazetteer, f.analyzer);
  const auto a = searcher.article({"003_21b21bc7e96fc0af.txt", 0, "Qatar talks"});
  REQUIRE(a);
  CHECK(a->fields.path == "003_21b21bc7e96fc0af.txt");
  CHECK(a->fields.source == "mehr");
  CHECK(std::find(a->fields.countries.begin(), a->fields.countries.end(), "QA") != a->fields.countries.end());
  CHECK(a->country_names.size() == a->fields.countries.size());
  // The whole body, not a snippet: the marks added, nothing lost.
  CHECK(plain(a->text) == a->fields.body);
  CHECK(marks(a->text) >= 2);
  CHECK(a->text.find(std::string(1, index::kHighlightStart) + "talks") != std::string::npos);

  // By docid, without a query: the same article, no marks.
  const auto b = searcher.article({"", a->docid, ""});
  REQUIRE(b);
  CHECK(b->fields.path == a->fields.path);
  CHECK(b->text == b->fields.body);
  // A query with words the article lacks still shows it, unmarked.
  const auto c = searcher.article({"003_21b21bc7e96fc0af.txt", 0, "zzzunknownword"});
  REQUIRE(c);
  CHECK(marks(c->text) == 0);
}

TEST_CASE("article: unknown paths and ids are not found; a bad query is a usage error") {
  Fixture f;
  index::Searcher searcher(f.dir / "index", f.gazetteer, f.analyzer);
  CHECK_FALSE(searcher.article({"no/such/file.txt", 0, ""}));
  CHECK_FALSE(searcher.article({"", 0, ""}));
  CHECK_FALSE(searcher.article({"", 999999, ""}));
  CHECK_FALSE(searcher.article({std::string(5000, 'x'), 0, ""}));
  CHECK_THROWS_AS(searcher.article({"003_21b21bc7e96fc0af.txt", 0, "country:Atlantis"}), index::UsageError);
}
