#include "index/integrity.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <thread>

#include "index/store.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

// Which revision readers see now: the generation the stub names and its revision.
struct Revision {
  fs::path generation;
  Xapian::rev revision = 0;
  bool operator==(const Revision&) const = default;
};

std::optional<Revision> current_revision(const fs::path& db) {
  const auto generation = current_generation(db);
  if (!generation) return std::nullopt;
  try {
    return Revision{*generation, Xapian::Database(generation->string()).get_revision()};
  } catch (const Xapian::Error&) {
    return Revision{*generation, 0};  // removed by a --full swap, or being created
  }
}

}  // namespace

StructureReport check_structure(const BuildLock&, const fs::path& db, const StructureOptions& options) {
  StructureReport report;
  double pause = options.first_pause_seconds;
  for (report.attempts = 1;; ++report.attempts) {
    const auto before = current_revision(db);
    if (!before) throw std::runtime_error("no index at " + db.string() + ": run `iranidx build` first");
    report.generation = before->generation;
    report.errors = 0;
    report.problem.clear();
    bool raced = false;
    try {
      report.errors = Xapian::Database::check(before->generation.string(), Xapian::DBCHECK_SHORT_TREE, nullptr);
    } catch (const Xapian::DatabaseModifiedError&) {
      raced = true;
    } catch (const Xapian::DatabaseError& e) {
      report.problem = e.get_msg();
    }
    // A finding stands only if nothing was committed while it was made.
    if (!raced && (report.errors > 0 || !report.problem.empty())) raced = !(current_revision(db) == before);
    if (!raced) {
      report.settled = true;
      return report;
    }
    if (report.attempts >= options.max_attempts) {
      report.settled = false;
      report.errors = 0;
      report.problem.clear();
      return report;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(pause));
    pause = std::min(pause * 2, options.max_pause_seconds);
  }
}

}  // namespace iran::index
