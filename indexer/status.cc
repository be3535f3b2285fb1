#include <xapian.h>

#include <iostream>

#include "app/cli_support.h"
#include "index/schema.h"
#include "index/store.h"
#include "index/writer.h"
#include "indexer/commands.h"
#include "util/terminal.h"

namespace iran::indexer {
namespace {

const char* describe(index::FileAction action) {
  switch (action) {
    case index::FileAction::Added: return "not indexed";
    case index::FileAction::Updated: return "differs from the index";
    case index::FileAction::Moved: return "moved";
    case index::FileAction::Deleted: return "indexed but not in the corpus";
    case index::FileAction::Touched: return "touched (content unchanged)";
  }
  return "";
}

}  // namespace

// What the index holds and what a build would do now, without writing anything.
int run_status(const Paths& paths, const BuildFlags& flags) {
  const auto context = app::load_analysis_context();
  const auto generation = index::current_generation(paths.db);
  std::cout << "index:         " << util::quote_name(paths.db);
  if (!generation) {
    std::cout << " (none yet: run `iranidx build`)\n";
  } else {
    const Xapian::Database db(generation->string());
    std::cout << " (" << util::quote_name(generation->filename().string()) << ", revision " << db.get_revision() << ")\n"
              << "documents:     " << db.get_doccount() << '\n'
              << "last build:    " << util::escape_controls(db.get_metadata(std::string(schema::kMetaLastBuild))) << '\n';
  }
  std::cout << "build running: " << (index::BuildLock::held_by_other(paths.db) ? "yes" : "no") << '\n';

  index::BuildOptions options;
  options.corpus = paths.corpus;
  options.db = paths.db;
  options.inputs = paths.inputs;
  options.dry_run = true;
  options.follow_symlinks = flags.follow_symlinks;
  const auto report = index::build_index(options, context.gazetteer, context.analyzer);
  std::cout << "pending:       " << report.added << " new, " << report.updated << " changed, " << report.moved
            << " moved, " << report.deleted << " removed, " << report.failed << " failing"
            << (report.changed() ? " (run `iranidx build`)" : "") << '\n';
  return app::exit_code::kSuccess;
}

// Compares every file's content with the index (not just stamps) and runs Xapian's own
// consistency check; --repair then brings the index in line.
int run_check(const Paths& paths, bool repair, const BuildFlags& flags) {
  const auto context = app::load_analysis_context();
  const auto generation = index::current_generation(paths.db);
  if (!generation) throw std::runtime_error("no index at " + paths.db + ": run `iranidx build` first");

  std::size_t structural = 0;
  try {
    structural = Xapian::Database::check(generation->string(), Xapian::DBCHECK_SHORT_TREE, nullptr);
  } catch (const Xapian::DatabaseError& e) {
    std::cout << "iranidx: index damaged: " << util::escape_controls(e.get_msg()) << '\n';
    structural = 1;
  }
  if (structural) std::cout << "iranidx: Xapian found " << structural << " structural errors in " << util::quote_name(generation->string()) << '\n';

  index::BuildOptions options;
  options.corpus = paths.corpus;
  options.db = paths.db;
  options.inputs = paths.inputs;
  options.verify_content = true;
  options.dry_run = !repair;
  options.wait_seconds = flags.wait_seconds;
  options.max_delete = flags.max_delete_percent / 100;
  options.allow_mass_delete = flags.allow_mass_delete;
  options.follow_symlinks = flags.follow_symlinks;
  // A damaged index cannot be patched: rebuild it whole.
  if (repair && structural) options.full = true;
  index::BuildObserver observer;
  observer.acted = [&](index::FileAction action, const std::string& path) {
    if (action != index::FileAction::Touched) std::cout << (repair ? "fixed: " : "") << util::quote_name(path) << ": " << describe(action) << '\n';
  };
  observer.failed = [](const index::FileFailure& f) { app::print_error("iranidx", util::quote_name(f.path) + ": " + f.problem); };
  const auto report = index::build_index(options, context.gazetteer, context.analyzer, observer);
  const std::size_t differences = report.added + report.updated + report.moved + report.deleted;
  if (report.refused_deletions) {
    app::print_error("iranidx", index::refusal_line(report, options));
    return app::exit_code::kError;
  }
  if (repair) {
    std::cout << "iranidx: repaired " << differences << " differences" << (structural ? " (full rebuild)" : "") << '\n';
    return report.failed ? app::exit_code::kPartial : app::exit_code::kSuccess;
  }
  std::cout << "iranidx: " << differences + structural << " differences between index and corpus"
            << (differences + structural ? " (run `iranidx check --repair`)" : "") << '\n';
  return differences + structural || report.failed ? app::exit_code::kPartial : app::exit_code::kSuccess;
}

}  // namespace iran::indexer
