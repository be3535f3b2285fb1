#include "searcher/cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>

#include "app/cli_support.h"
#include "app/config.h"

namespace iran::searcher {
namespace {

constexpr const char* kExamples = R"(
Examples:
  iransearch Iran Qatar talks --from 2021-12        all the words (else any), ranked
  iransearch '"neighborhood policy"' --country Qatar
  iransearch --any sanctions embargo                any of the words
  iransearch العلاقات --lang ar --sort newest
  iransearch --official "Bagheri Kani" --facets --facet-limit 5
  iransearch Raisi --histogram week
  iransearch Raisi --format csv > raisi.csv         also json, jsonl, tsv, paths; --count
  iransearch show 2                                 the 2nd hit of the last search, whole
  iransearch --like corpus/003_21b21bc7e96fc0af.txt --lang en
  iransearch --save bagheri-qatar Bagheri Kani --country Qatar
  iransearch @bagheri-qatar --new                   only articles indexed since the last --new
  iransearch --saved

Settings: --db, then --config FILE, then IRANIDX_DB, then $XDG_CONFIG_HOME/iranidx/config.toml (or
~/.config/iranidx/config.toml; keys: db, corpus, color, format, limit, sort).
Query syntax: man iransearch-query. Exit codes: 0 hits, 1 no hits, 2 error.
)";

}  // namespace

std::optional<int> parse_search_cli(const std::vector<std::string>& args, SearchCli& cli) {
  CLI::App app{"iransearch: search news articles indexed by iranidx", "iransearch"};
  app.set_version_flag("--version", std::string("iransearch ") + IRANSEARCH_VERSION);
  app.footer(kExamples);
  // A value given twice (a saved search's, then the line's): the last one wins.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  auto& r = cli.params;
  std::vector<std::string> words;
  std::string format;
  bool json = false;
  std::string config;
  app.add_option("QUERY", words, "words (all of them, else any), \"phrases\", AND/OR/NOT, field:value; see iransearch-query(7)");
  // One value per flag, so the words after it stay the query: --country Qatar sanctions.
  app.add_option("--country", r.countries, "articles naming this country (any script, demonym or ISO code); repeat for all of several, commas for any of several")
      ->allow_extra_args(false);
  app.add_option("--official", r.officials, "articles naming this official (any spelling, ID or role); repeat / commas as for --country")
      ->allow_extra_args(false);
  app.add_option("--source", r.sources, "articles from this outlet (mehr, presstv, ...); repeat / commas")->allow_extra_args(false);
  app.add_option("--lang", r.langs, "articles in this language (en, ar, fa); commas for any of several")->allow_extra_args(false);
  app.add_option("--from", r.from, "on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)");
  app.add_option("--to", r.to, "on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)");
  app.add_flag("--any", r.any, "any of the words, ranked (default: all of them, falling back to any)");
  app.add_option("--like", r.like, "articles like this one (a path in the corpus, docid:N, or a rank of the last search)");
  app.add_flag("--all-copies", r.all_copies, "show every syndicated copy of a story (default: one, with \"also in\")");
  auto* limit = app.add_option("--limit", r.limit, "hits to show")->check(app::whole_number(0, kMaxLimit))->capture_default_str();
  app.add_option("--offset", r.offset, "hits to skip")->check(app::whole_number(0, kMaxOffset))->capture_default_str();
  app.add_option("--sort", r.sort, "relevance, newest or oldest (date = newest; default: relevance with words, newest without)")
      ->check(CLI::IsMember({"relevance", "newest", "oldest", "date"}));
  app.add_flag("--count", cli.count, "print the number of matching articles only");
  app.add_option("--format", format, "text, json, jsonl, csv, tsv or paths")
      ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "tsv", "paths"}));
  app.add_flag("--json", json, "same as --format json");
  app.add_flag("-0,--print0", cli.print0,
               "--format paths with each path ending in a NUL byte, exactly as named (for xargs -0)");
  app.add_flag("--explain", cli.explain, "first print the query as Xapian runs it (terms, stems, entities, operators); JSON has it as \"parsed\"");
  app.add_flag("--facets", r.facets, "counts by country, official, source, language and month");
  app.add_option("--facet-limit", r.facet_limit, "values shown per facet (default: 10 in text, all in JSON; 0: all)")
      ->check(app::whole_number(0, kMaxFacetLimit));
  app.add_option("--histogram", r.histogram, "matched articles over time: day, week, month or year")
      ->check(CLI::IsMember({"day", "week", "month", "year"}));
  app.add_option("--color", cli.color, "bold highlights: auto (on a terminal, unless NO_COLOR), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  app.add_option("--save", cli.save, "save this search as NAME (run it later as @NAME)");
  app.add_flag("--new", cli.new_only, "with @NAME: only articles indexed since the last --new run of it");
  app.add_flag("--saved", cli.list_saved, "list the saved searches");
  app.add_option("--db", cli.db, "index directory, or a Xapian stub of shards: auto PATH, remote HOST:PORT, remote :PROG ARGS (default: IRANIDX_DB, the config file, or ./index)")->capture_default_str();
  app.add_flag("--partial", cli.shards.partial, "with shards: answer from those that respond and name the others");
  app.add_option("--timeout", cli.shards.read_timeout, "remote shards: seconds to wait for a reply")
      ->check(app::positive_finite(86400))->capture_default_str();
  app.add_option("--connect-timeout", cli.shards.connect_timeout, "remote shards: seconds to wait for a connection")
      ->check(app::positive_finite(86400))->capture_default_str();
  app.add_option("--config", config, "read settings from this TOML file instead of the default one");

  try {
    app::apply_settings(app, args);
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return app::exit_for_parse_error(app, e);
  } catch (const app::ConfigError& e) {
    app::print_error("iransearch", e.what());
    return app::exit_code::kError;
  }
  // Unquoted words are one query, as a person typing `iransearch Iran Qatar talks` means.
  for (const auto& w : words) r.query += (r.query.empty() ? "" : " ") + w;
  if (!format.empty()) cli.format = *parse_format(format);
  if (json) cli.format = Format::Json;
  if (cli.print0) {
    if ((!format.empty() && cli.format != Format::Paths) || json) {
      app::print_error("iransearch", "--print0 writes paths: it does not go with --format " + (json ? std::string("json") : format));
      return app::exit_code::kError;
    }
    cli.format = Format::Paths;
  }
  r.json = cli.format == Format::Json;
  cli.limit_given = limit->count() > 0;
  // What a saved search keeps: the search, not where it ran (--db, --config) nor --save
  // itself, so `@NAME` runs it over whatever index is in use.
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--save" || a == "--db" || a == "--config") {
      ++i;
      continue;
    }
    if (a.rfind("--save=", 0) == 0 || a.rfind("--db=", 0) == 0 || a.rfind("--config=", 0) == 0 || a == "--new")
      continue;
    cli.args_to_save.push_back(a);
  }
  return std::nullopt;
}

}  // namespace iran::searcher
