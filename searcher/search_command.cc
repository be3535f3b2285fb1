// iransearch [QUERY] [filters]: the search, saved searches (@NAME, --save, --saved) and --new.
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "app/cli_support.h"
#include "app/config.h"
#include "index/searcher.h"
#include "searcher/cli.h"
#include "searcher/commands.h"
#include "searcher/render.h"
#include "searcher/search_params.h"
#include "searcher/state.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace iran::searcher {
namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// @NAME anywhere on the line: the saved arguments, then the others.
std::string expand_saved(std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].size() < 2 || args[i][0] != '@') continue;
    const std::string name = args[i].substr(1);
    std::vector<std::string> expanded = load_search(name).args;
    for (std::size_t j = 0; j < args.size(); ++j)
      if (j != i) expanded.push_back(args[j]);
    args = std::move(expanded);
    return name;
  }
  return {};
}

std::string plural_paths(std::size_t n) { return n == 1 ? "1 path holds" : std::to_string(n) + " paths hold"; }

int list_saved() {
  const auto searches = list_searches();
  if (searches.empty()) {
    std::cout << "No saved searches (iransearch --save NAME QUERY [filters] makes one).\n";
    return app::exit_code::kSuccess;
  }
  for (const auto& s : searches) {
    std::string line = "@" + s.name + "  ";
    for (const auto& a : s.args) line += " " + (a.find(' ') != std::string::npos || a.empty() ? "'" + a + "'" : a);
    std::cout << util::escape_controls(line) << '\n';
  }
  return app::exit_code::kSuccess;
}

}  // namespace

int search_main(std::vector<std::string> args) {
  return app::guarded_main("iransearch", [&]() -> int {
    const std::string saved_name = expand_saved(args);
    SearchCli cli;
    if (const auto code = parse_search_cli(args, cli)) return *code;
    if (cli.list_saved) return list_saved();
    if (cli.new_only && saved_name.empty())
      throw index::UsageError("--new works on a saved search: iransearch @NAME --new (see --save)");
    if (!cli.save.empty()) {
      save_search({cli.save, cli.args_to_save});
      std::cerr << "iransearch: saved search '" << util::escape_controls(cli.save) << "': run it with iransearch @"
                << util::escape_controls(cli.save) << '\n';
    }
    auto& params = cli.params;
    if (all_digits(params.like)) params.like = remembered_hit(cli.db, static_cast<Xapian::doccount>(std::stoul(params.like)));
    if (cli.new_only && !cli.limit_given) params.limit = kMaxLimit;  // every new article, for the mail
    auto prepared = prepare_search(params);
    // The shards are opened while the rest starts up (remote ones take a connection and
    // a server process each), and read what labelling the facets will need.
    cli.shards.read_discovered = prepared.request.want_facets;
    cli.shards.cache_dir = app::table_cache_dir();  // a local index's summary mapped from there
    // Only --new reports the newest ingest stamp: other searches do not ask each shard.
    cli.shards.read_ingest = cli.new_only;
    prepared.request.want_latest_indexed = cli.new_only;
    index::PendingShards shards(cli.db, cli.shards);
    auto& request = prepared.request;
    auto& render = prepared.render;
    if (cli.new_only) request.indexed_after = new_mark(saved_name, cli.db);
    if (cli.count || cli.format == Format::Paths) request.want_snippets = false;
    if (cli.count) request.limit = 0;
    render.bold = cli.color == "always" || (cli.color == "auto" && app::stdout_is_terminal());
    render.width = std::min(app::terminal_width(), 110u);
    render.quiet_when_empty = cli.new_only;
    const bool json = cli.format == Format::Json;

    // Left for the end of the process to free: taking the gazetteer's tables apart
    // costs more than a search (about 3 ms).
    static const app::AnalysisContext& context = *new app::AnalysisContext(app::load_analysis_context());
    // Over remote shards the synonym catalog is found while they are still opening. The
    // searcher is left to the end of the process too: closing a remote shard waits for
    // its server to hang up (a round trip per shard, one after another, about 1 ms over
    // 4), and a database opened to read needs no closing. (Static, so that it stays
    // reachable and a leak checker does not count it; main runs one search per process.)
    static index::Searcher& searcher =
        *new index::Searcher(shards.take(context.gazetteer, context.analyzer), context.gazetteer, context.analyzer);
    searcher.set_cache_dir(app::table_cache_dir());
    const auto result = run_search(searcher, prepared);
    for (std::size_t i = 0; i < result.shards_missing.size(); ++i)
      app::print_warning("iransearch", "shard " + result.shards_missing[i] + " did not answer (" +
                                           result.shards_missing_why[i] + "): results are from " +
                                           std::to_string(result.shards_answered) + " of " +
                                           std::to_string(result.shards_asked) + " shards");
    if (!cli.count) remember_hits(cli.db, result);

    // --explain: why an article ranks where it does. On stdout before text results, on
    // stderr next to the machine formats (JSON carries it as "parsed").
    for (const auto& note : result.notes) std::cerr << "iransearch: note: " << util::escape_controls(note) << '\n';
    if (cli.explain && !json)
      (cli.format == Format::Text && !cli.count ? std::cout : std::cerr) << "parsed: " << util::escape_controls(result.parsed) << "\n\n";
    if (cli.count) std::cout << result.total << '\n';
    else if (json) render_json(std::cout, result, request, render);
    else if (cli.format == Format::Jsonl) render_jsonl(std::cout, result);
    else if (cli.format == Format::Csv) render_table(std::cout, result, ',');
    else if (cli.format == Format::Tsv) render_table(std::cout, result, '\t');
    else if (cli.format == Format::Paths) {
      if (const auto quoted = render_paths(std::cout, result, {cli.print0, ::isatty(STDOUT_FILENO) == 1}))
        app::print_warning("iransearch", plural_paths(quoted) + " control, bidi or non-UTF-8 characters, shown quoted" +
                                             (cli.print0 ? " on a terminal" : "; --print0 writes exact names for xargs -0"));
    }
    else render_text(std::cout, result, request, render);

    std::cout.flush();
    // Once the answer is out: the facet table of this revision for the next process
    // (index/facet_table.h), unless one was there (then this costs nothing).
    searcher.keep_facet_table();
    // The mark moves only once the list is out: a failed run shows the same articles next time.
    if (cli.new_only && std::cout && !result.latest_indexed.empty())
      set_new_mark(saved_name, cli.db, result.latest_indexed);
    return result.total > 0 ? app::exit_code::kSuccess : app::exit_code::kNoHits;
  });
}

}  // namespace iran::searcher
