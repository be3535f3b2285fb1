// Xapian's structural check of the index, read as one revision, never beside a build.
//
// `Xapian::Database::check` reads the database's files directly, and it is not a
// reader like any other: in Xapian 1.4.22 it opens every table that is empty at the
// revision it reads with O_RDWR|O_CREAT|O_TRUNC. Beside a build that has just written
// the first blocks of such a table (a new index: termlist, docdata, position) it
// truncates them, and the build fails with "EOF reading block 0" over an index that
// stays corrupt ("dir_end invalid in block 0"). So the check runs only under the build
// lock (the BuildLock argument): no iranidx build writes while it reads.
//
// A writer that is not an iranidx build (no lock) still makes the check stumble on
// reused blocks: DatabaseModifiedError ("Block overwritten") or a block of the newer
// revision ("Expected block 16 to be level 1, not 0"), a reader racing the writer, not
// damage. A finding counts only when the revision it was made on is still the current
// one after the check; otherwise the check runs again, a bounded number of times.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace iran::index {

struct StructureReport {
  std::filesystem::path generation;  // the database that was checked
  std::size_t errors = 0;            // structural errors Xapian found (0: intact)
  std::string problem;               // what Xapian said when it stopped, if it did
  // False when a build committed during every try: nothing was concluded.
  bool settled = true;
  int attempts = 0;
  bool damaged() const { return settled && (errors > 0 || !problem.empty()); }
};

struct StructureOptions {
  int max_attempts = 12;
  double first_pause_seconds = 0.05;  // doubled after each race, up to max_pause_seconds
  double max_pause_seconds = 1.0;
};

class BuildLock;

// Checks the current generation of the index at db (index/store.h), under `held`, the
// build lock of db. Throws std::runtime_error when there is no index.
StructureReport check_structure(const BuildLock& held, const std::filesystem::path& db,
                                const StructureOptions& options = {});

}  // namespace iran::index
