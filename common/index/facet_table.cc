#include "index/facet_table.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "index/facets.h"
#include "util/files.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

// The file: "IRFTAB02", its size, a checksum of the header and values, then the stamp
// and slots, each slot's ids (u32 by docid), each slot's values (u32 length and bytes);
// every part padded to 8 bytes, numbers in the machine's byte order (the cache is this
// machine's own; a file of the other order fails its size field).
constexpr char kMagic[8] = {'I', 'R', 'F', 'T', 'A', 'B', '0', '2'};
constexpr std::size_t kPrefix = 24;
// Tables of other databases (or layouts) kept in the cache folder.
constexpr std::size_t kKeepTables = 16;

std::uint64_t checksum(const unsigned char* p, std::size_t bytes) {
  std::uint64_t h = 0x6a09e667f3bcc909ULL ^ bytes;
  for (std::size_t i = 0; i + 8 <= bytes; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 29;
  }
  return h;
}

std::size_t padded(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

// The checksum of a file's header (after the prefix) and values: the bytes other than
// the ids, which are [header_end, ids_end).
std::uint64_t sum_of(const unsigned char* p, std::size_t header_end, std::size_t ids_end, std::size_t size) {
  return checksum(p + kPrefix, header_end - kPrefix) ^ (checksum(p + ids_end, size - ids_end) * 3);
}

class Out {
 public:
  void u32(std::uint32_t v) { raw(&v, 4); }
  void u64(std::uint64_t v) { raw(&v, 8); }
  void raw(const void* p, std::size_t n) { bytes_.append(static_cast<const char*>(p), n); }
  void pad() { bytes_.resize(padded(bytes_.size()), '\0'); }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

// Bounds-checked reads of the mapped bytes; any read past the end fails the load.
class In {
 public:
  In(const unsigned char* p, std::size_t size, std::size_t at) : p_(p), size_(size), at_(at) {}
  bool ok() const { return ok_; }
  std::size_t at() const { return at_; }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    if (take(4)) std::memcpy(&v, p_ + at_ - 4, 4);
    return v;
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    if (take(8)) std::memcpy(&v, p_ + at_ - 8, 8);
    return v;
  }
  const unsigned char* bytes(std::size_t n) { return take(n) ? p_ + at_ - n : nullptr; }
  void pad() { (void)take(padded(at_) - at_); }

 private:
  bool take(std::size_t n) {
    if (!ok_ || n > size_ - at_) return ok_ = false;
    at_ += n;
    return true;
  }
  const unsigned char* p_;
  std::size_t size_, at_;
  bool ok_ = true;
};

std::string slots_key(const std::vector<Xapian::valueno>& slots) {
  std::string s;
  for (const auto slot : slots) s += std::to_string(slot) + ',';
  return util::hex64(util::fnv1a64(s)).substr(0, 8);
}

// "facets-UUID-SLOTS-" of a file name: the same database and slots at any revision.
std::string name_prefix(const TableStamp& stamp, const std::vector<Xapian::valueno>& slots) {
  return "facets-" + stamp.uuid + "-" + util::hex64(util::fnv1a64(stamp.place)).substr(0, 8) + slots_key(slots) + "-";
}

// Files this process found damaged (by name, size and time): never mapped again, for a
// file that could not be removed would otherwise be found damaged on every search.
struct Refused {
  std::mutex lock;
  std::set<std::tuple<std::string, std::uintmax_t, std::int64_t>> files;
};
Refused& refused() {
  static Refused r;
  return r;
}
std::tuple<std::string, std::uintmax_t, std::int64_t> file_id(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return {file.string(), 0, 0};
  return {file.string(), static_cast<std::uintmax_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}


}  // namespace

bool plain_uuid(const std::string& uuid) {
  return !uuid.empty() && uuid.size() <= 64 && std::all_of(uuid.begin(), uuid.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
  });
}

TableStamp TableStamp::of(const Xapian::Database& db, std::string place) {
  return {db.get_uuid(), std::move(place), db.get_revision(), db.get_doccount(), db.get_lastdocid(), db.get_total_length()};
}

