// Throughput of the whole analyzer (normalize → segment → stem by script, as the indexer
// runs it) next to Xapian's own TermGenerator with Snowball English on the same text.
// The input files are read once and fed round and round until at least --mb megabytes
// have gone through each pipeline. Run by scripts/bench-analyzer.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "text/analyzer.h"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> load(const std::vector<std::string>& args) {
  std::vector<fs::path> files;
  for (const auto& a : args) {
    if (fs::is_directory(a)) {
      for (const auto& e : fs::directory_iterator(a))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    } else {
      files.emplace_back(a);
    }
  }
  std::sort(files.begin(), files.end());
  // A large file (a dump of many articles) is cut at paragraph breaks into pieces of
  // about an article's size, so it is indexed as many documents, not one huge one.
  constexpr size_t kPiece = 8000;
  std::vector<std::string> texts;
  for (const auto& f : files) {
    std::string t = read_file(f);
    size_t start = 0;
    while (start < t.size()) {
      size_t end = t.size();
      if (t.size() - start > 4 * kPiece) {
        end = t.find("\n\n", start + kPiece);
        end = end == std::string::npos ? t.size() : end + 2;
      }
      texts.push_back(t.substr(start, end - start));
      start = end;
    }
  }
  return texts;
}

struct Result {
  double seconds = 0;
  size_t bytes = 0, tokens = 0, terms = 0;
};

// Indexes each text into a fresh document, as the indexer does per article.
Result run(const std::vector<std::string>& texts, size_t min_bytes,
           const std::function<void(Xapian::TermGenerator&, const std::string&)>& index,
           const std::function<void(Xapian::TermGenerator&)>& setup) {
  Result r;
  Xapian::TermGenerator gen;
  setup(gen);
  const auto start = std::chrono::steady_clock::now();
  while (r.bytes < min_bytes) {
    for (const auto& t : texts) {
      Xapian::Document doc;
      gen.set_document(doc);
      gen.set_termpos(0);
      index(gen, t);
      r.tokens += gen.get_termpos();
      r.terms += doc.termlist_count();
      r.bytes += t.size();
    }
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

void print(const char* name, const Result& r, const Result* base) {
  const double tps = r.tokens / r.seconds;
  std::printf("%-44s %8.1f MB %7.2f s %10.0f tokens/s %6.1f MB/s", name, r.bytes / 1e6, r.seconds,
              tps, r.bytes / 1e6 / r.seconds);
  if (base) std::printf("  (%.2fx the time per token)", (base->tokens / base->seconds) / tps);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  double mb = 50;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--mb") && i + 1 < argc)
      mb = std::atof(argv[++i]);
    else
      inputs.emplace_back(argv[i]);
  }
  if (inputs.empty()) {
    std::cerr << "usage: bench_analyzer [--mb N] FILE|DIR...\n";
    return 1;
  }
  try {
    const std::vector<std::string> texts = load(inputs);
    if (texts.empty()) {
      std::cerr << "bench_analyzer: error: no .txt input in the given paths\n";
      return 2;
    }
    size_t total = 0;
    for (const auto& t : texts) total += t.size();
    std::printf("input: %zu texts, %.1f KB, repeated to at least %.0f MB per pipeline\n",
                texts.size(), total / 1e3, mb);
    const size_t min_bytes = static_cast<size_t>(mb * 1e6);
    const iran::text::Analyzer analyzer;
    const Xapian::Stem english("english");

    const Result plain = run(
        texts, min_bytes, [](Xapian::TermGenerator& g, const std::string& t) { g.index_text(t); },
        [&](Xapian::TermGenerator& g) {
          g.set_stemmer(english);
          g.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        });
    const Xapian::Stem arabic("arabic");
    const Result snowball_ar = run(
        texts, min_bytes, [](Xapian::TermGenerator& g, const std::string& t) { g.index_text(t); },
        [&](Xapian::TermGenerator& g) {
          g.set_stemmer(arabic);
          g.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        });
    const Result ours = run(
        texts, min_bytes,
        [&](Xapian::TermGenerator& g, const std::string& t) { analyzer.index_text(g, t); },
        [&](Xapian::TermGenerator& g) { analyzer.configure(g); });
    Result norm;
    {
      const auto start = std::chrono::steady_clock::now();
      size_t sink = 0;
      while (norm.bytes < min_bytes) {
        for (const auto& t : texts) {
          sink += analyzer.normalize(t).size();
          norm.bytes += t.size();
        }
      }
      norm.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      norm.tokens =
          static_cast<size_t>(ours.tokens * (static_cast<double>(norm.bytes) / ours.bytes));
      if (sink == 0) std::printf("(empty)\n");
    }
    print("Xapian TermGenerator + Snowball English", plain, nullptr);
    print("Xapian TermGenerator + Snowball Arabic", snowball_ar, &plain);
    print("iran Analyzer (normalize + script stemmer)", ours, &plain);
    print("  of which normalize() alone", norm, nullptr);
    std::printf("tokens: %zu (Xapian) vs %zu (ours); terms, summed over documents: %zu vs %zu\n",
                plain.tokens, ours.tokens, plain.terms, ours.terms);
  } catch (const Xapian::Error& e) {
    std::cerr << "bench_analyzer: error: " << e.get_description() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bench_analyzer: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
