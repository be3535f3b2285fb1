// iransearch show HIT: one article whole, with its metadata and entities.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "app/cli_support.h"
#include "app/config.h"
#include "index/searcher.h"
#include "searcher/commands.h"
#include "searcher/render.h"
#include "searcher/state.h"

namespace iran::searcher {

int show_main(const std::vector<std::string>& args) {
  CLI::App app{"iransearch show: one article whole, with its metadata and entities", "iransearch show"};
  app.footer(R"(
Examples:
  iransearch Qatar talks && iransearch show 1     the first hit of the last search
  iransearch show 003_21b21bc7e96fc0af.txt        by path (relative to the corpus; corpus/... works too)
  iransearch show docid:4 --format json
)");
  std::string hit, db = "index", format = "text", color = "auto", config;
  app.add_option("HIT", hit, "a rank from the last search, a path in the corpus, or docid:N")->required();
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  app.add_option("--color", color, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--db", db, "index directory")->capture_default_str();
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
  return app::guarded_main("iransearch", [&] {
    const auto context = app::load_analysis_context();
    index::Searcher searcher(db, context.gazetteer, context.analyzer);
    const bool rank = !hit.empty() && std::all_of(hit.begin(), hit.end(), [](char c) { return c >= '0' && c <= '9'; });
    const auto docid = searcher.resolve_article(rank ? remembered_hit(db, static_cast<Xapian::doccount>(std::stoul(hit))) : hit);
    const auto article = searcher.article({"", docid, ""});
    if (!article) throw index::UsageError("'" + hit + "': the article is no longer in the index");
    RenderOptions render;
    render.bold = color == "always" || (color == "auto" && app::stdout_is_terminal());
    render.width = std::min(app::terminal_width(), 110u);
    if (format == "json") render_article_json(std::cout, *article);
    else render_article_text(std::cout, *article, render);
    return app::exit_code::kSuccess;
  });
}

}  // namespace iran::searcher
