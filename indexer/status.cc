#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "app/cli_support.h"
#include "index/discovered_summary.h"
#include "index/integrity.h"
#include "index/layout.h"
#include "index/layout_compact.h"
#include "index/schema.h"
#include "index/store.h"
#include "index/target.h"
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

// A dry run reads the index while a build may be committing; when Xapian says the
// revision it read has gone (DatabaseModifiedError), it starts again on the new one, a
// bounded number of times.
template <class Attempt>
auto read_consistently(Attempt attempt) {
  constexpr int kAttempts = 8;
  for (int i = 1;; ++i) {
    try {
      return attempt();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (i >= kAttempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(50 * i));
    }
  }
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
    std::cout << padded("shard " + view.layout.shards[i].name + ":") << db.get_doccount() << " documents (" << util::quote_name(relative(view.layout.shards[i].generation, paths.db))
              << ", revision " << db.get_revision() << (index::is_compacted(db) ? ", compacted" : "") << ")\n";
  }
  std::cout << "documents:     " << total << '\n'
            << "last build:    " << util::escape_controls(view.home.get_metadata(std::string(schema::kMetaLastBuild))) << '\n';
}


// Xapian's own check of one database: 0 when clean, else the errors (said on stdout).
std::size_t structural_errors(const std::filesystem::path& generation, const std::string& name) {
  try {
    const std::size_t n = Xapian::Database::check(generation.string(), Xapian::DBCHECK_SHORT_TREE, nullptr);
    if (n) std::cout << "iranidx: Xapian found " << n << " structural errors in " << name << " (" << util::quote_name(generation.string()) << ")\n";
    return n;
  } catch (const Xapian::Error& e) {
    std::cout << "iranidx: " << name << " damaged (" << util::quote_name(generation.string()) << "): " << util::escape_controls(e.get_msg()) << '\n';
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
        std::cout << "iranidx: " << util::quote_name(id.substr(q.size())) << ": in shard " << shard.name << ", belongs in "
                  << view.layout.scheme.shard_for(id, first_day) << '\n';
      }
      if (const auto [it, fresh] = first_shard.emplace(id, shard.name); !fresh) {
        ++twice;
        std::cout << "iranidx: " << util::quote_name(id.substr(q.size())) << ": in shards " << it->second << " and " << shard.name << '\n';
      }
    }
    std::cout << padded("shard " + shard.name + ":") << db.get_doccount() << " documents, "
              << (structural ? std::to_string(structural) + " structural errors" : std::string("Xapian check clean"))
              << ", " << misplaced << " misplaced, " << twice << " also in another shard\n";
    problems += structural + misplaced + twice;
  }
  return problems;
}

// The summary of discovered officials each database searches open stores with its
// documents (index/discovered_summary.h), against the one its terms give: one that
// differs, or cannot be read, is a difference; --repair stores it anew. None at all is
// an index built before (searches read the terms): said, and stored by --repair (or the
// next build). A compacted shard is only read: `iranidx build --full` redoes it.
std::size_t check_summaries(const Paths& paths, bool layout, bool repair) {
  std::vector<std::pair<std::string, std::filesystem::path>> dbs;
  if (layout) {
    const auto l = index::read_layout(paths.db);
    if (l)
      for (const auto& s : l->shards) dbs.emplace_back("shard " + s.name, s.generation);
  } else if (const auto generation = index::current_generation(paths.db)) {
    dbs.emplace_back("the index", *generation);
  }
  std::size_t problems = 0;
  for (const auto& [name, generation] : dbs) {
    bool compacted = false;
    const auto state = read_consistently([&, &generation = generation] {
      const Xapian::Database db(generation.string());
      compacted = index::is_compacted(db);
      if (db.get_doccount() == 0 && db.get_metadata(std::string(schema::kMetaDiscovered)).empty())
        return index::SummaryState::Matches;  // nothing to summarize
      return index::check_discovered_summary(db);
    });
    if (state == index::SummaryState::Matches) continue;
    const bool wrong = state != index::SummaryState::Missing;
    const std::string what = "the summary of discovered officials in " + name + " (" + util::quote_name(generation.string()) +
                             ") " + std::string(index::describe(state));
    if (repair && !compacted) {
      Xapian::WritableDatabase db(generation.string(), Xapian::DB_OPEN);
      index::DiscoveredSummaryWriter().commit(db);
      std::cout << "fixed: " << what << '\n';
    } else if (wrong) {
      std::cout << "iranidx: " << what << (compacted ? " (a compacted shard: run `iranidx build --full`)" : "") << '\n';
    } else {
      std::cout << "iranidx: note: " << what << '\n';
    }
    if (wrong) ++problems;
  }
  return problems;
}

}  // namespace

