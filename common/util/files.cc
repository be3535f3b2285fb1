#include "util/files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>
#include <utility>
#include <vector>

namespace iran::util {

const char* file_kind(unsigned mode) {
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISREG(mode)) return "a regular file";
  return "not a regular file";
}

namespace {

// Opens path without blocking (a FIFO would wait for a writer) and checks what it is.
int open_regular(const std::string& path, std::uintmax_t max_bytes, struct stat& st) {
  using Kind = FileReadError::Kind;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) throw FileReadError(Kind::Missing, "no such file");
    throw FileReadError(Kind::Other, std::string("cannot open: ") + std::strerror(err));
  }
  const auto refuse = [fd](Kind kind, const std::string& message) {
    ::close(fd);
    throw FileReadError(kind, message);
  };
  if (::fstat(fd, &st) != 0) refuse(Kind::Other, std::string("cannot stat: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) refuse(Kind::NotRegular, std::string("not a regular file (") + file_kind(st.st_mode) + ")");
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_bytes)
    refuse(Kind::TooLarge, "too large: " + std::to_string(size) + " bytes (limit " + std::to_string(max_bytes) + ")");
  return fd;
}

}  // namespace

void check_regular_file(const std::string& path, std::uintmax_t max_bytes) {
  struct stat st;
  ::close(open_regular(path, max_bytes, st));
}

std::string read_regular_file(const std::string& path, std::uintmax_t max_bytes) {
  using Kind = FileReadError::Kind;
  struct stat st;
  const int fd = open_regular(path, max_bytes, st);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(size));
  std::size_t got = 0;
  for (;;) {
    // The file may have grown since fstat: read one byte past the bound to tell.
    if (got == bytes.size()) {
      if (bytes.size() > max_bytes) break;
      bytes.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(max_bytes + 1, bytes.size() * 2 + 4096)));
    }
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw FileReadError(Kind::Other, std::string("read failed: ") + std::strerror(errno));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  if (got > max_bytes)
    throw FileReadError(Kind::TooLarge, "too large: more than " + std::to_string(max_bytes) + " bytes (it grew while read)");
  return bytes;
}

bool write_cache_file(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path temp = dir / (".cache-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
  // Flushed before the rename: after a crash the name holds the whole file or the old
  // one, never one of the right size with zeros in it (a reader checks sizes and sums,
  // and a facet table's ids are not summed).
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = true;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    fs::remove(temp, ec);
    return false;
  }
  fs::rename(temp, dir / name, ec);
  if (ec) {
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

void prune_cache_files(const std::filesystem::path& dir, const std::string& kind, const std::string& keep,
                       const std::string& same, std::size_t others) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> rest;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code e;
    if (name.rfind(".cache-", 0) == 0) {
      const auto when = fs::last_write_time(it->path(), e);
      if (!e && now - when > std::chrono::hours(1)) fs::remove(it->path(), e);
      continue;
    }
    if (name.rfind(kind, 0) != 0 || name == keep || name.size() < 4 || name.substr(name.size() - 4) != ".bin") continue;
    if (!same.empty() && name.rfind(same, 0) == 0) continue;
    const auto when = fs::last_write_time(it->path(), e);
    if (!e) rest.emplace_back(when, it->path());
  }
  if (rest.size() <= others) return;
  std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = others; i < rest.size(); ++i) fs::remove(rest[i].second, ec);
}

void remove_older_revisions(const std::filesystem::path& dir, const std::string& prefix, std::uint64_t revision) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0 || name.size() < prefix.size() + 5 || !name.ends_with(".bin")) continue;
    const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - 4);
    if (digits.size() > 19 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    if (std::stoull(digits) < revision) {
      std::error_code e;
      fs::remove(it->path(), e);
    }
  }
}

MappedFile map_file(const std::filesystem::path& path, std::size_t min_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return {};
  struct stat st {};
  void* map = MAP_FAILED;
  std::size_t size = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
      static_cast<std::uintmax_t>(st.st_size) >= min_bytes) {
    size = static_cast<std::size_t>(st.st_size);
    map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (map == MAP_FAILED) return {};
  MappedFile out;
  out.owner = std::shared_ptr<const void>(map, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
  out.bytes = std::string_view(static_cast<const char*>(map), size);
  return out;
}

std::string executable_stamp() {
  struct stat st {};
  if (::stat("/proc/self/exe", &st) != 0) return {};
  return std::to_string(st.st_size) + ':' + std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec) +
         ':' + std::to_string(st.st_ino);
}

}  // namespace iran::util
