#include "util/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

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

std::string read_regular_file(const std::string& path, std::uintmax_t max_bytes) {
  using Kind = FileReadError::Kind;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) throw FileReadError(Kind::Missing, "no such file");
    throw FileReadError(Kind::Other, std::string("cannot open: ") + std::strerror(err));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) throw FileReadError(Kind::Other, std::string("cannot stat: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    throw FileReadError(Kind::NotRegular, std::string("not a regular file (") + file_kind(st.st_mode) + ")");
  const auto size = static_cast<std::uintmax_t>(st.st_size);
  if (size > max_bytes)
    throw FileReadError(Kind::TooLarge,
                        "too large: " + std::to_string(size) + " bytes (limit " + std::to_string(max_bytes) + ")");
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

}  // namespace iran::util
