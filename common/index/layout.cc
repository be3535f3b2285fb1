#include "index/layout.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "index/search_request.h"
#include "index/store.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

constexpr const char* kStubName = "XAPIANDB";
constexpr std::string_view kSchemeLine = "# iranidx-shards: ";
constexpr std::string_view kHomeLine = "# iranidx-home: ";
constexpr std::string_view kUndated = "undated";
constexpr unsigned kMaxBuckets = 64;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void fsync_path(const fs::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Years ascending, undated last; hash buckets by number (their names sort so).
bool stub_order(const LayoutShard& a, const LayoutShard& b) {
  const bool ua = a.name == kUndated, ub = b.name == kUndated;
  if (ua != ub) return ub;
  return a.name < b.name;
}

std::string relative_to(const fs::path& p, const fs::path& root) {
  return p.lexically_relative(root).generic_string();
}

}  // namespace

ShardScheme ShardScheme::parse(std::string_view text) {
  ShardScheme s;
  if (text == "year") return s;
  if (text.starts_with("hash:")) {
    const std::string_view n = text.substr(5);
    if (all_digits(n) && n.size() <= 3) {
      const unsigned v = static_cast<unsigned>(std::stoul(std::string(n)));
      if (v >= 2 && v <= kMaxBuckets) {
        s.kind = Kind::Hash;
        s.buckets = v;
        return s;
      }
    }
    throw std::invalid_argument("'" + std::string(text) + "': N of hash:N must be a number from 2 to " +
                                std::to_string(kMaxBuckets));
  }
  throw std::invalid_argument("'" + std::string(text) + "' is not a shard scheme (use 'year' or 'hash:N')");
}

std::string ShardScheme::text() const {
  return kind == Kind::Year ? "year" : "hash:" + std::to_string(buckets);
}

std::string ShardScheme::shard_for(std::string_view id_term, std::string_view first_day) const {
  if (kind == Kind::Year) {
    const std::string_view year = first_day.substr(0, 4);
    return year.size() == 4 && all_digits(year) ? std::string(year) : std::string(kUndated);
  }
  char name[16];
  std::snprintf(name, sizeof name, "hash-%02u", static_cast<unsigned>(util::fnv1a64(id_term) % buckets));
  return name;
}

std::vector<std::string> ShardScheme::fixed_shards() const {
  std::vector<std::string> names;
  for (unsigned i = 0; kind == Kind::Hash && i < buckets; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "hash-%02u", i);
    names.push_back(name);
  }
  return names;
}

bool ShardScheme::valid_name(std::string_view name) const {
  if (kind == Kind::Year) return name == kUndated || (name.size() == 4 && all_digits(name));
  const auto names = fixed_shards();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_layout(const fs::path& db) {
  std::ifstream in(db / kStubName);
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with(kSchemeLine)) return true;
  return false;
}

std::optional<Layout> read_layout(const fs::path& db) {
  const fs::path stub = db / kStubName;
  std::ifstream in(stub);
  if (!in) return std::nullopt;
  Layout layout;
  bool ours = false, home = false;
  std::string line;
  unsigned line_no = 0;
  std::vector<std::string> entries;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = stub.string() + " line " + std::to_string(line_no);
    if (line.starts_with(kSchemeLine)) {
      try {
        layout.scheme = ShardScheme::parse(line.substr(kSchemeLine.size()));
      } catch (const std::invalid_argument& e) {
        throw IndexError(where + ": " + e.what());
      }
      ours = true;
    } else if (line.starts_with(kHomeLine)) {
      layout.home = db / line.substr(kHomeLine.size());
      home = true;
    } else if (line.empty() || line[0] == '#') {
      continue;
    } else if (line.starts_with("auto ")) {
      entries.push_back(line.substr(5));
    } else {
      entries.push_back("\n" + where);  // not ours: refused below, if this is a layout
    }
  }
  if (!ours) return std::nullopt;
  if (!home) throw IndexError(stub.string() + ": a shard layout stub without its '" + std::string(kHomeLine) + "' line");
  for (const auto& e : entries) {
    if (e.starts_with("\n")) throw IndexError(e.substr(1) + ": not a line iranidx writes in a shard layout stub");
    const fs::path generation = db / e;
    const std::string name = fs::path(e).parent_path().generic_string();
    if (!layout.scheme.valid_name(name))
      throw IndexError(stub.string() + ": '" + e + "' is not a shard of a '" + layout.scheme.text() + "' layout");
    layout.shards.push_back({name, generation});
  }
  return layout;
}

void sort_shards(std::vector<LayoutShard>& shards) { std::sort(shards.begin(), shards.end(), stub_order); }

void publish_layout(const fs::path& db, const Layout& layout) {
  const fs::path stub = db / kStubName;
  const fs::path temp = db / (std::string(kStubName) + ".new");
  std::vector<LayoutShard> shards = layout.shards;
  sort_shards(shards);
  {
    std::ofstream out(temp, std::ios::trunc);
    out << "# A sharded index written by `iranidx build --shards " << layout.scheme.text()
        << "`: one line per shard's current generation.\n"
        << "# Xapian reads the 'auto' lines; iranidx rewrites this file (do not edit it).\n"
        << kSchemeLine << layout.scheme.text() << '\n'
        << kHomeLine << relative_to(layout.home, db) << '\n';
    for (const auto& s : shards) out << "auto " << relative_to(s.generation, db) << '\n';
    if (!out.flush()) throw std::runtime_error(temp.string() + ": cannot write");
  }
  fsync_path(temp, O_RDONLY);
  fs::rename(temp, stub);  // atomic: a reader sees the old layout or the new one
  fsync_path(db, O_RDONLY | O_DIRECTORY);
}

std::optional<std::string> published_state(const fs::path& db) {
  auto text_of = [](const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  std::error_code ec;
  // A stub file of shards (written by hand or by scripts/serve-shards), or a layout.
  if (fs::is_regular_file(db, ec)) return text_of(db);
  if (is_layout(db)) return text_of(db / kStubName);
  try {
    const auto generation = current_generation(db);
    if (!generation) return std::nullopt;
    return generation->string();
  } catch (const std::runtime_error&) {
    return text_of(db / kStubName);  // a directory holding a stub of several shards
  }
}

}  // namespace iran::index