// What the index holds and what a build would do now, without writing anything.
int run_status(const Paths& paths, const BuildFlags& flags) {
  const auto context = app::load_analysis_context();
  const bool layout = index::is_layout(paths.db);
  const auto generation = layout ? std::nullopt : index::current_generation(paths.db);
  std::string header = "index:         " + util::quote_name(paths.db);
  if (layout) {
    std::cout << header;
    header.clear();
    read_consistently([&] { layout_status(paths); return 0; });
  } else if (!generation) {
    header += " (none yet: run `iranidx build`)\n";
  } else {
    header = read_consistently([&] {
      const Xapian::Database db(generation->string());
      if (const auto stored = db.get_metadata(std::string(schema::kMetaSchema));
          schema::schema_age(stored) == schema::SchemaAge::Newer)
        throw std::runtime_error(schema::newer_schema_message(paths.db, stored, "iranidx"));
      return header + " (" + util::quote_name(generation->filename().string()) + ", revision " + std::to_string(db.get_revision()) +
             ")\ndocuments:     " + std::to_string(db.get_doccount()) +
             "\nlast build:    " + util::escape_controls(db.get_metadata(std::string(schema::kMetaLastBuild))) + '\n';
    });
  }
  std::cout << header;
  std::cout << "build running: " << (index::BuildLock::held_by_other(paths.db) ? "yes" : "no") << '\n';

  index::BuildOptions options;
  options.corpus = paths.corpus;
  options.db = paths.db;
  options.inputs = paths.inputs;
  options.dry_run = true;
  options.follow_symlinks = flags.follow_symlinks;
  const auto report = read_consistently([&] { return index::build_index(options, context.gazetteer, context.analyzer); });
  std::cout << "pending:       " << report.added << " new, " << report.updated << " changed, " << report.moved
            << " moved, " << report.deleted << " removed, " << report.failed << " failing"
            << (report.changed() ? " (run `iranidx build`)" : "") << '\n';
  return app::exit_code::kSuccess;
}

// Compares every file's content with the index (not just stamps) and runs Xapian's own
// consistency check; --repair then brings the index in line.
int run_check(const Paths& paths, bool repair, const BuildFlags& flags) {
  const auto context = app::load_analysis_context();
  const bool layout = index::is_layout(paths.db);
  if (!layout && !index::current_generation(paths.db))
    throw std::runtime_error("no index at " + paths.db + ": run `iranidx build` first");
  // Xapian's structural check must not run beside a build (index/integrity.h: it can
  // truncate tables the build is writing), so it runs under the build lock. --repair
  // keeps the lock for the repair too: what it fixes is the index as it checked it. A
  // plain check that finds a build running (after --wait) leaves the structure for
  // later and still compares the content, which only reads, one revision at a time.
  std::unique_ptr<index::BuildLock> lock;
  try {
    lock = std::make_unique<index::BuildLock>(
        paths.db, flags.wait_seconds, repair ? index::BuildLock::Holder::Build : index::BuildLock::Holder::Check);
  } catch (const index::BusyError&) {
    if (repair) throw;
  }
  index::StructureReport structure;
  std::size_t structural = 0;
  if (lock && layout) {
    // Every shard under the lock: Xapian's check, and each article in its one shard.
    structural = check_layout(paths);
    structure.settled = true;
    structure.attempts = 1;
    if (!repair) lock.reset();
  } else if (lock) {
    structure = index::check_structure(*lock, paths.db);
    if (!repair) lock.reset();  // the comparison below only reads: builds may go on
  }
  if (structure.damaged()) {
    if (!structure.problem.empty()) std::cout << "iranidx: index damaged: " << util::escape_controls(structure.problem) << '\n';
    structural = std::max<std::size_t>(structure.errors, 1);
    std::cout << "iranidx: Xapian found " << structural << " structural errors in " << util::quote_name(structure.generation.string()) << '\n';
  }
  const bool structure_checked = structure.settled && structure.attempts > 0;
  if (!structure.settled) {
    app::print_warning("iranidx", "the structure of " + paths.db + " was not checked: the index changed during each of " +
                                      std::to_string(structure.attempts) + " tries");
  } else if (structure.attempts == 0) {
    app::print_warning("iranidx", "the structure of " + paths.db +
                                      " was not checked: a build is running (Xapian's check is not safe beside a "
                                      "writer); the content was compared; run `iranidx check` again when it has "
                                      "finished, or give --wait SECONDS");
  }

  index::BuildOptions options;
  options.corpus = paths.corpus;
  options.db = paths.db;
  options.inputs = paths.inputs;
  options.verify_content = true;
  options.dry_run = !repair;
  options.lock_held = repair;
  options.max_delete = flags.max_delete_percent / 100;
  options.allow_mass_delete = flags.allow_mass_delete;
  options.follow_symlinks = flags.follow_symlinks;
  // A damaged index (or an article in the wrong shard, or in two) cannot be patched:
  // rebuild it whole.
  if (repair && structural) options.full = true;
  // Held back until the comparison has finished: one that started again on a newer
  // revision (a plain check beside a build) prints what it found once.
  struct Line {
    bool error;
    std::string text;
  };
  std::vector<Line> lines;
  index::BuildObserver observer;
  observer.acted = [&](index::FileAction action, const std::string& path) {
    if (action != index::FileAction::Touched) lines.push_back({false, (repair ? "fixed: " : "") + util::quote_name(path) + ": " + describe(action)});
  };
  observer.failed = [&](const index::FileFailure& f) { lines.push_back({true, util::quote_name(f.path) + ": " + f.problem}); };
  const auto report = read_consistently([&] {
    lines.clear();
    return index::build_index(options, context.gazetteer, context.analyzer, observer);
  });
  for (const auto& line : lines) {
    if (line.error) app::print_error("iranidx", line.text);
    else std::cout << line.text << '\n';
  }
  if (report.refused_deletions) {
    app::print_error("iranidx", index::refusal_line(report, options));
    return app::exit_code::kError;
  }
  const std::size_t differences =
      report.added + report.updated + report.moved + report.deleted + check_summaries(paths, layout, repair);
  if (repair) {
    std::cout << "iranidx: repaired " << differences << " differences" << (structural ? " (full rebuild)" : "") << '\n';
    return report.failed ? app::exit_code::kPartial : app::exit_code::kSuccess;
  }
  std::cout << "iranidx: " << differences + structural << " differences between index and corpus"
            << (differences + structural ? " (run `iranidx check --repair`)" : "") << '\n';
  return differences + structural || report.failed || !structure_checked ? app::exit_code::kPartial
                                                                          : app::exit_code::kSuccess;
}

}  // namespace iran::indexer
