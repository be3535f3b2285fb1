#include "index/discovered_merge_cache.h"

#include <cstring>
#include <functional>

#include "util/files.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

// "IRDMRG01", then the key's second hash, a checksum of the rest, the people: a count,
// then each person's IDs (a count, then each) and label; strings as a u32 length and
// bytes, numbers in the machine's byte order.
constexpr char kMagic[8] = {'I', 'R', 'D', 'M', 'R', 'G', '0', '1'};
// Joins of other officials (other indexes, older revisions) kept in the cache folder.
constexpr std::size_t kKeepJoins = 16;
// A file larger than this is not one of ours.
constexpr std::size_t kMaxBytes = 64u << 20;

// Everything the join reads, and the program that joins.
std::string join_key(const DiscoveredSummary& summary) {
  const std::string program = util::executable_stamp();
  if (program.empty()) return {};
  return "2\n" + program + '\n' + util::hex64(summary.fingerprint());
}

// The key's two hashes: libstdc++'s string hash (8 bytes a step) of it, for the file
// name, and of it salted, in the file. (They may differ between builds of the program,
// as the key does, which holds the program's identity.)
std::string file_of_key(const std::string& key) {
  return "discovered-" + util::hex64(std::hash<std::string>{}(key)) + ".bin";
}
std::uint64_t second_hash(std::string key) {
  key += "\x01salt";
  return std::hash<std::string>{}(key);
}

void put_u32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
void put_str(std::string& out, const std::string& s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out += s;
}

std::string encode(const DiscoveredMerge& merge, std::uint64_t second_hash) {
  std::string body;
  put_u32(body, static_cast<std::uint32_t>(merge.people().size()));
  for (const auto& person : merge.people()) {
    put_u32(body, static_cast<std::uint32_t>(person.ids.size()));
    for (const auto& id : person.ids) put_str(body, id);
    put_str(body, person.label);
  }
  std::string out(kMagic, sizeof(kMagic));
  out.append(reinterpret_cast<const char*>(&second_hash), 8);
  const std::uint64_t sum = util::fnv1a64(body);
  out.append(reinterpret_cast<const char*>(&sum), 8);
  return out + body;
}

struct Reader {
  std::string_view s;
  std::size_t at = 0;
  bool bad = false;
  std::uint32_t u32() {
    std::uint32_t v = 0;
    if (s.size() - at < 4) {
      bad = true;
      return 0;
    }
    std::memcpy(&v, s.data() + at, 4);
    at += 4;
    return v;
  }
  std::string str() {
    const std::uint32_t n = u32();
    if (bad || s.size() - at < n) {
      bad = true;
      return {};
    }
    std::string v(s.substr(at, n));
    at += n;
    return v;
  }
};

std::optional<std::vector<DiscoveredPerson>> decode(std::string_view bytes, std::uint64_t second_hash) {
  if (bytes.size() < 24 || std::memcmp(bytes.data(), kMagic, sizeof(kMagic)) != 0) return std::nullopt;
  std::uint64_t hash = 0, sum = 0;
  std::memcpy(&hash, bytes.data() + 8, 8);
  std::memcpy(&sum, bytes.data() + 16, 8);
  const std::string_view body = bytes.substr(24);
  if (hash != second_hash || util::fnv1a64(body) != sum) return std::nullopt;
  Reader r{body};
  const std::uint32_t n = r.u32();
  if (r.bad || n > body.size() / 8) return std::nullopt;
  std::vector<DiscoveredPerson> people(n);
  for (auto& person : people) {
    const std::uint32_t ids = r.u32();
    if (r.bad || ids > body.size() / 4) return std::nullopt;
    for (std::uint32_t i = 0; i < ids && !r.bad; ++i) person.ids.push_back(r.str());
    person.label = r.str();
    if (r.bad) return std::nullopt;
  }
  if (r.at != body.size()) return std::nullopt;
  return people;
}

}  // namespace

std::string discovered_merge_file(const DiscoveredSummary& summary) {
  const std::string key = join_key(summary);
  return key.empty() ? std::string() : file_of_key(key);
}

DiscoveredMerge cached_discovered_merge(const std::shared_ptr<const DiscoveredSummary>& summary,
                                        const fs::path& cache_dir) {
  const std::string key = cache_dir.empty() ? std::string() : join_key(*summary);
  if (key.empty()) return DiscoveredMerge(summary->officials(), summary->key_lookup());
  const std::string name = file_of_key(key);
  const std::uint64_t second = second_hash(key);
  try {
    const std::string bytes = util::read_regular_file((cache_dir / name).string(), kMaxBytes);
    if (auto people = decode(bytes, second)) {
      // The merge keeps the summary it reads names from.
      auto names = [summary](std::string_view id) { return summary->name(id); };
      if (auto merge = DiscoveredMerge::of_people(std::move(*people), names)) return std::move(*merge);
    }
  } catch (const util::FileReadError&) {
    // None yet, or not a file we can read: join, and write it.
  }
  DiscoveredMerge merge(summary->officials(), summary->key_lookup());
  if (util::write_cache_file(cache_dir, name, encode(merge, second)))
    util::prune_cache_files(cache_dir, "discovered-", name, std::string(), kKeepJoins - 1);
  return merge;
}

}  // namespace iran::index
