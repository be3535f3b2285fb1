// Where a one-query process's start-up goes, phase by phase, in one process: the
// gazetteer and analyzer (app::load_analysis_context, from the cache image when there is
// one), opening the index, the first search (the first page of 10 with snippets, as
// `iransearch QUERY` asks), a second search (what the first costs more), and restoring
// the gazetteer from its image alone (mean of --reps); the discovered officials read
// from the terms and from the writer's stored summary, and what the summary costs the
// writer per commit. Thread CPU milliseconds.
//
// Usage: bench_startup --db INDEX [--reps N] [QUERY]   (run by scripts/bench-search)
// Prints "startup: PHASE cpu_ms=.." lines.
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "app/cli_support.h"
#include "index/discovered.h"
#include "index/discovered_merge.h"
#include "index/discovered_summary.h"
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
    // The discovered officials as a search before the stored summary read them (every XD
    // and XP term, every spelling's keys derived), and as it reads them now (the summary
    // the writer stored, index/discovered_summary.h; when the index has one).
    t = cpu_ms();
    const auto discovered = iran::index::discovered_officials(searcher.database());
    line("discovered officials", cpu_ms() - t);
    t = cpu_ms();
    const iran::index::DiscoveredMerge merge(discovered);
    line("discovered merge", cpu_ms() - t);
    // The stored summary of one database: over several shards, Xapian's combined
    // database would answer with the first shard's key only (the searcher reads and sums
    // every shard's), so these phases are measured on a single index only.
    const std::size_t shards = searcher.database().size();
    if (shards > 1) std::printf("startup: summary phases skipped: %zu shards (measured on one index)\n", shards);
    t = cpu_ms();
    const auto summary = shards > 1 ? std::nullopt : iran::index::DiscoveredSummary::stored(searcher.database());
    if (shards <= 1) line(summary ? "summary read" : "summary read (none)", cpu_ms() - t);
    if (summary) {
      t = cpu_ms();
      const iran::index::DiscoveredMerge stored_merge(summary->officials(), summary->key_lookup());
      line("merge, stored keys", cpu_ms() - t);
      // What the writer adds to each commit once every spelling's keys are known: the
      // terms read and the value made (index/discovered_summary.h).
      t = cpu_ms();
      const auto tally = iran::index::discovered_tally(searcher.database());
      iran::index::NameKeyTable keys;
      for (const auto& [id, names] : tally.names)
        for (const auto& [name, n] : names) keys.emplace(name, iran::index::name_join_keys(name));
      t = cpu_ms();
      (void)iran::index::discovered_tally(searcher.database());
      const auto value = iran::index::encode_discovered_summary(tally, keys);
      line("summary per commit", cpu_ms() - t);
      std::printf("startup: summary bytes %zu, officials %zu, spellings %zu\n", value.size(), summary->officials().size(),
                  summary->spellings());
      t = cpu_ms();
      (void)iran::index::discovered_summary_of_terms(searcher.database());
      line("summary, keys derived", cpu_ms() - t);
    }
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
