#include "index/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "util/files.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

constexpr const char* kStubName = "XAPIANDB";
constexpr const char* kLockName = "iranidx.lock";
constexpr const char* kCheckLockName = "iranidx.check.lock";  // held by `iranidx check` beside kLockName
constexpr const char* kGenerationPrefix = "gen-";
constexpr std::uintmax_t kMaxStubBytes = 64 * 1024;  // a stub names one generation

bool is_plain_database(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "iamchert", ec);
}

// "gen-000012" → 12; anything else → -1.
long generation_number(const fs::path& p) {
  const std::string name = p.filename().string();
  if (name.rfind(kGenerationPrefix, 0) != 0 || name.size() != 10) return -1;
  long n = 0;
  for (const char c : name.substr(4)) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::vector<fs::path> generations(const fs::path& db) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(db, ec))
    if (entry.is_directory(ec) && generation_number(entry.path()) >= 0) found.push_back(entry.path());
  std::sort(found.begin(), found.end(),
            [](const fs::path& a, const fs::path& b) { return generation_number(a) < generation_number(b); });
  return found;
}

void fsync_path(const fs::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

namespace {

int open_lock_file(const fs::path& lock) {
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0644);
  if (fd < 0) throw std::runtime_error(lock.string() + ": cannot open: " + std::strerror(errno));
  return fd;
}

// flock(fd, LOCK_EX | LOCK_NB): true when taken, false when another process holds it.
bool try_lock(int fd, const fs::path& lock) {
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return true;
  if (errno == EWOULDBLOCK || errno == EINTR) return false;
  throw std::runtime_error(lock.string() + ": cannot lock: " + std::strerror(errno));
}

bool held_elsewhere(const fs::path& lock) {
  const int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

}  // namespace

BuildLock::BuildLock(const fs::path& db, double wait_seconds, Holder holder) {
  check_index_path(db);
  std::error_code ec;
  fs::create_directories(db, ec);
  if (ec) throw std::runtime_error(db.string() + ": cannot create the index directory: " + ec.message());
  const fs::path lock = db / kLockName;
  const fs::path check_lock = db / kCheckLockName;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
  auto busy = [&] {
    return BusyError(db.string() + ": another iranidx build is running" +
                     (wait_seconds > 0 ? " (waited " + std::to_string(static_cast<int>(wait_seconds)) + " s)" : "") +
                     "; try again later or use --wait SECONDS");
  };
  try {
    // A check announces itself first (the check lock), then takes the build lock: a
    // build that finds the build lock taken and the check lock held waits for the
    // check (it reads, and ends by itself) instead of exiting 3.
    if (holder == Holder::Check) {
      check_fd_ = open_lock_file(check_lock);
      while (!try_lock(check_fd_, check_lock)) {  // another check: it ends by itself
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    fd_ = open_lock_file(lock);
    while (!try_lock(fd_, lock)) {
      const auto now = std::chrono::steady_clock::now();
      if (holder == Holder::Build && held_elsewhere(check_lock)) {
        const auto soon = now + std::chrono::duration<double>(0.2);
        if (deadline < soon) deadline = soon;
      } else if (now >= deadline) {
        throw busy();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(holder == Holder::Check ? 20 : 100));
    }
  } catch (...) {
    if (fd_ >= 0) ::close(fd_);
    if (check_fd_ >= 0) ::close(check_fd_);
    throw;
  }
}

BuildLock::~BuildLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
  if (check_fd_ >= 0) ::close(check_fd_);
}

bool BuildLock::held_by_other(const fs::path& db) {
  const fs::path lock = db / kLockName;
  const int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

void check_index_path(const fs::path& db) {
  struct stat st;
  if (::stat(db.c_str(), &st) != 0) return;  // not there yet: a first build makes it
  if (!S_ISDIR(st.st_mode))
    throw NotAnIndexError(db.string() + ": not an index: it is " + util::file_kind(st.st_mode) +
                          ", and an index is the directory `iranidx build` makes (give --db DIR)");
  std::error_code ec;
  if (is_plain_database(db) || fs::exists(fs::symlink_status(db / kStubName, ec))) return;
  for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name == kStubName || name == kLockName || name == kCheckLockName || name == std::string(kStubName) + ".new" || name == "lost+found" ||
        generation_number(it->path()) >= 0)
      continue;
    throw NotAnIndexError(db.string() + ": not an index: the directory holds other files ('" + name +
                          "') and no index; give a new or empty directory, or the one `iranidx build` made");
  }
}

std::optional<fs::path> current_generation(const fs::path& db) {
  check_index_path(db);
  if (is_plain_database(db)) return db;
  const fs::path stub_path = db / kStubName;
  std::string text;
  try {
    text = util::read_regular_file(stub_path.string(), kMaxStubBytes);
  } catch (const util::FileReadError& e) {
    if (e.kind == util::FileReadError::Kind::Missing) return std::nullopt;
    throw NotAnIndexError(stub_path.string() + ": " + e.what());
  }
  std::istringstream stub(text);
  // A stub may name several databases (shards) or a remote one: iranidx writes only the
  // single local generation it made, so anything else is refused before it is touched.
  std::vector<std::pair<std::string, std::string>> entries;
  std::string line;
  while (entries.size() < 64 && std::getline(stub, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    std::istringstream fields(line);
    std::string backend, name;
    fields >> backend >> name;
    entries.emplace_back(backend, name);
  }
  if (entries.empty()) return std::nullopt;
  if (entries.size() > 1)
    throw std::runtime_error(stub_path.string() + ": a stub naming " + std::to_string(entries.size()) +
                             " databases (shards); iranidx builds only an index it made itself: give each "
                             "shard's own directory with --db");
  const auto& [backend, name] = entries.front();
  if (backend != "auto" && backend != "glass" && backend != "chert")
    throw std::runtime_error(stub_path.string() + ": names a '" + backend +
                             "' database; iranidx builds only a local index it made itself");
  if (name.empty()) return std::nullopt;
  return db / name;
}

std::optional<fs::path> pending_generation(const fs::path& db) {
  const auto current = current_generation(db);
  if (current && *current == db) return std::nullopt;
  const long now = current ? generation_number(*current) : -1;
  std::optional<fs::path> pending;
  for (const auto& g : generations(db))
    if (generation_number(g) > now) pending = g;
  return pending;
}

void discard_pending_generations(const fs::path& db, const fs::path& keep) {
  const auto current = current_generation(db);
  const long now = current ? generation_number(*current) : -1;
  for (const auto& g : generations(db)) {
    if (generation_number(g) <= now || g == keep) continue;
    std::error_code ec;
    fs::remove_all(g, ec);
  }
}

fs::path next_generation(const fs::path& db) {
  long highest = 0;
  for (const auto& g : generations(db)) highest = std::max(highest, generation_number(g));
  char name[32];
  std::snprintf(name, sizeof name, "%s%06ld", kGenerationPrefix, highest + 1);
  return db / name;
}

void publish_generation(const fs::path& db, const fs::path& generation) {
  const fs::path stub = db / kStubName;
  const fs::path temp = db / (std::string(kStubName) + ".new");
  {
    std::ofstream out(temp, std::ios::trunc);
    out << "auto " << generation.filename().string() << '\n';
    if (!out.flush()) throw std::runtime_error(temp.string() + ": cannot write");
  }
  fsync_path(temp, O_RDONLY);
  fs::rename(temp, stub);  // atomic: a reader sees the old stub or the new one
  fsync_path(db, O_RDONLY | O_DIRECTORY);
  remove_stale_generations(db);
}

void remove_stale_generations(const fs::path& db) {
  const auto current = current_generation(db);
  if (!current || *current == db) return;
  const long keep = generation_number(*current);
  // The generation before the current one stays one more round: a search that opened it
  // a moment before the swap must still be able to finish.
  long previous = -1;
  for (const auto& g : generations(db))
    if (generation_number(g) < keep) previous = std::max(previous, generation_number(g));
  for (const auto& g : generations(db)) {
    const long n = generation_number(g);
    // Newer than the current one: a full rebuild not yet published, which the next one
    // resumes (see pending_generation).
    if (n == keep || n == previous || n > keep) continue;
    std::error_code ec;
    fs::remove_all(g, ec);
  }
}

}  // namespace iran::index
