#include <xapian.h>

#include <iostream>
#include <map>

#include "app/cli_support.h"
#include "index/schema.h"
#include "index/store.h"
#include "index/layout.h"
#include "index/target.h"
#include "index/writer.h"
#include "indexer/commands.h"

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

// "label:" and spaces to the width of "build running: ".
std::string padded(const std::string& label) { return label + std::string(label.size() < 15 ? 15 - label.size() : 1, ' '); }

std::string relative(const std::filesystem::path& p, const std::string& root) {
  return p.lexically_relative(root).generic_string();
}

// A layout's shards, one line each, then the totals.
void layout_status(const Paths& paths) {
  const auto view = index::open_layout_view(paths.db);
  Xapian::doccount total = 0;
  for (const auto& db : view.shards) total += db.get_doccount();
  std::cout << " (sharded by " << view.layout.scheme.text() << ": " << view.shards.size() << " shards)\n";
  for (std::size_t i = 0; i < view.shards.size(); ++i) {
    const auto& db = view.shards[i];
    std::cout << padded("shard " + view.layout.shards[i].name + ":") << db.get_doccount() << " documents (" << relative(view.layout.shards[i].generation, paths.db)
              << ", revision " << db.get_revision() << ")\n";
  }
  std::cout << "documents:     " << total << '\n'
            << "last build:    " << view.home.get_metadata(std::string(schema::kMetaLastBuild)) << '\n';
}

}  // namespace

// What the index holds and what a build would do now, without writing anything.
int run_status(const Paths& paths, const BuildFlags& flags) {
  const auto context = app::load_analysis_context();
  std::cout << "index:         " << paths.db;
  const bool layout = index::is_layout(paths.db);
  const auto generation = layout ? std::nullopt : index::current_generation(paths.db);
  if (layout) {
    layout_status(paths);
  } else if (!generation) {
    std::cout << " (none yet: run `iranidx build`)\n";
  } else {
    const Xapian::Database db(generation->string());
    std::cout << " (" << generation->filename().string() << ", revision " << db.get_revision() << ")\n"
              << "documents:     " << db.get_doccount() << '\n'
              << "last build:    " << db.get_metadata(std::string(schema::kMetaLastBuild)) << '\n';
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
namespace {

// Xapian's own check of one database: 0 when clean, else the errors (said on stdout).
std::size_t structural_errors(const std::filesystem::path& generation, const std::string& name) {
  try {
    const std::size_t n = Xapian::Database::check(generation.string(), Xapian::DBCHECK_SHORT_TREE, nullptr);
    if (n) std::cout << "iranidx: Xapian found " << n << " structural errors in " << name << " (" << generation.string() << ")\n";
    return n;
  } catch (const Xapian::Error& e) {
    std::cout << "iranidx: " << name << " damaged (" << generation.string() << "): " << e.get_msg() << '\n';
    return 1;
  }
}

// Every shard of a layout on its own: Xapian's check, and every article in the shard its
// date or path says and in no other. One line per shard.
std::size_t check_layout(const Paths& paths) {
  const auto view = index::open_layout_view(paths.db);
  std::size_t problems = structural_errors(view.layout.home, "the layout's home");
  std::map<std::string, std::string> first_shard;  // ID term → shard holding it
  const std::string q(schema::kIdPrefix);
  for (std::size_t i = 0; i < view.shards.size(); ++i) {
    const auto& shard = view.layout.shards[i];
    const auto& db = view.shards[i];
    const std::size_t structural = structural_errors(shard.generation, "shard " + shard.name);
    std::size_t misplaced = 0, twice = 0;
    for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
      const std::string id = *t;
      const std::string first_day = db.get_document(*db.postlist_begin(id)).get_value(schema::kDateSlot);
      if (view.layout.scheme.shard_for(id, first_day) != shard.name) {
        ++misplaced;
        std::cout << "iranidx: " << id.substr(q.size()) << ": in shard " << shard.name << ", belongs in "
                  << view.layout.scheme.shard_for(id, first_day) << '\n';
      }
      if (const auto [it, fresh] = first_shard.emplace(id, shard.name); !fresh) {
        ++twice;
        std::cout << "iranidx: " << id.substr(q.size()) << ": in shards " << it->second << " and " << shard.name << '\n';
      }
    }
    std::cout << padded("shard " + shard.name + ":") << db.get_doccount() << " documents, "
              << (structural ? std::to_string(structural) + " structural errors" : std::string("Xapian check clean"))
              << ", " << misplaced << " misplaced, " << twice << " also in another shard\n";
    problems += structural + misplaced + twice;
  }
  return problems;
}

}  // namespace

// Compares every file's content with the index (not just stamps) and runs Xapian's own
// consistency check; --repair then brings the index in line.
int run_check(const Paths& paths, bool repair, const BuildFlags& flags) {
  const auto context = app::load_analysis_context();
  const bool layout = index::is_layout(paths.db);
  const auto generation = layout ? std::nullopt : index::current_generation(paths.db);
  if (!layout && !generation) throw std::runtime_error("no index at " + paths.db + ": run `iranidx build` first");

  std::size_t structural = layout ? check_layout(paths) : structural_errors(*generation, "the index");

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
  // A damaged index (or an article in the wrong shard, or in two) cannot be patched:
  // rebuild it whole.
  if (repair && structural) options.full = true;
  index::BuildObserver observer;
  observer.acted = [&](index::FileAction action, const std::string& path) {
    if (action != index::FileAction::Touched) std::cout << (repair ? "fixed: " : "") << path << ": " << describe(action) << '\n';
  };
  observer.failed = [](const index::FileFailure& f) { app::print_error("iranidx", f.path + ": " + f.problem); };
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