std::string table_place(const fs::path& folder) {
  struct stat st {};
  if (folder.empty() || ::stat(folder.c_str(), &st) != 0) return {};
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

FacetTable::FacetTable(const Xapian::Database& db, std::vector<Xapian::valueno> slots, std::string place)
    : slots_(std::move(slots)), stamp_(TableStamp::of(db, std::move(place))) {
  const Xapian::docid last = stamp_.last;
  length_ = static_cast<std::size_t>(last) + 1;
  own_ids_.resize(slots_.size());
  own_values_.resize(slots_.size());
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    auto& ids = own_ids_[i];
    ids.assign(length_, 0);
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> seen;
    for (auto v = db.valuestream_begin(slots_[i]); v != db.valuestream_end(slots_[i]); ++v) {
      const Xapian::docid did = v.get_docid();
      if (did > last) break;
      const std::string value = *v;
      auto it = seen.find(value);
      if (it == seen.end()) {
        own_values_[i].push_back(value);
        it = seen.emplace(value, static_cast<std::uint32_t>(own_values_[i].size())).first;
      }
      ids[did] = it->second;
    }
  }
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    ids_.push_back(own_ids_[i].data());
    values_.emplace_back(own_values_[i].begin(), own_values_[i].end());
  }
}

std::string FacetTable::file_name(const TableStamp& stamp, const std::vector<Xapian::valueno>& slots) {
  return name_prefix(stamp, slots) + std::to_string(stamp.revision) + ".bin";
}

bool FacetTable::save(const fs::path& dir) const {
  if (dir.empty() || !plain_uuid(stamp_.uuid)) return false;
  Out out;
  out.raw(kMagic, sizeof(kMagic));
  out.u64(0);  // the size, then the checksum, once known
  out.u64(0);
  out.u64(stamp_.revision);
  out.u32(stamp_.documents);
  out.u32(stamp_.last);
  out.u64(stamp_.length);
  out.u32(static_cast<std::uint32_t>(slots_.size()));
  out.u32(static_cast<std::uint32_t>(stamp_.uuid.size()));
  out.raw(stamp_.uuid.data(), stamp_.uuid.size());
  out.pad();
  out.u32(static_cast<std::uint32_t>(stamp_.place.size()));
  out.raw(stamp_.place.data(), stamp_.place.size());
  out.pad();
  std::vector<std::uint64_t> value_bytes(slots_.size(), 0);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    for (const auto v : values_[i]) value_bytes[i] += 4 + v.size();
    value_bytes[i] = padded(value_bytes[i]);
    out.u32(slots_[i]);
    out.u32(static_cast<std::uint32_t>(values_[i].size()));
    out.u64(value_bytes[i]);
  }
  const std::size_t header_end = out.bytes().size();
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    out.raw(ids_[i], length_ * sizeof(std::uint32_t));
    out.pad();
  }
  const std::size_t ids_end = out.bytes().size();
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    for (const auto v : values_[i]) {
      out.u32(static_cast<std::uint32_t>(v.size()));
      out.raw(v.data(), v.size());
    }
    out.pad();
  }
  std::string& bytes = out.bytes();
  const std::uint64_t size = bytes.size();
  std::memcpy(bytes.data() + 8, &size, 8);
  const std::uint64_t sum = sum_of(reinterpret_cast<const unsigned char*>(bytes.data()), header_end, ids_end, size);
  std::memcpy(bytes.data() + 16, &sum, 8);

  // Written beside its final name and renamed into place: a search that maps it sees
  // the old file or the whole new one. Then the same database's other revisions go, and
  // of other databases' tables the newest kKeepTables stay.
  const std::string name = file_name(stamp_, slots_);
  if (!util::write_cache_file(dir, name, bytes)) return false;
  // Older revisions of the same database go (a newer one another process wrote stays).
  const std::string prefix = name_prefix(stamp_, slots_);
  util::remove_older_revisions(dir, prefix, stamp_.revision);
  util::prune_cache_files(dir, "facets-", name, prefix, kKeepTables - 1);
  return true;
}

