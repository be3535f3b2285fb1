#include "index/summary_file.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "util/files.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {

namespace {

constexpr char kMagic[8] = {'I', 'R', 'S', 'U', 'M', 'F', '0', '1'};
constexpr std::size_t kKeepOthers = 16;

std::string name_prefix(const TableStamp& stamp) {
  return "summary-" + stamp.uuid + "-" + util::hex64(util::fnv1a64(stamp.place)).substr(0, 8) + "-";
}

void put_u64(std::string& out, std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }
void put_str(std::string& out, const std::string& s) {
  put_u64(out, s.size());
  out += s;
}

// The header for `stamp`: the magic, then every field of it.
std::string header(const TableStamp& stamp) {
  std::string h(kMagic, sizeof(kMagic));
  put_u64(h, stamp.revision);
  put_u64(h, stamp.documents);
  put_u64(h, stamp.last);
  put_u64(h, stamp.length);
  put_str(h, stamp.uuid);
  put_str(h, stamp.place);
  return h;
}

}  // namespace

std::string summary_file_name(const TableStamp& stamp) { return name_prefix(stamp) + std::to_string(stamp.revision) + ".bin"; }

std::optional<DiscoveredSummary> load_summary_file(const fs::path& dir, const TableStamp& stamp) {
  if (dir.empty() || !plain_uuid(stamp.uuid)) return std::nullopt;
  const std::string expected = header(stamp);
  const util::MappedFile mapped = util::map_file(dir / summary_file_name(stamp), expected.size() + 1);
  if (!mapped || mapped.bytes.substr(0, expected.size()) != expected) return std::nullopt;
  return DiscoveredSummary::decode(mapped.bytes.substr(expected.size()), mapped.owner);
}

bool save_summary_file(const fs::path& dir, const TableStamp& stamp, const DiscoveredSummary& summary) {
  if (dir.empty() || !plain_uuid(stamp.uuid) || summary.stored_value().empty()) return false;
  const std::string name = summary_file_name(stamp);
  std::string bytes = header(stamp);
  bytes += summary.stored_value();
  if (!util::write_cache_file(dir, name, bytes)) return false;
  const std::string prefix = name_prefix(stamp);
  util::remove_older_revisions(dir, prefix, stamp.revision);
  util::prune_cache_files(dir, "summary-", name, prefix, kKeepOthers - 1);
  return true;
}

}  // namespace iran::index
