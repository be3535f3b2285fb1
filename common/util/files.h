// Reading a file that somebody else controls: only regular files, never blocking on a
// FIFO or a device, never more than a bound.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace iran::util {

struct FileReadError : std::runtime_error {
  enum class Kind { Missing, NotRegular, TooLarge, Other };
  FileReadError(Kind k, const std::string& message) : std::runtime_error(message), kind(k) {}
  Kind kind;
};

// The bytes of path. Opens with O_NONBLOCK and checks with fstat, so a FIFO, socket or
// device (also behind a symbolic link: /dev/zero) is refused at once instead of hanging
// or filling memory; a file over max_bytes is refused by its size without being read.
// what() is one line without the path ("not a regular file (a named pipe)").
std::string read_regular_file(const std::string& path, std::uintmax_t max_bytes);

// The same checks without reading: throws FileReadError unless path is a regular file
// (behind links) of at most max_bytes, for a file another reader then opens.
void check_regular_file(const std::string& path, std::uintmax_t max_bytes);

// "a named pipe (FIFO)", "a character device", ... for a st_mode.
const char* file_kind(unsigned mode);

// Cache files (facet tables, joins: files that can be made again). Writes `bytes` to
// dir/name through a temporary file renamed into place, so a reader opens the old file
// or the whole new one; creates dir. False when it could not be written.
bool write_cache_file(const std::filesystem::path& dir, const std::string& name, const std::string& bytes);
// Removes, in dir, of the files named `kind`* and ending in .bin other than `keep` and
// those starting with `same` (other versions of the same thing, the caller's to sort
// out), all but the newest `others`; and the temporary files of write_cache_file left
// over an hour ago.
void prune_cache_files(const std::filesystem::path& dir, const std::string& kind, const std::string& keep,
                       const std::string& same, std::size_t others);
// Removes, in dir, the files named `prefix` + a revision number + ".bin" whose revision
// is below `revision` (a cache file per revision of one thing: the older ones go; a
// newer one another process wrote stays).
void remove_older_revisions(const std::filesystem::path& dir, const std::string& prefix, std::uint64_t revision);

// A regular file's bytes mapped read-only (private, not populated: pages are read as
// they are touched), alive as long as `owner` or a copy of it. Never blocks on a FIFO or
// a device. Empty (no owner) when path cannot be opened, is not a regular file, or is
// smaller than min_bytes. For cache files, which their writers replace by renaming
// (write_cache_file): a file cut short in place under a mapping would fault on access.
struct MappedFile {
  std::shared_ptr<const void> owner;
  std::string_view bytes;
  explicit operator bool() const { return owner != nullptr; }
};
MappedFile map_file(const std::filesystem::path& path, std::size_t min_bytes = 1);

// Size, modification time and inode of the running executable as one string: what tells
// one build of the program from another for a cache of its results; empty when unknown.
std::string executable_stamp();

}  // namespace iran::util
