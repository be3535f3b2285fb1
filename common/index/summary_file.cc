#include "index/summary_file.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include <unistd.h>

#include "index/schema.h"
#include "util/files.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {

namespace {

constexpr char kMagic[8] = {'I', 'R', 'S', 'U', 'M', 'F', '0', '1'};
constexpr char kCombinedMagic[8] = {'I', 'R', 'S', 'U', 'M', 'C', '0', '1'};
constexpr char kPrintedMagic[8] = {'I', 'R', 'S', 'U', 'M', 'P', '0', '1'};
constexpr std::size_t kKeepOthers = 16;
constexpr std::string_view kCombinedPrefix = "combined-summary-";
constexpr std::string_view kPrintedPrefix = "printed-summary-";

std::string printed_name(std::string_view print) { return std::string(kPrintedPrefix) + std::string(print) + ".bin"; }
// A folder this process may write a file into (a read-only cache folder: nothing is
// made only to be thrown away).
bool writable(const fs::path& dir) { return !dir.empty() && ::access(dir.c_str(), W_OK | X_OK) == 0; }

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

std::optional<DiscoveredSummary> load_printed_summary(const fs::path& dir, std::string_view print) {
  if (dir.empty() || !util::is_hex64(print)) return std::nullopt;
  const util::MappedFile mapped = util::map_file(dir / printed_name(print), sizeof(kPrintedMagic) + 1);
  if (!mapped || mapped.bytes.substr(0, sizeof(kPrintedMagic)) != std::string_view(kPrintedMagic, sizeof(kPrintedMagic)))
    return std::nullopt;
  auto s = DiscoveredSummary::decode(mapped.bytes.substr(sizeof(kPrintedMagic)), mapped.owner);
  if (!s || util::hex64(s->fingerprint()) != print) return std::nullopt;
  return s;
}

bool save_printed_summary(const fs::path& dir, std::string_view print, const DiscoveredSummary& summary) {
  if (!writable(dir) || !util::is_hex64(print) || summary.stored_value().empty() || util::hex64(summary.fingerprint()) != print)
    return false;
  const std::string name = printed_name(print);
  std::string bytes(kPrintedMagic, sizeof(kPrintedMagic));
  bytes += summary.stored_value();
  if (!util::write_cache_file(dir, name, bytes)) return false;
  util::prune_cache_files(dir, std::string(kPrintedPrefix), name, name, kKeepOthers - 1);
  return true;
}

namespace {
// The combination's header: the magic, the count, then every part's checksum; its file
// is named by a hash of the summary format and the header.
std::string combined_head(const std::vector<std::shared_ptr<const DiscoveredSummary>>& parts) {
  std::string head(kCombinedMagic, sizeof(kCombinedMagic));
  put_u64(head, parts.size());
  for (const auto& p : parts) put_u64(head, p->fingerprint());
  return head;
}
std::string combined_name(const std::string& head) {
  std::string key;
  put_u64(key, kDiscoveredSummaryFormat);
  key += head;
  return std::string(kCombinedPrefix) + util::hex64(util::fnv1a64(key)) + ".bin";
}
}  // namespace

std::string combined_summary_file_name(const std::vector<std::shared_ptr<const DiscoveredSummary>>& parts) {
  return combined_name(combined_head(parts));
}

std::shared_ptr<const DiscoveredSummary> combined_summary(
    const std::vector<std::shared_ptr<const DiscoveredSummary>>& parts, const fs::path& dir) {
  const bool all_stored = !parts.empty() && std::all_of(parts.begin(), parts.end(), [](const auto& p) { return p && p->from_key(); });
  if (!all_stored || dir.empty()) return std::make_shared<const DiscoveredSummary>(parts);
  // The header repeats the key's parts: a collision of the name's hash alone is not
  // enough to read another combination.
  const std::string head = combined_head(parts);
  const std::string name = combined_name(head);
  if (const util::MappedFile mapped = util::map_file(dir / name, head.size() + 1);
      mapped && mapped.bytes.substr(0, head.size()) == head)
    if (auto s = DiscoveredSummary::decode(mapped.bytes.substr(head.size()), mapped.owner))
      return std::make_shared<const DiscoveredSummary>(std::move(*s));
  // Nothing made only to be thrown away where this process cannot write (a file another
  // one wrote is read all the same, above).
  if (!writable(dir)) return std::make_shared<const DiscoveredSummary>(parts);
  // Combined, then written as a stored value: the tally summed, and for each of its
  // spellings the keys the first part that has them stores. A stored part lists every
  // spelling of its tally (with no keys when it has none), so each has an entry; the
  // fallback below only guards that.
  const DiscoveredSummary combined(parts);
  const DiscoveredTally tally = combined.tally();
  NameKeyTable keys;
  for (const auto& [id, names] : tally.names)
    for (const auto& [spelling, n] : names) {
      if (keys.find(spelling) != keys.end()) continue;
      NameJoinKeys k;
      if (!combined.keys_of(spelling, k)) return std::make_shared<const DiscoveredSummary>(parts);
      keys.emplace(spelling, std::move(k));
    }
  auto decoded = DiscoveredSummary::decode(encode_discovered_summary(tally, keys));
  if (!decoded) return std::make_shared<const DiscoveredSummary>(parts);
  std::string bytes = head;
  bytes += decoded->stored_value();
  if (util::write_cache_file(dir, name, bytes)) util::prune_cache_files(dir, std::string(kCombinedPrefix), name, name, kKeepOthers - 1);
  return std::make_shared<const DiscoveredSummary>(std::move(*decoded));
}

std::shared_ptr<const DiscoveredSummary> remote_summary(const Xapian::Database& shard, const fs::path& dir) {
  // By its print, when the shard stores one that fits it: the value crosses the network
  // only the first time a process of this cache folder meets it.
  const std::string print = trusted_summary_print(shard.get_metadata(std::string(schema::kMetaDiscoveredPrint)), shard);
  if (auto mapped = load_printed_summary(dir, print)) return std::make_shared<const DiscoveredSummary>(std::move(*mapped));
  auto summary = std::make_shared<const DiscoveredSummary>(DiscoveredSummary::of(shard));
  (void)save_printed_summary(dir, print, *summary);
  return summary;
}

}  // namespace iran::index
