// Fuzz target: the query path. Lines of the input become the query and the filter flags
// of a search on a small index; a UsageError is a correct answer, anything else
// escaping is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "entities/gazetteer.h"
#include "index/searcher.h"
#include "index/writer.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace {

struct Fixture {
  iran::entities::Gazetteer gazetteer = iran::entities::Gazetteer::load(iran::entities::find_data_dir());
  iran::text::Analyzer analyzer;
  std::filesystem::path dir;
  std::unique_ptr<iran::index::Searcher> searcher;

  Fixture() {
    dir = std::filesystem::temp_directory_path() / ("iran-fuzz-query-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir / "corpus");
    std::ofstream(dir / "corpus/a.txt") << "Iran and Qatar discuss the neighborhood policy. Raisi visited Doha.\n";
    std::ofstream(dir / "corpus/b.txt") << "وأكد باقري على تعزيز العلاقات مع طاجيكستان.\n";
    std::ofstream(dir / "corpus/b.txt.meta") << "date: 2022-05\n";
    iran::index::BuildOptions options;
    options.corpus = dir / "corpus";
    options.db = dir / "index";
    iran::index::build_index(options, gazetteer, analyzer);
    searcher = std::make_unique<iran::index::Searcher>(options.db, gazetteer, analyzer);
  }
  ~Fixture() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  const std::string input(reinterpret_cast<const char*>(data), size);
  if (iran::util::find_invalid_utf8(input) != std::string::npos) return 0;
  const auto lines = iran::util::split(input, '\n');
  iran::index::SearchRequest request;
  request.query = lines[0];
  if (lines.size() > 1 && !lines[1].empty()) request.countries.push_back(lines[1]);
  if (lines.size() > 2 && !lines[2].empty()) request.officials.push_back(lines[2]);
  if (lines.size() > 3) request.from = lines[3];
  if (lines.size() > 4) request.to = lines[4];
  request.want_facets = true;
  try {
    (void)fixture.searcher->search(request);
  } catch (const iran::index::UsageError&) {
  }
  return 0;
}
