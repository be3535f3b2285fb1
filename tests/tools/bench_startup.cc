// Where a one-query process's start-up goes, phase by phase, in one process: the
// gazetteer and analyzer (app::load_analysis_context, from the cache image when there is
// one), opening the index, the first search (the first page of 10 with snippets, as
// `iransearch QUERY` asks), a second search (what the first costs more), and restoring
// the gazetteer from its image alone (mean of --reps). Thread CPU milliseconds.
//
// Usage: bench_startup --db INDEX [--reps N] [QUERY]   (run by scripts/bench-search)
// Prints "startup: PHASE cpu_ms=.." lines.
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/cli_support.h"
#include "index/discovered.h"
#include "index/discovered_merge.h"
#include "index/searcher.h"
#include "text/analyzer.h"

namespace {

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

void line(const char* phase, double ms) { std::printf("startup: %-22s cpu_ms=%.3f\n", phase, ms); }

}  // namespace

int main(int argc, char** argv) {
  std::string db, query = "sanctions";
  int reps = 20;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
    else if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) reps = std::atoi(argv[++i]);
    else query = argv[i];
  }
  if (db.empty() || reps < 1) {
    std::fprintf(stderr, "usage: bench_startup --db INDEX [--reps N] [QUERY]\n");
    return 2;
  }
  try {
    double t = cpu_ms();
    { const iran::text::Analyzer analyzer; line("analyzer alone", cpu_ms() - t); }
    t = cpu_ms();
    const auto context = iran::app::load_analysis_context();
    line("gazetteer+analyzer", cpu_ms() - t);
    t = cpu_ms();
    iran::index::Searcher searcher(db, context.gazetteer, context.analyzer);
    line("open index", cpu_ms() - t);
    iran::index::SearchRequest request;
    request.query = query;
    request.limit = 10;
    for (const char* phase : {"first search", "second search"}) {
      t = cpu_ms();
      (void)searcher.search(request);
      line(phase, cpu_ms() - t);
    }
    t = cpu_ms();
    const auto discovered = iran::index::discovered_officials(searcher.database());
    line("discovered officials", cpu_ms() - t);
    t = cpu_ms();
    const iran::index::DiscoveredMerge merge(discovered);
    line("discovered merge", cpu_ms() - t);
    const std::string image = context.gazetteer.image();
    t = cpu_ms();
    for (int i = 0; i < reps; ++i) (void)iran::entities::Gazetteer::from_image(image);
    line("gazetteer from image", (cpu_ms() - t) / reps);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_startup: %s\n", e.what());
    return 2;
  }
  return 0;
}
