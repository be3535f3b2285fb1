#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/cli_support.h"
#include "index/writer.h"
#include "indexer/commands.h"
#include "indexer/progress.h"
#include "util/json.h"
#include "util/terminal.h"

namespace iran::indexer {
namespace {

const char* action_name(index::FileAction action) {
  switch (action) {
    case index::FileAction::Added: return "added";
    case index::FileAction::Updated: return "updated";
    case index::FileAction::Moved: return "moved";
    case index::FileAction::Deleted: return "deleted";
    case index::FileAction::Touched: return "touched";
  }
  return "";
}

std::string report_json(const index::BuildReport& r) {
  util::JsonWriter json;
  json.begin_object();
  for (const auto& [key, n] : {std::pair{"added", r.added}, {"updated", r.updated}, {"moved", r.moved},
                               {"deleted", r.deleted}, {"unchanged", r.unchanged}, {"touched", r.touched},
                               {"failed", r.failed}})
    json.key(key).value(static_cast<std::uint64_t>(n));
  json.key("seconds").value(r.seconds);
  json.key("changed").value(r.changed());
  json.key("reanalyzed").value(r.reanalyzed);
  json.key("gazetteer_entries").value(static_cast<std::uint64_t>(r.gazetteer_entries));
  json.key("gazetteer_articles").value(static_cast<std::uint64_t>(r.gazetteer_articles));
  json.key("resumed").value(r.resumed);
  json.key("compacted").value(r.compacted);
  json.key("kept").value(static_cast<std::uint64_t>(r.kept));
  json.key("refused_deletions").value(static_cast<std::uint64_t>(r.refused_deletions));
  json.key("failures").begin_array();
  for (const auto& f : r.failures) json.begin_object().path_member("path", f.path).key("problem").value(f.problem).end_object();
  json.end_array();
  json.key("skipped").begin_object();
  for (const auto& [kind, n] : r.skipped) json.key(kind).value(static_cast<std::uint64_t>(n));
  json.end_object();
  json.key("warnings").begin_array();
  for (const auto& w : r.warnings) json.begin_object().path_member("path", w.path).key("problem").value(w.problem).end_object();
  json.end_array();
  json.key("conversions").begin_array();
  for (const auto& c : r.conversions)
    json.begin_object().path_member("path", c.path).key("encoding").value(c.encoding).end_object();
  json.end_array();
  json.end_object();
  return json.str();
}

}  // namespace

int run_build(const Paths& paths, const BuildFlags& flags) {
  const auto context = app::load_analysis_context();
  index::BuildOptions options;
  options.corpus = paths.corpus;
  options.db = paths.db;
  options.inputs = paths.inputs;
  options.batch_size = flags.batch_size;
  options.jobs = flags.jobs;
  options.compact = flags.compact;
  options.full = flags.full;
  if (!flags.shards.empty()) options.shards = index::ShardScheme::parse(flags.shards);
  options.wait_seconds = flags.wait_seconds;
  options.max_delete = flags.max_delete_percent / 100;
  options.allow_mass_delete = flags.allow_mass_delete;
  options.follow_symlinks = flags.follow_symlinks;

  // A progress bar is for a person watching: never in logs, pipes or cron.
  ProgressBar bar(::isatty(STDERR_FILENO) == 1 && flags.verbosity != Verbosity::Quiet && !flags.json);
  index::BuildObserver observer;
  observer.failed = [&](const index::FileFailure& f) {
    bar.clear();
    app::print_error("iranidx", util::quote_name(f.path) + ": " + f.problem);
  };
  observer.not_followed = [&](const index::FileFailure& f) {
    bar.clear();
    app::print_warning("iranidx", util::quote_name(f.path) + ": " + f.problem);
  };
  observer.not_article = [&](const index::FileFailure& f) {
    bar.clear();
    if (flags.verbosity != Verbosity::Quiet) app::print_warning("iranidx", util::quote_name(f.path) + ": " + f.problem);
  };
  observer.warned = [&](const index::FileFailure& f) {
    bar.clear();
    app::print_warning("iranidx", util::quote_name(f.path) + ": " + f.problem);
  };
  observer.converted = [&](const index::FileConversion& c) {
    bar.clear();
    app::print_warning("iranidx", util::quote_name(c.path) + ": not UTF-8; indexed as " + c.encoding);
  };
  if (flags.verbosity == Verbosity::Verbose)
    observer.acted = [&](index::FileAction action, const std::string& path) {
      bar.clear();
      std::cerr << "iranidx: " << action_name(action) << ' ' << util::quote_name(path) << '\n';
    };
  observer.progress = [&](std::size_t done, std::size_t total) { bar.update(done, total); };

  const auto report = index::build_index(options, context.gazetteer, context.analyzer, observer);
  bar.clear();
  if (report.reanalyzed)
    app::print_warning("iranidx", "the index was built by another analyzer version or other gazetteer data; every article was reindexed");
  if (report.gazetteer_changed && flags.verbosity != Verbosity::Quiet)
    std::cerr << "iranidx: note: " << ("gazetteer data changed: " + std::to_string(report.gazetteer_entries) +
                                   (report.gazetteer_entries == 1 ? " entry" : " entries") + " edited, added or removed; " +
                                   std::to_string(report.gazetteer_articles) + " of the indexed articles name them and were re-extracted") << '\n';
  if (report.resumed) app::print_warning("iranidx", "resumed a full rebuild where a killed one stopped");
  if (!report.compact_problem.empty())
    app::print_warning("iranidx", "could not compact the new index (published as it is): " + report.compact_problem);
  if (flags.json)
    std::cout << report_json(report) << '\n';
  else
    std::cout << "iranidx: " << util::escape_controls(index::summary_line(report)) << '\n';
  if (report.refused_deletions) {
    app::print_error("iranidx", index::refusal_line(report, options));
    return app::exit_code::kError;
  }
  return report.failed ? app::exit_code::kPartial : app::exit_code::kSuccess;
}

}  // namespace iran::indexer