std::shared_ptr<const FacetTable> FacetTable::load(const fs::path& dir, const TableStamp& stamp,
                                                   const std::vector<Xapian::valueno>& slots) {
  if (dir.empty() || !plain_uuid(stamp.uuid)) return nullptr;
  const fs::path file = dir / file_name(stamp, slots);
  {
    Refused& r = refused();
    const std::lock_guard<std::mutex> guard(r.lock);
    if (!r.files.empty() && r.files.count(file_id(file))) return nullptr;
  }
  // Not populated: a narrow search reads the pages of its few matches only.
  const util::MappedFile mapped = util::map_file(file, kPrefix + 40);
  if (!mapped) return nullptr;
  const std::shared_ptr<const void>& mapping = mapped.owner;
  const std::size_t size = mapped.bytes.size();
  const void* map = mapped.bytes.data();
  const auto* p = static_cast<const unsigned char*>(map);

  std::uint64_t recorded_size = 0, sum = 0;
  std::memcpy(&recorded_size, p + 8, 8);
  std::memcpy(&sum, p + 16, 8);
  if (std::memcmp(p, kMagic, sizeof(kMagic)) != 0 || recorded_size != size || size % 8 != 0) return nullptr;

  std::shared_ptr<FacetTable> table(new FacetTable());
  In in(p, size, kPrefix);
  TableStamp& s = table->stamp_;
  s.revision = in.u64();
  s.documents = in.u32();
  s.last = in.u32();
  s.length = in.u64();
  const std::uint32_t nslots = in.u32();
  const std::uint32_t uuid_size = in.u32();
  if (!in.ok() || uuid_size > 64 || nslots != slots.size()) return nullptr;
  if (const unsigned char* u = in.bytes(uuid_size)) s.uuid.assign(reinterpret_cast<const char*>(u), uuid_size);
  in.pad();
  const std::uint32_t place_size = in.u32();
  if (!in.ok() || place_size > 64) return nullptr;
  if (const unsigned char* pl = in.bytes(place_size)) s.place.assign(reinterpret_cast<const char*>(pl), place_size);
  in.pad();
  if (!in.ok() || !(s == stamp)) return nullptr;
  std::vector<std::uint32_t> counts(nslots);
  std::vector<std::uint64_t> value_bytes(nslots);
  for (std::uint32_t i = 0; i < nslots; ++i) {
    if (in.u32() != slots[i]) return nullptr;
    counts[i] = in.u32();
    value_bytes[i] = in.u64();
  }
  if (!in.ok()) return nullptr;
  const std::size_t header_end = in.at();
  table->slots_ = slots;
  table->length_ = static_cast<std::size_t>(s.last) + 1;
  for (std::uint32_t i = 0; i < nslots; ++i) {
    const unsigned char* ids = in.bytes(table->length_ * sizeof(std::uint32_t));
    in.pad();
    if (!ids) return nullptr;
    table->ids_.push_back(reinterpret_cast<const std::uint32_t*>(ids));  // 8-aligned in a page-aligned map
  }
  if (!in.ok() || sum_of(p, header_end, in.at(), size) != sum) return nullptr;
  table->values_.resize(nslots);
  for (std::uint32_t i = 0; i < nslots; ++i) {
    // Each value takes 4 bytes at least: a count beyond that is damage, not a reserve.
    if (value_bytes[i] > size - in.at() || counts[i] > value_bytes[i] / 4) return nullptr;
    In values(p, in.at() + static_cast<std::size_t>(value_bytes[i]), in.at());
    auto& out = table->values_[i];
    out.reserve(counts[i]);
    for (std::uint32_t k = 0; k < counts[i]; ++k) {
      const std::uint32_t n = values.u32();
      const unsigned char* v = values.bytes(n);
      if (!v) return nullptr;
      out.emplace_back(reinterpret_cast<const char*>(v), n);
    }
    if (!values.ok() || padded(values.at()) != in.at() + value_bytes[i]) return nullptr;
    (void)in.bytes(static_cast<std::size_t>(value_bytes[i]));
  }
  if (!in.ok() || in.at() != size) return nullptr;
  table->mapping_ = mapping;
  return table;
}

