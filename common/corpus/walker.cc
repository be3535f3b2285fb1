#include "corpus/walker.h"

#include "corpus/input_kind.h"
#include "util/files.h"
#include "util/job_pool.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>

namespace fs = std::filesystem;

namespace iran::corpus {
namespace {

std::int64_t nanoseconds(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

FileStamp stamp_of(const struct stat& st) {
  return {static_cast<std::uintmax_t>(st.st_size), nanoseconds(st.st_mtim), nanoseconds(st.st_ctim)};
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// listing_suffices, for a name already known to be an article or not.
bool no_stat_needed(std::string_view name, unsigned char d_type, bool article) {
  return d_type == DT_REG && !article && (ends_with(name, kSidecarExtension) || !sniffable_name(name));
}

const char* kind_of(mode_t mode) { return util::file_kind(mode); }

std::string real_path(const std::string& p) {
  std::unique_ptr<char, decltype(&std::free)> resolved(::realpath(p.c_str(), nullptr), &std::free);
  return resolved ? std::string(resolved.get()) : std::string();
}

bool inside(const std::string& real, const std::string& root_real) {
  if (root_real == "/") return true;
  return real == root_real || (real.size() > root_real.size() && real.compare(0, root_real.size(), root_real) == 0 &&
                               real[root_real.size()] == '/');
}

struct CloseDir {
  void operator()(DIR* d) const { ::closedir(d); }
};

// A folder to list: its whole path, and its path relative to the root ("" for the root).
struct Folder {
  std::string dir;
  std::string relative;
};

// What one stretch of the walk found, kept apart per stretch so that threads share
// nothing but the queue of work; merged in a fixed order (folder by folder, each
// folder's entries in listing order), whatever thread did which stretch.
struct Found {
  std::vector<CorpusFile> files;
  std::vector<WalkProblem> problems;
  std::vector<WalkProblem> skipped;
  std::vector<std::string> incomplete;
  std::vector<std::string> ignored;
  std::vector<Folder> subfolders;
  std::vector<Folder> linked;  // folders reached by a followed link: walked after the rest
  std::size_t vanished = 0;  // entries gone between the listing and their stat
  bool moved = false;        // of them, a folder (or an entry of unknown type)
  void problem(std::string path, std::string what) { problems.push_back({std::move(path), std::move(what)}); }
};

// One folder's listing, taken whole (or not: `listed` false) before its entries are
// looked at; the folder stays open so that they are looked up through it.
struct Listing {
  Folder folder;
  std::unique_ptr<DIR, CloseDir> handle;
  struct stat self {};
  bool identified = false;  // self was read: the folder can be told from another
  bool listed = false;
  // Once its entries were looked at, its path no longer led to it (renamed, replaced).
  bool elsewhere = false;
  std::vector<std::pair<std::string, unsigned char>> names;
  // The sidecar names of the listing, sorted: an article's FILE.meta is looked up only
  // when it is there (most articles of most corpora have none, or all have one).
  // (Kept as the names they belong to: "a.txt" for "a.txt.meta".)
  std::vector<std::string_view> sidecars;
  Found found;  // what listing it found wrong
  bool sidecar_listed(const std::string& name) const {
    return std::binary_search(sidecars.begin(), sidecars.end(), std::string_view(name));
  }
};

// How many threads stat a corpus's files when the options leave it open.
unsigned walk_threads(unsigned asked) {
  if (asked) return asked;
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : std::min(n, 4u);
}

class Walker {
 public:
  Walker(const fs::path& root, const WalkOptions& options) : root_(root.string()), options_(options) {
    while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  }

  WalkResult run();

 private:
  // What a path is once links are resolved, or why it cannot be used.
  struct Target {
    bool ok = false;
    struct stat st {};
    std::string problem;  // when !ok and it should be reported
    bool outside = false; // a link leaving the corpus, not followed
  };
  // A stretch of one folder's entries, for one thread.
  struct Stretch {
    std::size_t listing;
    std::size_t begin, end;
  };
  // `name` in the open folder `dir_fd` (where `lst` was read), `path` its whole path (for
  // the check that a link stays inside the corpus, and messages).
  Target resolve(int dir_fd, const std::string& name, const std::string& path, const struct stat& lst) const;
  // Lists one folder (any thread); throws only for the root.
  Listing read_listing(Folder folder) const;
  // Looks at entries [begin, end) of a listing (any thread): stats, sidecars, subfolders.
  void look_at(const Listing& listing, std::size_t begin, std::size_t end, Found& found) const;
  // `dir`, `dir_fd` and `name`: the folder, open, and the file's name in it, where its
  // sidecar is looked up (one path component for the kernel to resolve, not the whole
  // path). `sidecar_listed`: the folder's listing holds name + ".meta".
  void add_article(const std::string& dir, const std::string& relative, const struct stat& st, int dir_fd,
                   const std::string& name, bool sidecar_listed, Found& found) const;
  // Takes what a stretch found into the result (the walk's own thread, in order).
  void keep(Found&& found, std::vector<Folder>& next);
  // Once a folder's entries are all looked at: whether it was where its name says
  // throughout (the walk's own thread).
  void finish(const Listing& listing, std::size_t vanished, bool moved);

  std::string root_;
  std::string root_real_;
  WalkOptions options_;
  unsigned threads_ = walk_threads(options_.threads);
  WalkResult result_;
  std::set<std::pair<dev_t, ino_t>> visited_;  // folders listed: no loops
  std::vector<Folder> linked_;                 // reached by followed links, still to list
};

Walker::Target Walker::resolve(int dir_fd, const std::string& name, const std::string& path,
                               const struct stat& lst) const {
  Target t;
  if (!S_ISLNK(lst.st_mode)) {
    t.ok = true;
    t.st = lst;
    return t;
  }
  // Followed from the folder it was listed in, as lst was read (not by the whole path,
  // whose folders could have been renamed since).
  if (::fstatat(dir_fd, name.c_str(), &t.st, 0) != 0) {
    t.problem = errno == ENOENT || errno == ENOTDIR ? "broken symbolic link"
                : errno == ELOOP                     ? "symbolic link loop"
                                                     : std::string("cannot follow symbolic link: ") + std::strerror(errno);
    return t;
  }
  // A link to a device or a FIFO is named as such wherever it leads (/dev/zero).
  if (!options_.follow_symlinks && (S_ISREG(t.st.st_mode) || S_ISDIR(t.st.st_mode))) {
    const std::string real = real_path(path);
    if (real.empty() || !inside(real, root_real_)) {
      t.outside = true;
      return t;
    }
  }
  t.ok = true;
  return t;
}

void Walker::add_article(const std::string& dir, const std::string& relative, const struct stat& st, int dir_fd,
                         const std::string& name, bool sidecar_listed, Found& found) const {
  CorpusFile file;
  file.relative_path = relative;
  file.stamp = stamp_of(st);
  // No FILE.meta in the folder's listing: none to look up. One created since the listing
  // is seen by the next run (its stamps are then new), as one created after this walk.
  if (sidecar_listed) {
    const std::string sidecar_name = name + std::string(kSidecarExtension);
    struct stat lst;
    if (::fstatat(dir_fd, sidecar_name.c_str(), &lst, AT_SYMLINK_NOFOLLOW) == 0) {
      const Target t = resolve(dir_fd, sidecar_name, dir + "/" + sidecar_name, lst);
      if (t.outside)
        file.sidecar_problem =
            sidecar_name + ": symbolic link leading outside the corpus (not followed without --follow-symlinks)";
      else if (!t.ok)
        file.sidecar_problem = sidecar_name + ": " + t.problem;
      else if (!S_ISREG(t.st.st_mode))
        file.sidecar_problem = sidecar_name + ": " + kind_of(t.st.st_mode) + ", not a regular file";
      else {
        file.has_sidecar = true;
        file.sidecar_stamp = stamp_of(t.st);
      }
    } else if (errno != ENOENT) {
      file.sidecar_problem = sidecar_name + ": " + std::strerror(errno);
    }
  }
  found.files.push_back(std::move(file));
}

Listing Walker::read_listing(Folder folder) const {
  Listing out;
  out.folder = std::move(folder);
  const std::string& dir = out.folder.dir;
  const std::string& relative = out.folder.relative;
  Found& found = out.found;
  out.handle.reset(::opendir(dir.c_str()));
  if (!out.handle) {
    const int err = errno;
    if (relative.empty()) throw std::runtime_error(root_ + ": cannot read directory: " + std::strerror(err));
    found.incomplete.push_back(relative);
    if (err == ENOENT || err == ENOTDIR) {
      // Renamed or removed since its parent was listed: the parent's listing does not
      // tell what is there now either (the folder's new name may be missing from it).
      const auto slash = relative.rfind('/');
      found.incomplete.push_back(slash == std::string::npos ? std::string() : relative.substr(0, slash));
      found.problem(dir, "folder renamed or removed during the walk; what is indexed under its parent is kept");
    } else {
      found.problem(dir, std::string("cannot read folder: ") + std::strerror(err) + "; its indexed articles are kept");
    }
    return out;
  }
  DIR* handle = out.handle.get();
  out.identified = ::fstat(::dirfd(handle), &out.self) == 0;
  // readdir may miss an entry renamed while it runs, under both names, without any
  // error: a listing counts only if the folder did not change meanwhile (mtime and
  // ctime, nanoseconds). A few tries, then the folder is taken as not listed whole.
  auto& names = out.names;
  bool stable = false;
  for (int attempt = 0; attempt < 4 && !stable; ++attempt) {
    if (attempt) ::rewinddir(handle);
    names.clear();
    struct stat at_start {};
    ::fstat(::dirfd(handle), &at_start);
    bool failed = false;
    for (;;) {
      errno = 0;
      const struct dirent* entry = ::readdir(handle);
      if (!entry) {
        if (errno != 0) {
          const int err = errno;
          if (relative.empty()) throw std::runtime_error(root_ + ": cannot read directory: " + std::strerror(err));
          found.incomplete.push_back(relative);
          found.problem(dir, std::string("listing stopped: ") + std::strerror(err) + "; its indexed articles are kept");
          failed = true;
        }
        break;
      }
      const char* name = entry->d_name;
      if (name[0] == '\0' || name[0] == '.') continue;  // hidden, and . and ..
      names.emplace_back(name, entry->d_type);
    }
    if (failed) break;
    struct stat at_end {};
    ::fstat(::dirfd(handle), &at_end);
    stable = nanoseconds(at_start.st_mtim) == nanoseconds(at_end.st_mtim) &&
             nanoseconds(at_start.st_ctim) == nanoseconds(at_end.st_ctim);
    if (!stable && attempt == 3) {
      found.incomplete.push_back(relative);
      found.problem(dir, "kept changing while listed; what is indexed under it is kept");
    }
  }
  // A listing that stopped with an error still has its entries looked at (as before: what
  // it holds is there); one that kept changing too. Only a folder not opened has none.
  out.listed = true;
  for (const auto& entry : names)
    if (ends_with(entry.first, kSidecarExtension))
      out.sidecars.push_back(std::string_view(entry.first).substr(0, entry.first.size() - kSidecarExtension.size()));
  std::sort(out.sidecars.begin(), out.sidecars.end());
  return out;
}

void Walker::look_at(const Listing& listing, std::size_t begin, std::size_t end, Found& found) const {
  const std::string& dir = listing.folder.dir;
  const std::string& relative = listing.folder.relative;
  // Entries are looked up through the open folder (fstatat), one path component each:
  // resolving the whole path for every file and sidecar was half of a no-op rebuild's
  // time. A folder renamed meanwhile is caught by finish(), whose path no longer leads to it.
  const int dir_fd = ::dirfd(listing.handle.get());
  const auto relative_of = [&](const std::string& name) { return relative.empty() ? name : relative + "/" + name; };
  for (std::size_t i = begin; i < end; ++i) {
    const auto& [name, type] = listing.names[i];
    const bool article = input_kind_for(name).has_value();
    // A regular file, as the listing says, that is no article needs no stat: a sidecar
    // is looked up with its article, any other such file is counted as skipped. (A page
    // under a name that says nothing is opened below; links and unknown types are
    // stat'ed, as the listing does not say where they lead.)
    if (no_stat_needed(name, type, article)) {
      if (!ends_with(name, kSidecarExtension)) found.ignored.push_back(relative_of(name));
      continue;
    }
    // The whole path only where it is used (links, pages, folders, messages): an
    // article's sidecar is looked up through the open folder.
    const auto path = [&] { return dir + "/" + name; };
    const std::string rel = relative_of(name);
    struct stat lst;
    if (::fstatat(dir_fd, name.c_str(), &lst, AT_SYMLINK_NOFOLLOW) != 0) {
      // Deleted since the folder was listed: simply not part of this corpus (unless the
      // folder itself went, checked in finish()).
      if (errno == ENOENT || errno == ENOTDIR) {
        ++found.vanished;
        // A subfolder gone: renamed (perhaps to a name this listing missed) or removed.
        if (type == DT_DIR || type == DT_UNKNOWN) found.moved = true;
      } else {
        found.problem(path(), std::strerror(errno));
      }
      continue;
    }
    if (S_ISDIR(lst.st_mode)) {
      found.subfolders.push_back({path(), rel});
      continue;
    }
    if (S_ISLNK(lst.st_mode)) {
      const Target t = resolve(dir_fd, name, path(), lst);
      if (t.ok && S_ISDIR(t.st.st_mode)) {
        // Folders inside the corpus are reached under their own name; others only when asked.
        if (options_.follow_symlinks) found.linked.push_back({path(), rel});
        continue;
      }
      if (!article) continue;
      if (t.outside) {
        found.skipped.push_back({path(), "symbolic link leading outside the corpus: not followed (see --follow-symlinks)"});
        continue;
      }
      if (!t.ok) {
        found.problem(path(), t.problem);
        continue;
      }
      if (!S_ISREG(t.st.st_mode)) {
        found.problem(path(), std::string("not a regular file (a link to ") + kind_of(t.st.st_mode) + ")");
        continue;
      }
      add_article(dir, rel, t.st, dir_fd, name, listing.sidecar_listed(name), found);
      continue;
    }
    if (!article) {
      // A page saved under a name that says nothing (672455, news.php?id=9) is told by its
      // first bytes; every other file is skipped (and counted) without being opened.
      if (S_ISREG(lst.st_mode) && !ends_with(name, kSidecarExtension)) {
        if (sniffable_name(name) && starts_like_html(path()))
          add_article(dir, rel, lst, dir_fd, name, listing.sidecar_listed(name), found);
        else
          found.ignored.push_back(rel);
      }
      continue;
    }
    if (!S_ISREG(lst.st_mode)) {
      found.problem(path(), std::string("not a regular file (") + kind_of(lst.st_mode) + ")");
      continue;
    }
    add_article(dir, rel, lst, dir_fd, name, listing.sidecar_listed(name), found);
  }
}

void Walker::keep(Found&& found, std::vector<Folder>& next) {
  const auto append = [](auto& to, auto& from) {
    if (to.empty()) to = std::move(from);
    else to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  append(result_.files, found.files);
  append(result_.problems, found.problems);
  append(result_.skipped, found.skipped);
  append(result_.incomplete, found.incomplete);
  append(result_.ignored, found.ignored);
  append(next, found.subfolders);
  append(linked_, found.linked);
}

void Walker::finish(const Listing& listing, std::size_t vanished, bool moved) {
  const std::string& dir = listing.folder.dir;
  const std::string& relative = listing.folder.relative;
  // Entries gone because their folder was renamed or removed under us are not deletions;
  // a folder renamed or replaced while listed was not listed under the name walked.
  if ((vanished && moved) || listing.elsewhere) {
    // This folder's own name may be stale too: its parent's listing is not the truth.
    result_.incomplete.push_back(relative);
    if (!relative.empty()) {
      const auto slash = relative.rfind('/');
      result_.incomplete.push_back(slash == std::string::npos ? std::string() : relative.substr(0, slash));
    }
    result_.problems.push_back({dir, "renamed or changed during the walk; what is indexed under its folder is kept"});
  }
}

WalkResult Walker::run() {
  struct stat before;
  if (::stat(root_.c_str(), &before) != 0) {
    if (errno == ENOENT) throw std::runtime_error(root_ + ": corpus directory does not exist");
    throw std::runtime_error(root_ + ": " + std::strerror(errno));
  }
  if (!S_ISDIR(before.st_mode)) throw std::runtime_error(root_ + ": not a directory");
  root_real_ = real_path(root_);
  if (root_real_.empty()) throw std::runtime_error(root_ + ": " + std::strerror(errno));
  // Level by level, the folders of a level in order of their relative paths, so that
  // the walk's result does not depend on which thread did what: a folder reached under
  // two names (a bind mount) is listed under the first in that order, and one reached
  // by a followed link only if the corpus's own tree does not hold it.
  // A level's folders are taken a batch at a time (each open until its entries are
  // looked at: a bounded number of descriptors), and a big folder's entries in stretches,
  // so that one folder of 100,000 files uses every thread too.
  constexpr std::size_t kBatch = 64;        // folders open at once
  constexpr std::size_t kStretch = 1024;    // entries per job
  util::JobPool pool(threads_);
  std::vector<Folder> level{{root_, ""}};
  while (!level.empty()) {
    std::sort(level.begin(), level.end(), [](const Folder& a, const Folder& b) { return a.relative < b.relative; });
    std::vector<Folder> next;
    for (std::size_t from = 0; from < level.size(); from += kBatch) {
      const std::size_t count = std::min(kBatch, level.size() - from);
      std::vector<Listing> listings(count);
      pool.run(count, [&](std::size_t i) { listings[i] = read_listing(std::move(level[from + i])); });
      std::vector<Stretch> stretches;
      for (std::size_t i = 0; i < count; ++i) {
        Listing& l = listings[i];
        if (!l.listed) continue;
        if (l.identified && !visited_.insert({l.self.st_dev, l.self.st_ino}).second) {
          l.listed = false;  // seen under another name: nothing of it counts
          l.found = {};
          continue;
        }
        for (std::size_t b = 0; b < l.names.size(); b += kStretch)
          stretches.push_back({i, b, std::min(l.names.size(), b + kStretch)});
      }
      std::vector<Found> found(stretches.size());
      pool.run(stretches.size(), [&](std::size_t j) {
        look_at(listings[stretches[j].listing], stretches[j].begin, stretches[j].end, found[j]);
      });
      // Whether each folder is still where its path says, now that its entries are known
      // (a stat per folder, on every thread: a corpus of many small folders is mostly these).
      pool.run(count, [&](std::size_t i) {
        Listing& l = listings[i];
        if (!l.listed) return;
        struct stat now;
        l.elsewhere = ::stat(l.folder.dir.c_str(), &now) != 0 || now.st_dev != l.self.st_dev || now.st_ino != l.self.st_ino;
      });
      std::size_t j = 0;
      for (std::size_t i = 0; i < count; ++i) {
        Listing& l = listings[i];
        keep(std::move(l.found), next);
        if (!l.listed) continue;
        std::size_t vanished = 0;
        bool moved = false;
        for (; j < stretches.size() && stretches[j].listing == i; ++j) {
          vanished += found[j].vanished;
          moved = moved || found[j].moved;
          keep(std::move(found[j]), next);
        }
        finish(l, vanished, moved);
      }
    }
    level = std::move(next);
    // Folders reached by followed links come once the corpus's own tree is walked, so a
    // folder inside it keeps the path it has there (its articles' IDs), however short a
    // link to it is; what they lead to outside the corpus is walked the same way.
    if (level.empty()) level = std::exchange(linked_, {});
  }
  // A corpus moved or replaced mid-walk (an unmount, a rename) was not walked whole.
  struct stat after;
  if (::stat(root_.c_str(), &after) != 0 || after.st_dev != before.st_dev || after.st_ino != before.st_ino)
    throw std::runtime_error(root_ + ": the corpus directory was moved or replaced during the walk; nothing changed");
  std::sort(result_.ignored.begin(), result_.ignored.end());
  std::sort(result_.files.begin(), result_.files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.relative_path < b.relative_path; });
  const auto by_path = [](const WalkProblem& a, const WalkProblem& b) { return a.path < b.path; };
  std::stable_sort(result_.problems.begin(), result_.problems.end(), by_path);
  std::stable_sort(result_.skipped.begin(), result_.skipped.end(), by_path);
  std::sort(result_.incomplete.begin(), result_.incomplete.end());
  result_.incomplete.erase(std::unique(result_.incomplete.begin(), result_.incomplete.end()), result_.incomplete.end());
  result_.root = root_;
  result_.root_device = static_cast<std::uint64_t>(before.st_dev);
  result_.root_inode = static_cast<std::uint64_t>(before.st_ino);
  return std::move(result_);
}

}  // namespace

bool WalkResult::complete_for(std::string_view relative_path) const {
  for (const auto& folder : incomplete) {
    if (folder.empty()) return false;
    if (relative_path.size() > folder.size() && relative_path.substr(0, folder.size()) == folder &&
        relative_path[folder.size()] == '/')
      return false;
  }
  return true;
}

bool WalkResult::root_unchanged(const fs::path& where) const {
  struct stat st;
  return ::stat(where.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && static_cast<std::uint64_t>(st.st_dev) == root_device &&
         static_cast<std::uint64_t>(st.st_ino) == root_inode;
}

bool listing_suffices(std::string_view name, unsigned char d_type) {
  return no_stat_needed(name, d_type, input_kind_for(name).has_value());
}

WalkResult walk_corpus(const fs::path& root, const WalkOptions& options) { return Walker(root, options).run(); }

}  // namespace iran::corpus
