// The incremental build: brings a Xapian database in line with a corpus directory.
// The same pass, run dry, tells `iranidx status` what is pending and `iranidx check`
// where index and corpus differ.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "corpus/input.h"
#include "corpus/reader.h"
#include "index/layout.h"

namespace iran::entities { class Gazetteer; }
namespace iran::text { class Analyzer; }

namespace iran::index {

// The build could not run at all (missing corpus, unwritable index). A build that
// finds another one running throws BusyError (index/store.h) instead.
struct BuildError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct BuildOptions {
  std::filesystem::path corpus = "corpus";
  std::filesystem::path db = "index";
  // Documents per commit: bounds memory and lost work. 0: 1,000, or 10,000 in a build
  // that indexes everything (the first one, --full, a new analyzer), where fewer
  // commits make the build faster.
  std::size_t batch_size = 0;
  double commit_seconds = 2;        // ...and at least this often, so a killed run keeps its work;
  double full_commit_seconds = 32;  // a full build doubles it after each commit up to this
  // Threads that read and analyse files (one more writes them); 0: one per core. The
  // index is the same whatever the number.
  std::size_t jobs = 0;
  // A full build (and the first) ends compacted. Off by default: searches running while
  // a later incremental build modifies a compacted generation were seen failing
  // (scripts/stress: "Expected block N to be level 1, not 0"), see README.
  bool compact = false;
  std::uintmax_t max_file_bytes = corpus::kDefaultMaxFileBytes;
  bool full = false;            // rebuild into a new generation and swap it in at the end
  double wait_seconds = 0;      // how long to wait for another build to finish
  bool verify_content = false;  // hash files whose stamps match too (check, repair)
  bool dry_run = false;         // write nothing; report what a build would do
  bool lock_held = false;       // the caller holds the BuildLock already (check --repair)
  // A run that would delete more than this share of the index deletes nothing and says
  // so (an empty, unmounted or half-visible corpus must not wipe the index).
  double max_delete = 0.5;
  bool allow_mass_delete = false;
  bool follow_symlinks = false;  // follow links that leave the corpus (corpus/walker.h)
  corpus::InputOptions inputs;  // how pages, feeds and dumps are read (the JSONL mapping)
  // Build a sharded layout (index/layout.h) split so; a layout already at db keeps its
  // own split (and a different one here is refused). Unset: whatever db holds.
  std::optional<ShardScheme> shards;
  // Tests of the cross-shard commit steps: called after each shard's commit.
  std::function<void(const std::string& shard)> after_shard_commit;
};

struct FileFailure {
  std::string path;  // the corpus root as given, plus the relative path
  std::string problem;
};

// A file indexed after decoding from another encoding: worth a warning, not a failure.
struct FileConversion {
  std::string path;
  std::string encoding;
};

enum class FileAction { Added, Updated, Moved, Deleted, Touched };

struct BuildReport {
  std::size_t added = 0, updated = 0, moved = 0, deleted = 0, unchanged = 0, failed = 0;
  std::size_t touched = 0;  // of the unchanged: mtime changed, content did not
  // Indexed articles kept although the walk did not list them, because their folder
  // could not be listed to the end (named among the failures).
  std::size_t kept = 0;
  // Deletions the run refused (more than max_delete of indexed_before); none was done.
  std::size_t refused_deletions = 0;
  std::size_t indexed_before = 0;
  bool resumed = false;  // a full rebuild went on where a killed one stopped
  bool compacted = false;  // the new generation was published compacted
  std::string compact_problem;  // why it could not be (it was published as it was)
  double seconds = 0;
  bool reanalyzed = false;  // built by another analyzer or gazetteer: every article redone
  bool synonyms_rewritten = false;
  // Gazetteer data edited since the last build, and the index could tell which entries
  // (index/gazetteer_state.h): how many entries changed, and how many articles they can
  // touch (redone, whatever their files' stamps; counted as updated when rewritten).
  bool gazetteer_changed = false;
  std::size_t gazetteer_entries = 0, gazetteer_articles = 0;
  std::vector<FileFailure> failures;
  std::vector<FileConversion> conversions;
  std::vector<FileFailure> not_followed;  // not followed on purpose (links leaving the corpus)
  // Files and records passed over, by kind: ".pdf", "no extension" (not inputs), "no
  // article text" (a page of links), "not a feed", "empty record" (a dump line with
  // neither text nor title). Counted, never silent; not failures.
  std::map<std::string, std::size_t> skipped;
  std::vector<FileFailure> not_articles;  // the files counted as "no article text" / "not a feed", and why
  // Indexed, with a caveat worth a warning: only the first part of a text too long for
  // one article (corpus::kMaxArticleTextBytes).
  std::vector<FileFailure> warnings;
  std::size_t skipped_total() const {
    std::size_t n = 0;
    for (const auto& [kind, count] : skipped) n += count;
    return n;
  }
  bool changed() const { return added + updated + moved + deleted > 0; }
};

// Told about each file as it happens, so a long run reports early. All optional.
struct BuildObserver {
  std::function<void(const FileFailure&)> failed;
  std::function<void(const FileConversion&)> converted;
  std::function<void(const FileFailure&)> not_followed;  // a link leaving the corpus
  // A file of an input kind that holds no article (a page of links), with the reason.
  std::function<void(const FileFailure&)> not_article;
  std::function<void(const FileFailure&)> warned;  // see BuildReport::warnings
  std::function<void(FileAction, const std::string& relative_path)> acted;
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// The number of worker threads a build with these options uses.
std::size_t build_jobs(const BuildOptions& options);

BuildReport build_index(const BuildOptions& options, const entities::Gazetteer& gazetteer,
                        const text::Analyzer& analyzer, const BuildObserver& observer = {});

// "added 5, updated 0, deleted 0, unchanged 0, failed 0 in 0.12 s", with
// ", skipped 12 (.docx 2, .pdf 10)" before " in" when files were passed over.
std::string summary_line(const BuildReport& report);

// Why a run deleted nothing, for report.refused_deletions > 0: one line naming the
// numbers and the way out.
std::string refusal_line(const BuildReport& report, const BuildOptions& options);

}  // namespace iran::index
