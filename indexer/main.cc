// iranidx: builds and inspects the index. CLI only: parsing here, work in common/.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/cli_support.h"
#include "app/config.h"
#include "index/layout.h"
#include "indexer/commands.h"

int main(int argc, char** argv) {
  using namespace iran;
  CLI::App app{"iranidx: index news articles for iransearch", "iranidx"};
  app.set_version_flag("--version", std::string("iranidx ") + IRANIDX_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  std::string config;
  app.add_option("--config", config, "read settings from this TOML file instead of $XDG_CONFIG_HOME/iranidx/config.toml (keys: corpus, db)");
  app.footer(R"(
Examples:
  iranidx build                                   index ./corpus into ./index (new and changed files only)
  iranidx --corpus ~/news --db ~/news-index build --quiet --wait 120    (for cron)
  iranidx build --full                            rebuild into a new index, swapped in when done
  iranidx --db shards build --shards year         a shard per publication year (or --shards hash:4)
  iranidx --db shards compact --shard 2021        compact a closed year of a layout
  iranidx status                                  last build, running build, pending files
  iranidx analyze "والعلاقات الإيرانية"            the terms a text becomes
  iranidx entities corpus/003_21b21bc7e96fc0af.txt

Settings: --corpus/--db, then --config FILE, then IRANIDX_CORPUS / IRANIDX_DB, then
$XDG_CONFIG_HOME/iranidx/config.toml (or ~/.config/iranidx/config.toml).
Exit codes: 0 done, 1 done but some files failed, 2 could not run, 3 another build is running.
)");

  indexer::Paths paths;
  app.add_option("--corpus", paths.corpus, "corpus directory")->capture_default_str();
  app.add_option("--db", paths.db, "index directory")->capture_default_str();
  indexer::JsonlFlags jsonl;
  indexer::add_jsonl_options(app, jsonl);

  auto* build = app.add_subcommand("build", "index new and changed articles, drop removed ones");
  indexer::BuildFlags build_flags;
  build->add_option("--batch", build_flags.batch_size, "documents per commit (default 1000; 10000 when everything is indexed: the first build, --full)")
      ->check(app::whole_number(1, 1000000000));
  build->add_option("--jobs,-j", build_flags.jobs, "threads reading and analysing files, besides the one writing (default: one per core; the index is the same for any number)")
      ->check(app::whole_number(1, 256));
  build->add_flag("--compact", build_flags.compact, "end a full build (the first build, --full) with a compacted index, about half the size");
  build->add_flag("--full", build_flags.full, "rebuild from scratch into a new index, swapped in when complete");
  build->add_option("--shards", build_flags.shards,
                    "build a sharded layout: 'year' (a shard per publication year, undated in its own) or 'hash:N' "
                    "(N shards by a hash of the path); a layout keeps its split on later builds")
      ->check(CLI::Validator(
          [](std::string& value) {
            try {
              (void)index::ShardScheme::parse(value);
              return std::string();
            } catch (const std::invalid_argument& e) {
              return std::string(e.what());
            }
          },
          "year|hash:N"));
  build->add_option("--wait", build_flags.wait_seconds, "if another build is running, wait up to SECONDS (default: exit 3 at once)")
      ->check(app::non_negative_finite());
  // The guards against wiping the index, shared by build and check --repair.
  auto guard_options = [&](CLI::App* command) {
    command->add_option("--max-delete", build_flags.max_delete_percent,
                        "delete nothing if a run would delete more than PERCENT of the index (default 50)")
        ->check(app::non_negative_finite() & CLI::Range(0.0, 100.0));
    command->add_flag("--allow-mass-delete", build_flags.allow_mass_delete,
                      "delete whatever is gone, however much (after emptying the corpus on purpose)");
    command->add_flag("--follow-symlinks", build_flags.follow_symlinks,
                      "also index files and folders that symbolic links outside the corpus lead to");
  };
  guard_options(build);
  bool quiet = false, verbose = false;
  auto* quiet_flag = build->add_flag("--quiet,-q", quiet, "only problems and the summary (for cron)");
  build->add_flag("--verbose,-v", verbose, "also one line per file added, updated, moved or deleted")->excludes(quiet_flag);
  build->add_flag("--json", build_flags.json, "the summary as one JSON object, failures listed");

  auto* status = app.add_subcommand("status", "last build, whether one is running, and what is pending");
  status->add_flag("--follow-symlinks", build_flags.follow_symlinks, "count files behind links outside the corpus too");

  auto* check = app.add_subcommand("check", "compare the index with the corpus, file by file");
  bool repair = false;
  check->add_flag("--repair", repair, "bring the index in line with the corpus");
  check->add_option("--wait", build_flags.wait_seconds, "wait up to SECONDS for a running build (the structure is checked with no build running; --repair: exit 3 if one still is)")
      ->check(app::non_negative_finite());
  guard_options(check);

  app.add_subcommand("stats", "documents by language, source, country and official; date span");

  auto* compact = app.add_subcommand("compact", "compact shards of a layout (closed years): smaller and faster, swapped in while people search");
  indexer::CompactFlags compact_flags;
  auto* compact_shard = compact->add_option("--shard", compact_flags.shards, "the shard to compact, as `iranidx status` names it (repeatable)");
  compact->add_flag("--all", compact_flags.all, "every shard of the layout")->excludes(compact_shard);
  compact->add_option("--wait", compact_flags.wait_seconds, "if a build is running, wait up to SECONDS (default: exit 3 at once)")
      ->check(app::non_negative_finite());

  auto* analyze = app.add_subcommand("analyze", "show the tokens and terms a text becomes");
  std::string text;
  analyze->add_option("TEXT", text, "the text to analyze")->required();

  auto* entities = app.add_subcommand("entities", "show the countries and officials found in a file");
  std::string file;
  entities->add_option("FILE", file, "an article file (or its path in the corpus); FILE#ITEM for one item of a feed or dump")->required();

  auto* officials = app.add_subcommand("officials", "officials named in the index, with article counts");
  bool discovered_only = false;
  officials->add_flag("--discovered", discovered_only, "only those found by their role and not in the gazetteer, with gazetteer rows to paste");

  auto* show = app.add_subcommand("show", "show an article as the indexer sees it: metadata, then the indexed body");
  show->add_option("FILE", file, "an article file (or its path in the corpus); FILE#ITEM for one item of a feed or dump")->required();

  try {
    app::apply_settings(app, std::vector<std::string>(argv + 1, argv + argc));
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app::exit_for_parse_error(app, e);
  } catch (const app::ConfigError& e) {
    app::print_error("iranidx", e.what());
    return app::exit_code::kError;
  }

  return app::guarded_main("iranidx", [&] {
    paths.inputs = indexer::input_options(jsonl);
    build_flags.verbosity = quiet ? indexer::Verbosity::Quiet : verbose ? indexer::Verbosity::Verbose : indexer::Verbosity::Normal;
    if (*build) return indexer::run_build(paths, build_flags);
    if (*compact) {
      if (compact_flags.shards.empty() && !compact_flags.all) {
        app::print_error("iranidx", "compact: name the shards to compact (--shard 2019, repeatable) or --all");
        return app::exit_code::kError;
      }
      return indexer::run_compact(paths, compact_flags);
    }
    if (*check) return indexer::run_check(paths, repair, build_flags);
    if (*status) return indexer::run_status(paths, build_flags);
    if (*analyze) return indexer::run_analyze(text);
    if (*entities) return indexer::run_entities(file, paths);
    if (*show) return indexer::run_show(file, paths);
    if (*officials) return indexer::run_officials(paths, discovered_only);
    return indexer::run_stats(paths);
  });
}