namespace {

struct Tables {
  std::mutex lock;
  std::map<std::pair<std::string, std::vector<Xapian::valueno>>, std::shared_ptr<const FacetTable>> by_db;
};

Tables& tables() {
  static Tables t;
  return t;
}

}  // namespace

std::shared_ptr<const FacetTable> FacetTable::cached(const Xapian::Database& db, const std::vector<Xapian::valueno>& slots,
                                                     const fs::path& cache_dir, const std::string& place) {
  const TableStamp stamp = TableStamp::of(db, place);
  Tables& t = tables();
  const std::lock_guard<std::mutex> guard(t.lock);
  auto& table = t.by_db[{stamp.uuid + '\n' + stamp.place, slots}];
  if (table && table->stamp() == stamp) return table;
  if (auto loaded = load(cache_dir, stamp, slots)) {
    if (!table || table->revision() < stamp.revision) table = loaded;
    return loaded;
  }
  return nullptr;
}

std::shared_ptr<const FacetTable> FacetTable::of(const Xapian::Database& db, const std::vector<Xapian::valueno>& slots,
                                                 const fs::path& cache_dir, const std::string& place) {
  // The newest table per database and slot list. Tables are never changed once made,
  // so threads share them freely; the lock only guards this map.
  const TableStamp stamp = TableStamp::of(db, place);
  Tables& t = tables();
  const std::lock_guard<std::mutex> guard(t.lock);
  // A full rebuild publishes a database with a new UUID: drop the tables of others, so a
  // long-running server keeps a few, not one per rebuild it has seen.
  if (t.by_db.size() > 8) {
    for (auto it = t.by_db.begin(); it != t.by_db.end();)
      it = it->first.first == stamp.uuid + '\n' + stamp.place ? std::next(it) : t.by_db.erase(it);
  }
  auto& table = t.by_db[{stamp.uuid + '\n' + stamp.place, slots}];
  if (table && table->stamp() == stamp) return table;
  // A search on an older revision than the one kept (it opened before a commit) gets its
  // own table, not kept: the newer one stays for the searches that moved on.
  const bool older = table && table->revision() > stamp.revision;
  if (auto loaded = load(cache_dir, stamp, slots)) {
    if (!older) table = loaded;
    return loaded;
  }
  auto made = std::make_shared<const FacetTable>(db, slots, place);
  if (older) return made;
  // Made of the database as this handle sees it: a commit meanwhile is a new stamp,
  // and this table stays the one of the stamp it holds.
  if (made->stamp() == stamp) (void)made->save(cache_dir);
  return table = std::move(made);
}

TableSpy::TableSpy(std::shared_ptr<const FacetTable> table) : table_(std::move(table)) {
  counts_.resize(table_->slots().size());
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i].assign(table_->values(i).size() + 1, 0);
}

void FacetTable::discard(const fs::path& dir) const {
  {
    Tables& t = tables();
    const std::lock_guard<std::mutex> guard(t.lock);
    const auto it = t.by_db.find({stamp_.uuid + '\n' + stamp_.place, slots_});
    if (it != t.by_db.end() && it->second.get() == this) t.by_db.erase(it);
  }
  if (dir.empty() || !plain_uuid(stamp_.uuid)) return;
  const fs::path file = dir / file_name(stamp_, slots_);
  {
    Refused& r = refused();
    const std::lock_guard<std::mutex> guard(r.lock);
    r.files.insert(file_id(file));
  }
  std::error_code ec;
  fs::remove(file, ec);
}

void TableSpy::operator()(const Xapian::Document& doc, double) { count(doc.get_docid()); }

}  // namespace iran::index
