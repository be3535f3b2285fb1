// In-process search latency: the project's Searcher (snippets and every facet, the first
// page of 10, as `iransearch --json` asks) next to stock Xapian on the same index
// (QueryParser and Enquire, the first page; with --facets, Xapian's ValueCountMatchSpy
// on the facet slots with every match counted). Each query runs once to warm up, then
// --reps rounds over the query list; wall and thread CPU time per search.
//
// Usage: bench_search --db INDEX [--reps N] QUERY...   (run by scripts/bench-search)
// Prints one line per engine: "inproc ENGINE n=N wall_p50=.. wall_p95=.. cpu_p50=.. cpu_p95=.."
// (milliseconds) and, per query, "query ENGINE matches=.. wall_p50=..".
#include <time.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/cli_support.h"
#include "index/schema.h"
#include "index/searcher.h"
#include "index/shards.h"

namespace {

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double wall_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

struct Timing {
  std::vector<double> wall, cpu;
};

// Runs fn (which returns the number of matches) once to warm up and reps times measured.
Timing measure(int reps, const std::function<Xapian::doccount()>& fn, Xapian::doccount& matches) {
  Timing t;
  matches = fn();
  for (int i = 0; i < reps; ++i) {
    const double w = wall_ms(), c = cpu_ms();
    (void)fn();
    t.cpu.push_back(cpu_ms() - c);
    t.wall.push_back(wall_ms() - w);
  }
  return t;
}

void report(const char* engine, const std::vector<Timing>& per_query) {
  Timing all;
  for (const auto& t : per_query) {
    all.wall.insert(all.wall.end(), t.wall.begin(), t.wall.end());
    all.cpu.insert(all.cpu.end(), t.cpu.begin(), t.cpu.end());
  }
  std::printf("inproc %s n=%zu wall_p50=%.3f wall_p95=%.3f cpu_p50=%.3f cpu_p95=%.3f\n", engine, all.wall.size(),
              quantile(all.wall, .5), quantile(all.wall, .95), quantile(all.cpu, .5), quantile(all.cpu, .95));
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  int reps = 20;
  bool stock_facets = false, all_copies = false, no_snippets = false, no_facets = false;
  std::vector<std::string> queries;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
    else if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) reps = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--facets")) stock_facets = true;
    else if (!std::strcmp(argv[i], "--all-copies")) all_copies = true;  // no collapsing
    else if (!std::strcmp(argv[i], "--no-snippets")) no_snippets = true;
    else if (!std::strcmp(argv[i], "--no-facets")) no_facets = true;
    else queries.emplace_back(argv[i]);
  }
  if (db.empty() || queries.empty()) {
    std::fprintf(stderr, "usage: bench_search --db INDEX [--reps N] [--facets] QUERY...\n");
    return 2;
  }
  try {
    const auto context = iran::app::load_analysis_context();
    iran::index::Searcher searcher(db, context.gazetteer, context.analyzer);
    std::vector<Timing> ours, stock;
    for (const auto& q : queries) {
      iran::index::SearchRequest request;
      request.query = q;
      request.limit = 10;
      request.want_facets = !no_facets;
      request.want_snippets = !no_snippets;
      request.all_copies = all_copies;
      Xapian::doccount matches = 0;
      ours.push_back(measure(reps, [&] { return searcher.search(request).total; }, matches));
      std::printf("query ours matches=%u wall_p50=%.3f cpu_p50=%.3f q=%s\n", matches, quantile(ours.back().wall, .5),
                  quantile(ours.back().cpu, .5), q.c_str());

      // Stock Xapian on the same database: what quest does, in-process.
      const Xapian::Database& xdb = searcher.database();
      Xapian::QueryParser parser;
      parser.set_database(xdb);
      parser.set_default_op(Xapian::Query::OP_AND);
      stock.push_back(measure(
          reps,
          [&] {
            Xapian::Enquire enquire(xdb);
            enquire.set_query(parser.parse_query(q));
            std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
            if (stock_facets) {
              for (const auto slot : {iran::schema::kCountriesSlot, iran::schema::kOfficialsSlot,
                                      iran::schema::kSourceSlot, iran::schema::kLangSlot, iran::schema::kMonthSlot}) {
                spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
                enquire.add_matchspy(spies.back().get());
              }
            }
            const Xapian::MSet mset = enquire.get_mset(0, 10, stock_facets ? xdb.get_doccount() : 0);
            for (auto it = mset.begin(); it != mset.end(); ++it) (void)it.get_document().get_data();
            return mset.get_matches_estimated();
          },
          matches));
      std::printf("query stock matches=%u wall_p50=%.3f cpu_p50=%.3f q=%s\n", matches,
                  quantile(stock.back().wall, .5), quantile(stock.back().cpu, .5), q.c_str());
    }
    report("ours", ours);
    report(stock_facets ? "stock_xapian_facets" : "stock_xapian", stock);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_search: %s\n", e.what());
    return 2;
  }
  return 0;
}
