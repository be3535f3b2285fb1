// Fuzz target: the query path. Lines of the input become the query, the filter flags and
// the options of a search on a small index; a UsageError is a correct answer, anything
// else escaping, or a snippet whose highlight markers do not pair up, is a bug.
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
    std::ofstream(dir / "corpus/a.txt") << "Iran and Qatar discuss the neighborhood policy. Raisi visited Doha.\n"
                                          << "Bytes \x01 of the old \x02 markers, \x1b[31m and \xe2\x80\xae policy.\n";
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
  // Bytes that are not UTF-8 are refused before the searcher by the programs
  // (searcher/search_params.cc, the API); the searcher must still survive them.
  const auto lines = iran::util::split(input, '\n');
  iran::index::SearchRequest request;
  request.query = lines[0];
  if (lines.size() > 1 && !lines[1].empty()) request.countries.push_back(lines[1]);
  if (lines.size() > 2 && !lines[2].empty()) request.officials.push_back(lines[2]);
  if (lines.size() > 3) request.from = lines[3];
  if (lines.size() > 4) request.to = lines[4];
  // Line 6: one letter an option: any, newest, oldest, all copies, histogram, like a.txt;
  // digits: the offset.
  if (lines.size() > 5) {
    for (const char c : lines[5]) {
      if (c == 'a') request.any = true;
      else if (c == 'n') request.sort = iran::index::SortOrder::Newest;
      else if (c == 'o') request.sort = iran::index::SortOrder::Oldest;
      else if (c == 'c') request.all_copies = true;
      else if (c == 'h') request.histogram = iran::index::HistogramUnit::Month;
      else if (c == 'l') request.like = "a.txt";
      else if (c >= '0' && c <= '9') request.offset = request.offset % 1000 * 10 + static_cast<unsigned>(c - '0');
    }
  }
  request.want_facets = true;
  try {
    const auto result = fixture.searcher->search(request);
    // Snippets: markers in pairs, and the text between them valid UTF-8.
    for (const auto& hit : result.hits) {
      bool inside = false;
      std::string plain;
      for (const char c : hit.snippet) {
        if (c == iran::index::kHighlightStart) {
          if (inside) std::abort();
          inside = true;
        } else if (c == iran::index::kHighlightEnd) {
          if (!inside) std::abort();
          inside = false;
        } else {
          plain += c;
        }
      }
      if (inside || iran::util::find_invalid_utf8(plain) != std::string::npos) std::abort();
    }
  } catch (const iran::index::UsageError&) {
  }
  return 0;
}
