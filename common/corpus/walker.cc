#include "corpus/walker.h"

#include "corpus/input_kind.h"
#include "util/files.h"

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
  // `name` in the open folder `dir_fd` (where `lst` was read), `path` its whole path (for
  // the check that a link stays inside the corpus, and messages).
  Target resolve(int dir_fd, const std::string& name, const std::string& path, const struct stat& lst) const;
  void list(const std::string& dir, const std::string& relative);
  // `dir`, `dir_fd` and `name`: the folder, open, and the file's name in it, where its
  // sidecar is looked up (one path component for the kernel to resolve, not the whole
  // path). `sidecar_listed`: the folder's listing holds name + ".meta".
  void add_article(const std::string& dir, const std::string& relative, const struct stat& st, int dir_fd,
                   const std::string& name, bool sidecar_listed);
  void problem(std::string path, std::string what) { result_.problems.push_back({std::move(path), std::move(what)}); }

  std::string root_;
  std::string root_real_;
  WalkOptions options_;
  WalkResult result_;
  std::vector<std::pair<std::string, std::string>> pending_;  // folders still to list
  std::set<std::pair<dev_t, ino_t>> visited_;                 // folders listed: no loops
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
                         const std::string& name, bool sidecar_listed) {
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
  result_.files.push_back(std::move(file));
}

