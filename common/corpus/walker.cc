#include "corpus/walker.h"

#include "corpus/input_kind.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace fs = std::filesystem;

namespace iran::corpus {
namespace {

// lstat gives nanosecond mtimes portably, where std::filesystem's clock does not.
bool stamp_of(const fs::path& p, FileStamp& stamp) {
  struct stat st;
  if (::stat(p.c_str(), &st) != 0) return false;
  stamp.size = static_cast<std::uintmax_t>(st.st_size);
  stamp.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  return true;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

WalkResult walk_corpus(const fs::path& root) {
  std::error_code ec;
  if (!fs::exists(root, ec)) throw std::runtime_error(root.string() + ": corpus directory does not exist");
  if (!fs::is_directory(root, ec)) throw std::runtime_error(root.string() + ": not a directory");

  WalkResult result;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw std::runtime_error(root.string() + ": cannot read directory: " + ec.message());
  const fs::recursive_directory_iterator end;
  for (; it != end; it.increment(ec)) {
    if (ec) {
      result.problems.push_back({it->path().string(), ec.message()});
      ec.clear();
      continue;
    }
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(ec) && it->is_directory(ec)) {
      it.disable_recursion_pending();
      continue;
    }
    if (!input_kind_for(name)) {
      if (!ends_with(name, kSidecarExtension) && it->is_regular_file(ec))
        result.ignored.push_back(p.lexically_relative(root).generic_string());
      continue;
    }
    if (!it->is_regular_file(ec)) {
      if (it->is_symlink(ec)) result.problems.push_back({p.string(), "broken symbolic link"});
      continue;
    }
    CorpusFile file;
    file.path = p;
    file.relative_path = p.lexically_relative(root).generic_string();
    if (!stamp_of(p, file.stamp)) {
      // Deleted since the directory was listed: simply not part of this corpus.
      if (errno != ENOENT) result.problems.push_back({p.string(), std::strerror(errno)});
      continue;
    }
    fs::path sidecar = p;
    sidecar += kSidecarExtension;
    file.has_sidecar = stamp_of(sidecar, file.sidecar_stamp);
    result.files.push_back(std::move(file));
  }
  std::sort(result.ignored.begin(), result.ignored.end());
  std::sort(result.files.begin(), result.files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.relative_path < b.relative_path; });
  return result;
}

}  // namespace iran::corpus
