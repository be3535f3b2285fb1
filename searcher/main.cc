// iransearch: searches the index. CLI only: parsing here, work in common/, output in render_*.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <map>

#include "app/cli_support.h"
#include "index/searcher.h"
#include "searcher/render.h"
#include "searcher/search_params.h"
#include "searcher/serve.h"

int main(int argc, char** argv) {
  using namespace iran;
  // `iransearch serve ...`: the web interface (searcher/serve.cc). Only as the first
  // word, so a query may still hold the word: `iransearch -- serve`.
  if (argc > 1 && std::string_view(argv[1]) == "serve") return searcher::serve_main(argc - 1, argv + 1);
  CLI::App app{"iransearch: search news articles indexed by iranidx", "iransearch"};
  app.set_version_flag("--version", std::string("iransearch ") + IRANSEARCH_VERSION);
  app.set_config("--config", "", "read options from this TOML/INI file (key: db)");

  searcher::SearchParams request;
  std::string db = "index";
  std::vector<std::string> words;
  app.add_option("QUERY", words, "words, \"phrases\", AND/OR/NOT, field:value (title:, country:, official:, source:, lang:, year:, date:A..B)");
  app.add_option("--country", request.countries, "articles naming this country (any script, demonym or ISO code); repeat for all of several, commas for any of several");
  app.add_option("--official", request.officials, "articles naming this official (any spelling or ID); repeat / commas as for --country");
  app.add_option("--source", request.sources, "articles from this outlet (mehr, presstv, ...)");
  app.add_option("--lang", request.langs, "articles in this language (en, ar, fa)");
  app.add_option("--from", request.from, "on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)");
  app.add_option("--to", request.to, "on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)");
  app.add_option("--limit", request.limit, "hits to show")->check(CLI::Range(0u, 1000000u))->capture_default_str();
  app.add_option("--offset", request.offset, "hits to skip")->check(CLI::NonNegativeNumber)->capture_default_str();
  app.add_option("--sort", request.sort, "relevance or date (default: relevance with a query, date without)")
      ->check(CLI::IsMember({"relevance", "date"}));
  app.add_flag("--facets", request.facets, "counts by country, official, source, language and month");
  app.add_option("--histogram", request.histogram, "matched articles over time as a bar chart: month or year")
      ->check(CLI::IsMember({"month", "year"}));
  app.add_flag("--json", request.json, "one JSON object on stdout (see README: JSON output)");
  app.add_option("--db", db, "index directory, or a Xapian stub of shards (auto PATH, remote HOST:PORT, remote :PROG ARGS)")->capture_default_str();
  index::ShardOptions shard_options;
  app.add_flag("--partial", shard_options.partial, "with shards: answer from those that respond and name the others");
  app.add_option("--timeout", shard_options.read_timeout, "remote shards: seconds to wait for a reply")
      ->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--connect-timeout", shard_options.connect_timeout, "remote shards: seconds to wait for a connection")
      ->check(CLI::PositiveNumber)->capture_default_str();
  app.footer("The web interface and HTTP API: iransearch serve --help");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app::exit_for_parse_error(app, e);
  }
  // Unquoted words are one query, as a person typing `iransearch Iran Qatar talks` means.
  for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;

  return app::guarded_main("iransearch", [&] {
    auto prepared = searcher::prepare_search(request);
    auto& render = prepared.render;
    const auto context = app::load_analysis_context();
    index::Searcher searcher(db, context.gazetteer, context.analyzer, shard_options);
    const auto result = searcher::run_search(searcher, prepared);
    for (std::size_t i = 0; i < result.shards_missing.size(); ++i)
      app::print_warning("iransearch", "shard " + result.shards_missing[i] + " did not answer (" +
                                           result.shards_missing_why[i] + "): results are from " +
                                           std::to_string(result.shards_answered) + " of " +
                                           std::to_string(result.shards_asked) + " shards");
    render.bold = app::stdout_is_terminal();
    render.width = std::min(app::terminal_width(), 110u);
    if (request.json)
      searcher::render_json(std::cout, result, prepared.request, render);
    else
      searcher::render_text(std::cout, result, prepared.request, render);
    return result.total > 0 ? app::exit_code::kSuccess : app::exit_code::kNoHits;
  });
}