void Walker::list(const std::string& dir, const std::string& relative) {
  struct CloseDir {
    void operator()(DIR* d) const { ::closedir(d); }
  };
  std::unique_ptr<DIR, CloseDir> handle(::opendir(dir.c_str()));
  if (!handle) {
    const int err = errno;
    if (relative.empty()) throw std::runtime_error(root_ + ": cannot read directory: " + std::strerror(err));
    result_.incomplete.push_back(relative);
    if (err == ENOENT || err == ENOTDIR) {
      // Renamed or removed since its parent was listed: the parent's listing does not
      // tell what is there now either (the folder's new name may be missing from it).
      const auto slash = relative.rfind('/');
      result_.incomplete.push_back(slash == std::string::npos ? std::string() : relative.substr(0, slash));
      problem(dir, "folder renamed or removed during the walk; what is indexed under its parent is kept");
    } else {
      problem(dir, std::string("cannot read folder: ") + std::strerror(err) + "; its indexed articles are kept");
    }
    return;
  }
  struct stat self {};
  if (::fstat(::dirfd(handle.get()), &self) == 0 && !visited_.insert({self.st_dev, self.st_ino}).second) return;
  // readdir may miss an entry renamed while it runs, under both names, without any
  // error: a listing counts only if the folder did not change meanwhile (mtime and
  // ctime, nanoseconds). A few tries, then the folder is taken as not listed whole.
  std::vector<std::pair<std::string, unsigned char>> names;
  bool stable = false;
  for (int attempt = 0; attempt < 4 && !stable; ++attempt) {
    if (attempt) ::rewinddir(handle.get());
    names.clear();
    struct stat at_start {};
    ::fstat(::dirfd(handle.get()), &at_start);
    bool failed = false;
    for (;;) {
      errno = 0;
      const struct dirent* entry = ::readdir(handle.get());
      if (!entry) {
        if (errno != 0) {
          const int err = errno;
          if (relative.empty()) throw std::runtime_error(root_ + ": cannot read directory: " + std::strerror(err));
          result_.incomplete.push_back(relative);
          problem(dir, std::string("listing stopped: ") + std::strerror(err) + "; its indexed articles are kept");
          failed = true;
        }
        break;
      }
      const std::string name = entry->d_name;
      if (name.empty() || name[0] == '.') continue;  // hidden, and . and ..
      names.emplace_back(name, entry->d_type);
    }
    if (failed) break;
    struct stat at_end {};
    ::fstat(::dirfd(handle.get()), &at_end);
    stable = nanoseconds(at_start.st_mtim) == nanoseconds(at_end.st_mtim) &&
             nanoseconds(at_start.st_ctim) == nanoseconds(at_end.st_ctim);
    if (!stable && attempt == 3) {
      result_.incomplete.push_back(relative);
      problem(dir, "kept changing while listed; what is indexed under it is kept");
    }
  }
  std::size_t vanished = 0;
  bool moved = false;
  // Entries are looked up through the open folder (fstatat), one path component each:
  // resolving the whole path for every file and sidecar was half of a no-op rebuild's
  // time. A folder renamed meanwhile is caught below, whose path no longer leads to it.
  const int dir_fd = ::dirfd(handle.get());
  // The sidecar names of the listing, sorted: an article's FILE.meta is looked up only
  // when it is there (most articles of most corpora have none, or all have one).
  // (Kept as the names they belong to: "a.txt" for "a.txt.meta".)
  std::vector<std::string_view> sidecars;
  for (const auto& entry : names)
    if (ends_with(entry.first, kSidecarExtension))
      sidecars.push_back(std::string_view(entry.first).substr(0, entry.first.size() - kSidecarExtension.size()));
  std::sort(sidecars.begin(), sidecars.end());
  const auto sidecar_listed = [&](const std::string& name) {
    return std::binary_search(sidecars.begin(), sidecars.end(), std::string_view(name));
  };
  const auto relative_of = [&](const std::string& name) { return relative.empty() ? name : relative + "/" + name; };
  for (const auto& [name, type] : names) {
    const bool article = input_kind_for(name).has_value();
    // A regular file, as the listing says, that is no article needs no stat: a sidecar
    // is looked up with its article, any other such file is counted as skipped. (A page
    // under a name that says nothing is opened below; links and unknown types are
    // stat'ed, as the listing does not say where they lead.)
    if (no_stat_needed(name, type, article)) {
      if (!ends_with(name, kSidecarExtension)) result_.ignored.push_back(relative_of(name));
      continue;
    }
    // The whole path only where it is used (links, pages, folders, messages): an
    // article's sidecar is looked up through the open folder.
    const auto path = [&] { return dir + "/" + name; };
    const std::string rel = relative_of(name);
    struct stat lst;
    if (::fstatat(dir_fd, name.c_str(), &lst, AT_SYMLINK_NOFOLLOW) != 0) {
      // Deleted since the folder was listed: simply not part of this corpus (unless the
      // folder itself went, checked below).
      if (errno == ENOENT || errno == ENOTDIR) {
        ++vanished;
        // A subfolder gone: renamed (perhaps to a name this listing missed) or removed.
        if (type == DT_DIR || type == DT_UNKNOWN) moved = true;
      } else {
        problem(path(), std::strerror(errno));
      }
      continue;
    }
    if (S_ISDIR(lst.st_mode)) {
      pending_.emplace_back(path(), rel);
      continue;
    }
    if (S_ISLNK(lst.st_mode)) {
      const Target t = resolve(dir_fd, name, path(), lst);
      if (t.ok && S_ISDIR(t.st.st_mode)) {
        // Folders inside the corpus are reached under their own name; others only when asked.
        if (options_.follow_symlinks) pending_.emplace_back(path(), rel);
        continue;
      }
      if (!article) continue;
      if (t.outside) {
        result_.skipped.push_back({path(), "symbolic link leading outside the corpus: not followed (see --follow-symlinks)"});
        continue;
      }
      if (!t.ok) {
        problem(path(), t.problem);
        continue;
      }
      if (!S_ISREG(t.st.st_mode)) {
        problem(path(), std::string("not a regular file (a link to ") + kind_of(t.st.st_mode) + ")");
        continue;
      }
      add_article(dir, rel, t.st, dir_fd, name, sidecar_listed(name));
      continue;
    }
    if (!article) {
      // A page saved under a name that says nothing (672455, news.php?id=9) is told by its
      // first bytes; every other file is skipped (and counted) without being opened.
      if (S_ISREG(lst.st_mode) && !ends_with(name, kSidecarExtension)) {
        if (sniffable_name(name) && starts_like_html(path())) add_article(dir, rel, lst, dir_fd, name, sidecar_listed(name));
        else result_.ignored.push_back(rel);
      }
      continue;
    }
    if (!S_ISREG(lst.st_mode)) {
      problem(path(), std::string("not a regular file (") + kind_of(lst.st_mode) + ")");
      continue;
    }
    add_article(dir, rel, lst, dir_fd, name, sidecar_listed(name));
  }
  // Entries gone because their folder was renamed or removed under us are not deletions;
  // a folder renamed or replaced while listed was not listed under the name walked.
  struct stat now;
  const bool elsewhere = ::stat(dir.c_str(), &now) != 0 || now.st_dev != self.st_dev || now.st_ino != self.st_ino;
  if ((vanished && moved) || elsewhere) {
    // This folder's own name may be stale too: its parent's listing is not the truth.
    result_.incomplete.push_back(relative);
    if (!relative.empty()) {
      const auto slash = relative.rfind('/');
      result_.incomplete.push_back(slash == std::string::npos ? std::string() : relative.substr(0, slash));
    }
    problem(dir, "renamed or changed during the walk; what is indexed under its folder is kept");
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
  pending_.emplace_back(root_, "");
  while (!pending_.empty()) {
    auto [dir, relative] = std::move(pending_.back());
    pending_.pop_back();
    list(dir, relative);
  }
  // A corpus moved or replaced mid-walk (an unmount, a rename) was not walked whole.
  struct stat after;
  if (::stat(root_.c_str(), &after) != 0 || after.st_dev != before.st_dev || after.st_ino != before.st_ino)
    throw std::runtime_error(root_ + ": the corpus directory was moved or replaced during the walk; nothing changed");
  std::sort(result_.ignored.begin(), result_.ignored.end());
  std::sort(result_.files.begin(), result_.files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.relative_path < b.relative_path; });
  std::sort(result_.problems.begin(), result_.problems.end(),
            [](const WalkProblem& a, const WalkProblem& b) { return a.path < b.path; });
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
