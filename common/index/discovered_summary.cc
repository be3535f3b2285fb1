#include "index/discovered_summary.h"

#include <time.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <unordered_set>

#include "index/schema.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace iran::index {
namespace {

constexpr std::string_view kMagic = "iran.discovered/";

// 8 bytes a step: a damaged value is refused (not a security hash).
std::uint64_t checksum(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 0x100000001b3ull;
  h ^= h >> 29;
  return h;
}

void put_uint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_str(std::string& out, std::string_view s) {
  put_uint(out, s.size());
  out.append(s);
}

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// Reads what put_* wrote; any overrun or oversized length sets `bad` and returns empty.
struct Reader {
  std::string_view s;
  std::size_t at = 0;
  bool bad = false;

  bool done() const { return at == s.size(); }
  std::uint64_t uint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= s.size()) break;
      const auto b = static_cast<unsigned char>(s[at++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    bad = true;
    at = s.size();
    return 0;
  }
  std::string_view str() {
    const std::uint64_t n = uint();
    if (bad || n > s.size() - at) {
      bad = true;
      at = s.size();
      return {};
    }
    const std::string_view out = s.substr(at, n);
    at += n;
    return out;
  }
  std::uint64_t u64() {
    if (s.size() - at < 8) {
      bad = true;
      at = s.size();
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(s[at + i])) << (8 * i);
    at += 8;
    return v;
  }
  // A count of items of at least `min_bytes` each: more than the bytes left is damage
  // (and would make a reader reserve or loop for nothing).
  std::uint64_t count(std::size_t min_bytes) {
    const std::uint64_t n = uint();
    if (!bad && n > (s.size() - at) / min_bytes) {
      bad = true;
      at = s.size();
      return 0;
    }
    return n;
  }
};

using Counts = std::map<std::string, std::map<std::string, Xapian::doccount>>;

void put_counts(std::string& out, const Counts& counts) {
  put_uint(out, counts.size());
  for (const auto& [id, values] : counts) {
    put_str(out, id);
    put_uint(out, values.size());
    for (const auto& [value, n] : values) {
      put_str(out, value);
      put_uint(out, n);
    }
  }
}

bool read_counts(Reader& r, Counts& into) {
  const auto ids = r.count(2);
  for (std::uint64_t i = 0; i < ids && !r.bad; ++i) {
    auto& values = into.emplace_hint(into.end(), std::string(r.str()), std::map<std::string, Xapian::doccount>())->second;
    const auto n = r.count(2);
    for (std::uint64_t j = 0; j < n && !r.bad; ++j) {
      const auto value = r.str();
      values.emplace_hint(values.end(), std::string(value), static_cast<Xapian::doccount>(r.uint()));
    }
  }
  return !r.bad;
}

// The tally section's structure, read without keeping it.
bool tally_well_formed(std::string_view bytes) {
  Reader r{bytes};
  for (int map = 0; map < 3 && !r.bad; ++map) {
    const auto ids = r.count(2);
    for (std::uint64_t i = 0; i < ids && !r.bad; ++i) {
      r.str();
      const auto n = r.count(2);
      for (std::uint64_t j = 0; j < n && !r.bad; ++j) {
        r.str();
        r.uint();
      }
    }
  }
  const auto n = r.count(2);
  for (std::uint64_t i = 0; i < n && !r.bad; ++i) {
    r.str();
    r.uint();
  }
  return !r.bad && r.done();
}

bool read_tally(std::string_view bytes, DiscoveredTally& t) {
  Reader r{bytes};
  if (!read_counts(r, t.names) || !read_counts(r, t.roles) || !read_counts(r, t.countries)) return false;
  const auto n = r.count(2);
  for (std::uint64_t i = 0; i < n && !r.bad; ++i) {
    const auto id = r.str();
    t.articles.emplace_hint(t.articles.end(), std::string(id), static_cast<Xapian::doccount>(r.uint()));
  }
  return !r.bad && r.done();
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace

std::string encode_discovered_summary(const DiscoveredTally& tally, const NameKeyTable& keys) {
  std::string officials, counts, spellings;
  const auto infos = discovered_officials(tally);
  put_uint(officials, infos.size());
  for (const auto& [id, info] : infos) {
    put_str(officials, id);
    put_str(officials, info.name);
    put_str(officials, info.role);
    put_str(officials, info.country);
    put_uint(officials, info.articles);
  }
  put_counts(counts, tally.names);
  put_counts(counts, tally.roles);
  put_counts(counts, tally.countries);
  put_uint(counts, tally.articles.size());
  for (const auto& [id, n] : tally.articles) {
    put_str(counts, id);
    put_uint(counts, n);
  }
  // Each spelling once, in the tally's order (the value is the same for the same terms).
  std::unordered_set<std::string_view> seen;
  std::string list;
  std::size_t listed = 0;
  for (const auto& [id, names] : tally.names)
    for (const auto& [name, n] : names) {
      if (!seen.insert(name).second) continue;
      const auto k = keys.find(name);
      const NameJoinKeys none;
      const NameJoinKeys& of = k == keys.end() ? none : k->second;
      put_str(list, name);
      put_uint(list, of.keyed_words);
      put_uint(list, of.variants.size());
      for (const auto& v : of.variants) put_str(list, v);
      ++listed;
    }
  put_uint(spellings, listed);
  spellings += list;

  std::string body;
  put_str(body, officials);
  put_str(body, counts);
  put_str(body, spellings);
  std::string value(kMagic);
  put_uint(value, kDiscoveredSummaryFormat);
  put_str(value, text::kAnalyzerVersion);
  put_u64(value, checksum(body));
  value += body;
  return value;
}

std::optional<DiscoveredSummary> DiscoveredSummary::decode(std::string value) {
  auto owned = std::make_shared<const std::string>(std::move(value));
  const std::string_view bytes = *owned;
  return decode(bytes, std::move(owned));
}

std::optional<DiscoveredSummary> DiscoveredSummary::decode(std::string_view value, std::shared_ptr<const void> owner) {
  if (value.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  Reader head{value, kMagic.size()};
  if (head.uint() != kDiscoveredSummaryFormat || head.bad) return std::nullopt;
  if (head.str() != text::kAnalyzerVersion || head.bad) return std::nullopt;
  const std::uint64_t sum = head.u64();
  if (head.bad || checksum(value.substr(head.at)) != sum) return std::nullopt;

  DiscoveredSummary s;
  s.from_key_ = true;
  s.checksum_ = sum ^ (value.size() * 0x9e3779b97f4a7c15ull);
  s.owner_ = std::move(owner);
  s.value_ = value;
  s.lazy_ = std::make_unique<Lazy>();
  Reader body{s.value_, head.at};
  const auto officials = body.str();
  const auto counts = body.str();
  const auto spellings = body.str();
  if (body.bad || !body.done()) return std::nullopt;

  // The officials' IDs and where each entry goes on, in the order written (a std::map's:
  // by ID, each once, which the binary searches rely on); the map is made when asked.
  Reader r{s.value_, static_cast<std::size_t>(officials.data() - s.value_.data())};
  r.s = s.value_.substr(0, r.at + officials.size());
  const auto n = r.count(5);
  s.official_index_.reserve(n);
  for (std::uint64_t i = 0; i < n && !r.bad; ++i) {
    const auto id = r.str();
    if (!s.official_index_.empty() && !(s.official_index_.back().first < id)) return std::nullopt;
    s.official_index_.emplace_back(id, r.at);
    r.str();
    r.str();
    r.str();
    r.uint();
  }
  if (r.bad || !r.done() || s.official_index_.size() != n) return std::nullopt;
  // Each spelling's keys are indexed, then decoded, when the join asks for them: a
  // search whose join is cached (discovered_merge_cache.h) reads none of them.
  s.spellings_bytes_ = spellings;
  // The tally is decoded when asked for (several shards); its structure is checked now,
  // so that a damaged one is refused here.
  if (!tally_well_formed(counts)) return std::nullopt;
  s.tally_bytes_ = counts;
  return s;
}

const std::vector<std::pair<std::string_view, std::size_t>>& DiscoveredSummary::key_index() const {
  static const std::vector<std::pair<std::string_view, std::size_t>> none;
  if (!from_key_) return none;
  std::call_once(lazy_->keys_once, [this] {
    // The checksum passed in decode(): the section is as written. Checked as it is
    // walked all the same; a malformed one gives no stored keys (the join then makes
    // them from the names).
    std::vector<std::pair<std::string_view, std::size_t>> index;
    Reader k{spellings_bytes_};
    const auto names = k.count(3);
    index.reserve(names);
    const std::size_t base = static_cast<std::size_t>(spellings_bytes_.data() - value_.data());
    for (std::uint64_t i = 0; i < names && !k.bad; ++i) {
      const auto name = k.str();
      index.emplace_back(name, base + k.at);
      k.uint();
      const auto variants = k.count(1);
      for (std::uint64_t j = 0; j < variants && !k.bad; ++j) k.str();
    }
    if (k.bad || !k.done()) return;
    std::sort(index.begin(), index.end());
    lazy_->key_index = std::move(index);
  });
  return lazy_->key_index;
}

bool DiscoveredSummary::keys_of(std::string_view name, NameJoinKeys& out) const {
  for (const auto& part : parts_)
    if (part->keys_of(name, out)) return true;
  const auto& index = key_index();
  const auto it = std::lower_bound(index.begin(), index.end(), name,
                                   [](const auto& entry, std::string_view n) { return entry.first < n; });
  if (it == index.end() || it->first != name) return false;
  Reader r{value_, it->second};
  out.keyed_words = r.uint();
  const auto variants = r.count(1);
  out.variants.clear();
  out.variants.reserve(variants);
  for (std::uint64_t j = 0; j < variants; ++j) out.variants.emplace_back(r.str());
  return true;
}

const std::map<std::string, DiscoveredInfo>& DiscoveredSummary::officials() const {
  if (!from_key_) return officials_;
  std::call_once(lazy_->once, [this] {
    for (const auto& [id, at] : official_index_) {
      Reader r{value_, at};
      auto& info = lazy_->officials.emplace_hint(lazy_->officials.end(), std::string(id), DiscoveredInfo())->second;
      info.id = id;
      info.name = r.str();
      info.role = r.str();
      info.country = r.str();
      info.articles = static_cast<Xapian::doccount>(r.uint());  // checked by decode()
    }
  });
  return lazy_->officials;
}

bool DiscoveredSummary::has(std::string_view id) const {
  if (!from_key_) return officials_.find(std::string(id)) != officials_.end();
  return std::binary_search(official_index_.begin(), official_index_.end(), std::pair<std::string_view, std::size_t>(id, 0),
                            [](const auto& a, const auto& b) { return a.first < b.first; });
}

std::optional<std::string_view> DiscoveredSummary::name(std::string_view id) const {
  if (!from_key_) {
    const auto it = officials_.find(std::string(id));
    if (it == officials_.end()) return std::nullopt;
    return std::string_view(it->second.name);
  }
  const auto it = std::lower_bound(official_index_.begin(), official_index_.end(), id,
                                   [](const auto& entry, std::string_view v) { return entry.first < v; });
  if (it == official_index_.end() || it->first != id) return std::nullopt;
  Reader r{value_, it->second};
  return r.str();
}

std::uint64_t DiscoveredSummary::fingerprint() const {
  if (from_key_) return checksum_;
  // Made from the terms, or several shards summed: the officials and every part's keys.
  std::string all;
  for (const auto& [id, info] : officials_) {
    for (const std::string* f : {&id, &info.name, &info.role, &info.country}) put_str(all, *f);
    put_uint(all, info.articles);
  }
  for (const auto& part : parts_) put_u64(all, part->fingerprint());
  return checksum(all);
}

std::size_t DiscoveredSummary::spellings() const {
  std::size_t n = key_index().size();
  for (const auto& part : parts_) n += part->spellings();
  return n;
}

std::optional<DiscoveredSummary> DiscoveredSummary::stored(const Xapian::Database& db) {
  std::string value = db.get_metadata(std::string(schema::kMetaDiscovered));
  if (value.empty()) return std::nullopt;
  return decode(std::move(value));
}

DiscoveredSummary DiscoveredSummary::of(const Xapian::Database& db) {
  if (auto s = stored(db)) return std::move(*s);
  return DiscoveredSummary(discovered_tally(db));
}

DiscoveredSummary::DiscoveredSummary(DiscoveredTally tally) {
  officials_ = discovered_officials(tally);
  tally_ = std::move(tally);
}

DiscoveredSummary::DiscoveredSummary(const std::vector<std::shared_ptr<const DiscoveredSummary>>& parts) {
  DiscoveredTally all;
  for (const auto& p : parts) {
    all.add(p->tally());
    if (p->from_key_ || !p->parts_.empty()) parts_.push_back(p);
  }
  officials_ = discovered_officials(all);
  tally_ = std::move(all);
}

DiscoveredTally DiscoveredSummary::tally() const {
  if (tally_) return *tally_;
  DiscoveredTally t;
  read_tally(tally_bytes_, t);  // checked by decode()
  return t;
}

std::string discovered_summary_of_terms(const Xapian::Database& db) {
  const DiscoveredTally tally = discovered_tally(db);
  NameKeyTable keys;
  for (const auto& [id, names] : tally.names)
    for (const auto& [name, n] : names) keys.emplace(name, name_join_keys(name));
  return encode_discovered_summary(tally, keys);
}

SummaryState check_discovered_summary(const Xapian::Database& db) {
  const std::string value = db.get_metadata(std::string(schema::kMetaDiscovered));
  // The print beside the value, when there is one (an index built before has none), must
  // be the value's: searches over a remote shard trust it to name the summary.
  const std::string print = db.get_metadata(std::string(schema::kMetaDiscoveredPrint));
  if (value.empty()) return print.empty() ? SummaryState::Missing : SummaryState::PrintDiffers;
  const auto decoded = DiscoveredSummary::decode(value);
  if (!decoded) return SummaryState::Refused;
  if (!print.empty() && print != discovered_summary_print(*decoded, db)) return SummaryState::PrintDiffers;
  return value == discovered_summary_of_terms(db) ? SummaryState::Matches : SummaryState::Differs;
}

std::string_view describe(SummaryState state) {
  switch (state) {
    case SummaryState::Matches: return "matches its terms";
    case SummaryState::Missing: return "is missing (searches read the terms; the next build stores it)";
    case SummaryState::Refused: return "cannot be read or is of another version (searches read the terms)";
    case SummaryState::Differs: return "differs from what its terms give (searches would show wrong official facet counts or labels)";
    case SummaryState::PrintDiffers:
      return "has a print (iran.discovered.print) that is not its value's (searches over a remote shard would use another summary)";
  }
  return "";
}

void DiscoveredSummaryWriter::invalidate(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kMetaDiscovered), std::string());
  db.set_metadata(std::string(schema::kMetaDiscoveredPrint), std::string());
}

namespace {
// The figures a print carries after the summary's 16 hex digits.
std::string print_figures(const Xapian::Database& db) {
  return '-' + std::to_string(db.get_doccount()) + '-' + std::to_string(db.get_lastdocid()) + '-' +
         std::to_string(db.get_total_length());
}
}  // namespace

std::string discovered_summary_print(const DiscoveredSummary& summary, const Xapian::Database& db) {
  return util::hex64(summary.fingerprint()) + print_figures(db);
}

std::string discovered_summary_print(std::string_view value, const Xapian::Database& db) {
  const auto decoded = DiscoveredSummary::decode(std::string(value));
  return decoded ? discovered_summary_print(*decoded, db) : std::string();
}

std::string trusted_summary_print(std::string_view print, const Xapian::Database& db) {
  const std::string_view hex = print.substr(0, 16);
  if (!util::is_hex64(hex) || print.substr(hex.size()) != print_figures(db)) return {};
  return std::string(hex);
}

void DiscoveredSummaryWriter::store(Xapian::WritableDatabase& db) {
  const double started = cpu_seconds();
  // The terms as they will be after the commit (pending changes included, above).
  const DiscoveredTally tally = discovered_tally(db);
  for (const auto& [id, names] : tally.names)
    for (const auto& [name, n] : names)
      if (keys_.find(name) == keys_.end()) keys_.emplace(name, name_join_keys(name));
  std::string value = encode_discovered_summary(tally, keys_);
  db.set_metadata(std::string(schema::kMetaDiscoveredPrint), discovered_summary_print(value, db));
  db.set_metadata(std::string(schema::kMetaDiscovered), std::move(value));
  ++made_;
  seconds_ += cpu_seconds() - started;
}

void DiscoveredSummaryWriter::commit(Xapian::WritableDatabase& db) {
  store(db);
  db.commit();
}

}  // namespace iran::index
