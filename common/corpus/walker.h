// Lists the article files of a corpus: sorted, with what incremental builds compare.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace iran::corpus {

// Articles are the input kinds of corpus/input_kind.h (*.txt, pages, feeds, dumps);
// FILE.meta beside one holds its metadata (a sidecar).
inline constexpr std::string_view kArticleExtension = ".txt";
inline constexpr std::string_view kSidecarExtension = ".meta";

// What tells a build that a file may have changed without reading it. ctime catches an
// edit whose size and mtime were put back (touch -r, tar, rsync --times).
struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// One listed article. No full path is kept per file (WalkResult::path_of makes it when a
// file is read or named): a corpus of 100k files is walked with one string each.
struct CorpusFile {
  std::string relative_path;  // '/'-separated, relative to the corpus root: the article's ID
  FileStamp stamp;
  bool has_sidecar = false;
  FileStamp sidecar_stamp;
  // Set when FILE.meta exists but must not be read (not a regular file, a link out of
  // the corpus): the article fails with this problem and its indexed version stays.
  std::string sidecar_problem;
};

struct WalkProblem {
  std::string path;
  std::string problem;
};

struct WalkOptions {
  // Follow symbolic links that lead outside the corpus root (files and folders), as
  // omindex --follow does. Links that stay inside are always followed for files.
  bool follow_symlinks = false;
  // Threads that list folders and stat their files (a no-op rebuild is mostly the
  // kernel's path lookups, which run on every core at once); 0: one per core, up to 4.
  // The result is the same for any number.
  unsigned threads = 0;
};

struct WalkResult {
  std::vector<CorpusFile> files;     // sorted by relative_path, so runs are deterministic
  std::vector<WalkProblem> problems; // each one makes the run partial
  // Folders ('/'-separated relative paths; "" is the root) that could not be listed to
  // the end: what the index holds under them must be kept, not deleted.
  std::vector<std::string> incomplete;
  std::vector<WalkProblem> skipped;  // not followed on purpose (links leaving the corpus)
  // Regular files that are no input (a .pdf, a .docx; sidecars are not counted):
  // relative paths, sorted, for the summary's "skipped 12 (.pdf 10, .docx 2)".
  std::vector<std::string> ignored;

  // The corpus root as walked (without trailing slashes), and a file's path under it: the
  // root, '/', its relative path.
  std::string root;
  std::string path_of(const CorpusFile& file) const { return root + "/" + file.relative_path; }

  // Whether the walk saw everything under relative_path's folder, so that a file it did
  // not list is really gone.
  bool complete_for(std::string_view relative_path) const;

  // Whether `where` (the root as given) is still the directory that was walked (not moved, unmounted or
  // replaced since): checked again before anything is deleted.
  bool root_unchanged(const std::filesystem::path& where) const;
  std::uint64_t root_device = 0, root_inode = 0;
};

// Throws std::runtime_error when root is not a readable directory, or when it is
// removed or replaced while the walk runs. Hidden files and folders (".name") are
// skipped; symlinked folders are not followed unless options say so (never in loops).
// Folders are walked level by level, each level's in order of their paths, so that a
// folder reached under two names is listed under the first in that order whatever the
// threads did; folders reached by followed links come after the corpus's own tree, so a
// folder inside the corpus keeps its own path. Each folder's listing is taken whole first
// (and only if the folder did not change while listed); what it says spares stats: an
// article's FILE.meta is looked up only when the listing holds that name, and a regular
// file that is no article (a sidecar, a .pdf) is not stat'ed at all when the listing
// gives its type (d_type).
WalkResult walk_corpus(const std::filesystem::path& root, const WalkOptions& options = {});

// Whether a folder's listing alone says what to do with an entry, so that it needs no
// stat: a regular file (`d_type` DT_REG, as readdir gives it) that is no article, i.e.
// a sidecar (looked up with its article) or a file skipped and counted (a .pdf). Names
// that may be pages (sniffable_name), links, folders and entries of unknown type are
// stat'ed.
bool listing_suffices(std::string_view name, unsigned char d_type);

}  // namespace iran::corpus
