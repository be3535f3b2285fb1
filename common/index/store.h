// The index directory on disk, laid out so that readers always open a complete index
// and a full rebuild can be swapped in atomically:
//
//   index/XAPIANDB       a Xapian stub file naming the current generation; readers open
//                        index/ and Xapian follows the stub
//   index/gen-000002/    the current generation: a plain Xapian (glass) database
//   index/iranidx.lock   held by a running build, so builds never overlap
//   index/iranidx.check.lock  held by `iranidx check` while it checks the structure
//
// Incremental builds write into the current generation with Xapian's atomic commits.
// `--full` builds a new generation and publishes it by renaming a new stub over the old
// one. An index directory that is itself a Xapian database (made by hand or by another
// tool) is used in place, without generations.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace iran::index {

// Another build holds the index and the wait (if any) ran out.
struct BusyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// --db names something that is not an index: a regular file, a FIFO, a device, or a
// directory holding other files and no index (a corpus given by mistake).
struct NotAnIndexError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws NotAnIndexError when db exists and is not an index directory (nor a new,
// empty one); does nothing when db does not exist yet.
void check_index_path(const std::filesystem::path& db);

// An exclusive lock on the index directory for the life of a build. Released on
// destruction and by the kernel if the process dies, so a crash never needs a human.
class BuildLock {
 public:
  // Build: a build, or anything that writes (check --repair). Check: `iranidx check`
  // reading the index's structure, which must not run beside a writer
  // (index/integrity.h); a build that finds a check holding the lock waits for it,
  // however short its --wait, since a check ends by itself (in seconds for a large index).
  enum class Holder { Build, Check };

  // Waits up to wait_seconds (0: not at all) for another build to finish; throws
  // BusyError when it does not. Creates the index directory if needed.
  BuildLock(const std::filesystem::path& db, double wait_seconds, Holder holder = Holder::Build);
  ~BuildLock();
  BuildLock(const BuildLock&) = delete;
  BuildLock& operator=(const BuildLock&) = delete;

  // Whether some process holds the lock now (for `iranidx status`), without waiting.
  static bool held_by_other(const std::filesystem::path& db);

 private:
  int fd_ = -1;
  int check_fd_ = -1;
};

// The database directory the stub names, or db itself for a plain Xapian database, or
// nullopt when there is no index yet. Throws NotAnIndexError for a path that is not an
// index (check_index_path) and std::runtime_error for a stub that names several
// databases (shards) or a remote one: not an index iranidx may write.
std::optional<std::filesystem::path> current_generation(const std::filesystem::path& db);

// A fresh, empty generation directory path (not yet created, not yet published).
std::filesystem::path next_generation(const std::filesystem::path& db);

// Makes `generation` the one readers open: writes the stub beside it and renames it into
// place (atomic on POSIX), then removes generations older than the one it replaced.
void publish_generation(const std::filesystem::path& db, const std::filesystem::path& generation);

// The newest generation above the current one: a full rebuild that was killed before
// it was published, which the next full rebuild may resume. nullopt when there is none.
std::optional<std::filesystem::path> pending_generation(const std::filesystem::path& db);

// Removes every unpublished generation except `keep`.
void discard_pending_generations(const std::filesystem::path& db, const std::filesystem::path& keep);

// Removes generation directories older than the one before the current one. Newer
// ones (unpublished full rebuilds) are left for the next full rebuild to resume or
// discard.
void remove_stale_generations(const std::filesystem::path& db);

}  // namespace iran::index
