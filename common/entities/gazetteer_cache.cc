// The gazetteer as a compact binary image, and a cache file of it, so that a process
// that searches does not parse the data files and derive every name's keys again (that
// is most of a one-query process's start-up: ICU normalization, clitic readings and
// transliteration keys of some 10,000 names). The image holds what load() built, the
// tables and tries as they are, with entities referred to by kind and position.
//
// The cache file is valid for one set of data files (their whole bytes) and one
// executable (its size, modification time and inode: the code that derives keys may
// change with it), and is rewritten when either changes. A cache that cannot be read or
// written only costs the time of a normal load.
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

#include "entities/gazetteer_impl.h"
#include "util/files.h"
#include "util/strings.h"

namespace iran::entities {
namespace fs = std::filesystem;
using namespace detail;

namespace {

// Bump when the layout below changes.
constexpr std::uint32_t kImageVersion = 4;  // 2: entry prints and the shared hash; 3: trie node counts; 4: name tables by key
constexpr char kMagic[8] = {'I', 'R', 'G', 'A', 'Z', 'I', 'M', 'G'};
// Images of other executables or data folders kept beside the current one (two builds
// side by side each keep theirs); older ones are removed when a new image is written.
constexpr std::size_t kKeepOtherImages = 3;

class Writer {
 public:
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v) {
    char b[4];
    std::memcpy(b, &v, 4);
    out_.append(b, 4);
  }
  void u64(std::uint64_t v) {
    char b[8];
    std::memcpy(b, &v, 8);
    out_.append(b, 8);
  }
  void str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_.append(s.data(), s.size());
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

struct Malformed : std::runtime_error {
  Malformed() : std::runtime_error("gazetteer image: malformed") {}
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint8_t u8() {
    need(1);
    return static_cast<std::uint8_t>(in_[pos_++]);
  }
  std::uint32_t u32() { return fixed<std::uint32_t>(); }
  std::uint64_t u64() { return fixed<std::uint64_t>(); }
  std::string str() {
    const std::uint32_t n = u32();
    need(n);
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // A count of items that take at least `min_bytes` each: never more than what is left,
  // so a corrupt count cannot make us reserve or loop without end.
  std::uint32_t count(std::size_t min_bytes = 1) {
    const std::uint32_t n = u32();
    if (static_cast<std::uint64_t>(n) * min_bytes > in_.size() - pos_) throw Malformed();
    return n;
  }
  bool done() const { return pos_ == in_.size(); }
  std::size_t position() const { return pos_; }
  // A string's bytes, viewed where they are.
  std::string_view view() {
    const std::uint32_t n = u32();
    need(n);
    const std::string_view v = in_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  // A string's bytes, checked and passed over.
  void skip_str() {
    const std::uint32_t n = u32();
    need(n);
    pos_ += n;
  }

 private:
  // A number as the writer stored it (native order: the image is this machine's own).
  template <class T>
  T fixed() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  void need(std::size_t n) const {
    if (in_.size() - pos_ < n) throw Malformed();
  }
  std::string_view in_;
  std::size_t pos_ = 0;
};

// Entities by (kind, position in their deque). (Templates over Gazetteer::Impl, which
// is private to Gazetteer and so is not named here.)
template <typename Impl>
struct Refs {
  explicit Refs(const Impl& impl) {
    for (std::uint8_t k = 0; k < 3; ++k) {
      std::uint32_t i = 0;
      for (const auto& e : impl.entities[k]) index.emplace(&e, std::make_pair(k, i++));
    }
  }
  void write(Writer& w, const Entity* e) const {
    const auto it = index.find(e);
    if (it == index.end()) throw std::logic_error("gazetteer image: an entity that is not the gazetteer's");
    w.u8(it->second.first);
    w.u32(it->second.second);
  }
  std::unordered_map<const Entity*, std::pair<std::uint8_t, std::uint32_t>> index;
};

template <typename Impl>
const Entity* read_ref(Reader& r, const Impl& impl) {
  const std::uint8_t k = r.u8();
  const std::uint32_t i = r.u32();
  if (k >= 3 || i >= impl.entity_at[k].size()) throw Malformed();
  return impl.entity_at[k][i];
}

template <typename Set>
void write_set(Writer& w, const Set& set) {
  w.u32(static_cast<std::uint32_t>(set.size()));
  for (const auto& s : set) w.str(s);
}

template <typename Set>
void read_set(Reader& r, Set& set) {
  for (std::uint32_t n = r.count(4); n > 0; --n) set.insert(r.str());
}

template <typename Refs>
void write_map(Writer& w, const Refs& refs, const std::unordered_map<std::string, const Entity*>& map) {
  w.u32(static_cast<std::uint32_t>(map.size()));
  for (const auto& [key, e] : map) {
    w.str(key);
    refs.write(w, e);
  }
}

// A name table, its entries by key (restore() reads them in place: NameTable).
template <typename Refs>
void write_table(Writer& w, const Refs& refs, const NameTable& table) {
  const auto entries = table.entries();
  w.u32(static_cast<std::uint32_t>(entries.size()));
  for (const auto& [key, e] : entries) {
    w.str(std::string(key));
    refs.write(w, e);
  }
}

// A name table's entries as views into r's bytes, checked: refs valid, keys ascending.
template <typename Impl>
std::vector<std::pair<std::string_view, const Entity*>> read_table(Reader& r, const Impl& impl) {
  const std::uint32_t n = r.count(9);
  std::vector<std::pair<std::string_view, const Entity*>> out;
  out.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::string_view key = r.view();
    if (!out.empty() && !(out.back().first < key)) throw Malformed();
    out.emplace_back(key, read_ref(r, impl));
  }
  return out;
}

template <typename Impl>
void read_map(Reader& r, const Impl& impl, std::unordered_map<std::string, const Entity*>& map) {
  const std::uint32_t n = r.count(9);
  map.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::string key = r.str();
    map.emplace(std::move(key), read_ref(r, impl));
  }
}

template <typename Refs>
void write_trie(Writer& w, const Refs& refs, const Trie& trie) {
  // The entries in the order they were added: adding them again rebuilds the same nodes.
  w.u32(static_cast<std::uint32_t>(trie.entries().size()));
  w.u32(static_cast<std::uint32_t>(trie.node_count()));
  for (const Entry& e : trie.entries()) {
    w.u32(static_cast<std::uint32_t>(e.words.size()));
    for (const PatternWord& p : e.words) {
      w.str(p.key);
      w.u8(static_cast<std::uint8_t>(p.need));
      w.u8(static_cast<std::uint8_t>(p.parens | (p.possessive << 1) | (p.allow_article << 2) | (p.need_article << 3)));
    }
    refs.write(w, e.entity);
    w.u8(static_cast<std::uint8_t>(e.type));
  }
}

template <typename Impl>
void read_trie(Reader& r, const Impl& impl, Trie& trie) {
  std::uint32_t n = r.count(10);
  // An entry adds at most one node per word, and a word takes at least 6 bytes.
  const std::uint32_t nodes = r.count(6);
  trie.reserve(n, std::size_t{nodes} + 1);
  for (; n > 0; --n) {
    Entry e;
    const std::uint32_t words = r.count(6);
    e.words.reserve(words);
    for (std::uint32_t i = 0; i < words; ++i) {
      PatternWord p;
      p.key = r.str();
      const std::uint8_t need = r.u8();
      if (need > static_cast<std::uint8_t>(Need::Capitals)) throw Malformed();
      p.need = static_cast<Need>(need);
      const std::uint8_t bits = r.u8();
      p.parens = bits & 1;
      p.possessive = bits & 2;
      p.allow_article = bits & 4;
      p.need_article = bits & 8;
      e.words.push_back(std::move(p));
    }
    e.entity = read_ref(r, impl);
    const std::uint8_t type = r.u8();
    if (type > static_cast<std::uint8_t>(NameType::Not)) throw Malformed();
    e.type = static_cast<NameType>(type);
    trie.add(std::move(e));
  }
}

// Checks a trie as read_trie() would read it, building nothing: restore() leaves the
// tries to the first match (Gazetteer::Impl::build_matcher), but a damaged image must be
// refused as a whole, at once.
template <typename Impl>
void check_trie(Reader& r, const Impl& impl) {
  std::uint32_t n = r.count(10);
  (void)r.count(6);
  for (; n > 0; --n) {
    for (std::uint32_t words = r.count(6); words > 0; --words) {
      r.skip_str();
      if (r.u8() > static_cast<std::uint8_t>(Need::Capitals)) throw Malformed();
      (void)r.u8();
    }
    (void)read_ref(r, impl);
    if (r.u8() > static_cast<std::uint8_t>(NameType::Not)) throw Malformed();
  }
}

// The same for the discovery vocabulary's sets and maps.
void check_set(Reader& r) {
  for (std::uint32_t n = r.count(4); n > 0; --n) r.skip_str();
}

template <typename Impl>
void check_map(Reader& r, const Impl& impl) {
  for (std::uint32_t n = r.count(9); n > 0; --n) {
    r.skip_str();
    (void)read_ref(r, impl);
  }
}

template <typename RoleWords>
void write_words(Writer& w, const RoleWords& v) {
  for (const auto* set : {&v.heads, &v.strong, &v.words, &v.links, &v.stops, &v.given, &v.exact, &v.orgs,
                          &v.state_words})
    write_set(w, *set);
}

template <typename RoleWords>
void read_words(Reader& r, RoleWords& v) {
  for (auto* set : {&v.heads, &v.strong, &v.words, &v.links, &v.stops, &v.given, &v.exact, &v.orgs, &v.state_words})
    read_set(r, *set);
}

// The whole bytes of a regular file, or nullopt when it cannot be read.
std::optional<std::string> slurp(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> bytes;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    std::string buffer(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < buffer.size()) {
      const ssize_t n = ::read(fd, buffer.data() + got, buffer.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got == buffer.size()) bytes = std::move(buffer);
  }
  ::close(fd);
  return bytes;
}

}  // namespace

std::string Gazetteer::Impl::save() const {
  // Every member of Impl that load() fills is written below and read in restore(); the
  // loader's scratch state (official_first_row, official_has_country, surname_rows) is
  // not needed after load, nor is what a restore left for later (deferred).
  // A member added to Impl changes its size: write and read it here too, then update
  // the figure.
  static_assert(sizeof(Gazetteer::Impl) == 2872,
                "Gazetteer::Impl changed: add the new member to save() and restore() in gazetteer_cache.cc");
  build_matcher();  // a restored gazetteer writes its whole state
  build_suggestions();
  build_prints();
  build_spellings_of();
  const Refs<Impl> refs(*this);
  Writer w;
  w.u64(data_hash);
  for (std::size_t k = 0; k < 3; ++k) {
    w.u32(static_cast<std::uint32_t>(entities[k].size()));
    for (const Entity& e : entities[k]) {
      for (const auto* s : {&e.id, &e.name_en, &e.name_ar, &e.country, &e.role, &e.name_fa, &e.from, &e.to}) w.str(*s);
      w.u8(static_cast<std::uint8_t>(e.kind));
      w.u32(static_cast<std::uint32_t>(e.offices.size()));
      for (const Office& o : e.offices) {
        w.str(o.title);
        w.str(o.from);
        w.str(o.to);
      }
    }
  }
  write_trie(w, refs, names_trie());
  write_trie(w, refs, sources_trie());
  for (std::size_t k = 0; k < 3; ++k) {
    write_table(w, refs, lookup[k]);
    write_table(w, refs, name_lookup[k]);
    w.u32(static_cast<std::uint32_t>(spellings[k].size()));
    for (const auto& [name, e] : spellings[k]) {
      w.str(name);
      refs.write(w, e);
    }
  }
  w.u32(static_cast<std::uint32_t>(spellings_of.size()));
  for (const auto& [e, list] : spellings_of) {
    refs.write(w, e);
    write_set(w, list);
  }
  w.u32(static_cast<std::uint32_t>(titles.size()));
  for (const auto& title : titles) write_set(w, title);
  write_words(w, roles[0]);
  write_words(w, roles[1]);
  write_set(w, title_words);
  write_map(w, refs, official_keys);
  write_map(w, refs, official_first_last);
  w.u64(shared_hash);
  for (std::size_t k = 0; k < 3; ++k) {
    w.u32(static_cast<std::uint32_t>(prints[k].size()));
    for (const auto& [id, print] : prints[k]) {
      w.str(id);
      w.u64(print.hash);
      write_set(w, print.names);
    }
  }
  return std::move(w.bytes());
}

void Gazetteer::Impl::restore(std::string_view image, std::shared_ptr<const void> owner) {
  Reader r(image);
  data_hash = r.u64();
  for (std::size_t k = 0; k < 3; ++k) {
    for (std::uint32_t n = r.count(37); n > 0; --n) {
      Entity& e = entities[k].emplace_back();
      for (auto* s : {&e.id, &e.name_en, &e.name_ar, &e.country, &e.role, &e.name_fa, &e.from, &e.to}) *s = r.str();
      const std::uint8_t kind = r.u8();
      if (kind != k) throw Malformed();
      e.kind = static_cast<Kind>(kind);
      for (std::uint32_t o = r.count(12); o > 0; --o) {
        Office office;
        office.title = r.str();
        office.from = r.str();
        office.to = r.str();
        e.offices.push_back(std::move(office));
      }
      ids[k].emplace(e.id, &e);
      entity_at[k].push_back(&e);
    }
  }
  // The matcher's tries and discovery vocabulary, the suggestions and the prints are
  // checked here and built on first use (build_matcher, build_suggestions, build_prints)
  // from their spans of the image (each part is self-delimiting).
  auto span = [&](std::size_t from) { return image.substr(from, r.position() - from); };
  std::size_t from = r.position();
  check_trie(r, *this);
  check_trie(r, *this);
  deferred.matcher[0] = span(from);
  // The name tables view the image (checked here, read there).
  std::vector<std::pair<std::string_view, const Entity*>> tables[3][2];
  for (std::size_t k = 0; k < 3; ++k) {
    tables[k][0] = read_table(r, *this);
    tables[k][1] = read_table(r, *this);
    from = r.position();
    check_map(r, *this);  // (name, entity) pairs, as a map's
    deferred.suggestions[k] = span(from);
  }
  from = r.position();
  for (std::uint32_t n = r.count(9); n > 0; --n) {
    (void)read_ref(r, *this);
    check_set(r);
  }
  deferred.spellings_of[0] = span(from);
  for (std::uint32_t n = r.count(4); n > 0; --n) {
    auto& title = titles.emplace_back();
    for (std::uint32_t m = r.count(4); m > 0; --m) title.push_back(r.str());
  }
  from = r.position();
  // read_words' sets: as many as RoleWords has.
  constexpr std::size_t kRoleSets = sizeof(RoleWords) / sizeof(roles[0].heads);
  static_assert(kRoleSets == 9, "RoleWords changed: read_words, write_words and this count must agree");
  for (int script = 0; script < 2; ++script)
    for (std::size_t set = 0; set < kRoleSets; ++set) check_set(r);
  check_set(r);                                       // title_words
  check_map(r, *this);                                // official_keys
  check_map(r, *this);                                // official_first_last
  deferred.matcher[1] = span(from);
  shared_hash = r.u64();
  from = r.position();
  for (std::size_t k = 0; k < 3; ++k) {
    for (std::uint32_t n = r.count(16); n > 0; --n) {
      r.skip_str();
      (void)r.u64();
      check_set(r);
    }
  }
  deferred.prints[0] = span(from);
  if (!r.done()) throw Malformed();
  for (std::size_t k = 0; k < 3; ++k) {
    lookup[k].restore(std::move(tables[k][0]));
    name_lookup[k].restore(std::move(tables[k][1]));
  }
  image_owner = std::move(owner);
}

namespace {
// Builds one deferred part once: `read` parses its spans into locals and moves them in
// (so an exception leaves the part to be built again); the spans are dropped once it is
// built. No spans: load() built the part.
template <std::size_t N, typename Read>
void build_once(std::once_flag& once, std::string_view (&spans)[N], Read&& read) {
  std::call_once(once, [&] {
    if (spans[0].empty()) return;
    read();
    for (auto& s : spans) s = {};
  });
}
}  // namespace

void Gazetteer::Impl::build_matcher() const {
  build_once(deferred.matcher_once, deferred.matcher, [this] {
    Reader tries(deferred.matcher[0]);
    detail::Trie built_names, built_sources;
    read_trie(tries, *this, built_names);
    read_trie(tries, *this, built_sources);
    Reader r(deferred.matcher[1]);
    RoleWords built_roles[2];
    read_words(r, built_roles[0]);
    read_words(r, built_roles[1]);
    WordSet built_titles;
    read_set(r, built_titles);
    std::unordered_map<std::string, const Entity*> keys, first_last;
    read_map(r, *this, keys);
    read_map(r, *this, first_last);
    names = std::move(built_names);
    sources = std::move(built_sources);
    for (int script = 0; script < 2; ++script) roles[script] = std::move(built_roles[script]);
    title_words = std::move(built_titles);
    official_keys = std::move(keys);
    official_first_last = std::move(first_last);
  });
}

void Gazetteer::Impl::build_suggestions() const {
  build_once(deferred.suggestions_once, deferred.suggestions, [this] {
    std::vector<std::pair<std::string, const Entity*>> built[3];
    for (std::size_t k = 0; k < 3; ++k) {
      Reader r(deferred.suggestions[k]);
      auto& list = built[k];
      const std::uint32_t n = r.count(9);
      list.reserve(n);
      for (std::uint32_t i = 0; i < n; ++i) {
        std::string name = r.str();
        list.emplace_back(std::move(name), read_ref(r, *this));
      }
    }
    for (std::size_t k = 0; k < 3; ++k) spellings[k] = std::move(built[k]);
  });
}

void Gazetteer::Impl::build_prints() const {
  build_once(deferred.prints_once, deferred.prints, [this] {
    Reader r(deferred.prints[0]);
    std::map<std::string, EntryPrint> built[3];
    for (std::size_t k = 0; k < 3; ++k) {
      for (std::uint32_t n = r.count(16); n > 0; --n) {
        EntryPrint print;
        print.kind = static_cast<Kind>(k);
        print.id = r.str();
        print.hash = r.u64();
        for (std::uint32_t m = r.count(4); m > 0; --m) print.names.push_back(r.str());
        built[k].emplace(print.id, std::move(print));
      }
    }
    for (std::size_t k = 0; k < 3; ++k) prints[k] = std::move(built[k]);
  });
}

void Gazetteer::Impl::build_spellings_of() const {
  build_once(deferred.spellings_of_once, deferred.spellings_of, [this] {
    Reader r(deferred.spellings_of[0]);
    std::unordered_map<const Entity*, std::vector<std::string>> built;
    for (std::uint32_t n = r.count(9); n > 0; --n) {
      auto& list = built[read_ref(r, *this)];
      for (std::uint32_t m = r.count(4); m > 0; --m) list.push_back(r.str());
    }
    spellings_of = std::move(built);
  });
}

std::string Gazetteer::image() const { return impl_->save(); }

Gazetteer Gazetteer::from_image(std::string_view image) {
  auto copy = std::make_shared<const std::string>(image);
  Gazetteer g;
  g.impl_->restore(*copy, copy);
  return g;
}

namespace {

std::string cache_key(const fs::path& data_dir, const std::vector<fs::path>& local_files) {
  // What the image was built from: this executable, and every byte of every data file.
  Writer w;
  w.u32(kImageVersion);
  struct stat st {};
  if (::stat("/proc/self/exe", &st) == 0) {
    w.u64(static_cast<std::uint64_t>(st.st_size));
    w.u64(static_cast<std::uint64_t>(st.st_mtim.tv_sec));
    w.u64(static_cast<std::uint64_t>(st.st_mtim.tv_nsec));
    w.u64(static_cast<std::uint64_t>(st.st_ino));
  } else {
    return {};  // no way to tell which code built an image: no cache
  }
  std::vector<fs::path> files;
  for (const char* name : {"titles.tsv", "countries.tsv", "officials.tsv", "sources.tsv", "roles.tsv"})
    files.push_back(data_dir / name);
  files.insert(files.end(), local_files.begin(), local_files.end());
  for (const auto& file : files) {
    w.str(file.string());
    const auto bytes = slurp(file);
    if (!bytes) {
      w.u8(0);
      continue;
    }
    w.u8(1);
    w.u64(bytes->size());
    // libstdc++'s string hash reads 8 bytes a step, FNV-1a one (that was 0.5 ms of every
    // start-up for the 180 KB of data files); it may differ between builds of the
    // program, and so may the key, which holds the executable's identity.
    w.u64(std::hash<std::string_view>{}(*bytes));
  }
  return util::hex64(util::fnv1a64(w.bytes())) + util::hex64(std::hash<std::string>{}(w.bytes()));
}

}  // namespace

Gazetteer Gazetteer::load_cached(const fs::path& data_dir, const std::vector<fs::path>& local_files,
                                 const fs::path& cache_dir) {
  const std::string key = cache_key(data_dir, local_files);
  if (key.empty() || cache_dir.empty()) return load(data_dir, local_files);
  // One file per executable and data folder, so two builds side by side do not take
  // turns rewriting each other's.
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  const fs::path data = fs::weakly_canonical(data_dir, ec);
  const fs::path file =
      cache_dir / ("gazetteer-" + util::hex64(util::fnv1a64(exe.string() + '\n' + data.string())) + ".bin");
  // Mapped, not read: the restored gazetteer views the image in place (its name tables,
  // and the parts built on first use), and a search touches few of its pages.
  if (const util::MappedFile mapped = util::map_file(file, sizeof(kMagic) + 4 + key.size() + 1);
      mapped && std::memcmp(mapped.bytes.data(), kMagic, sizeof(kMagic)) == 0) {
    Reader header(mapped.bytes.substr(sizeof(kMagic)));
    try {
      if (header.str() == key) {
        const std::size_t start = sizeof(kMagic) + 4 + key.size();
        Gazetteer g;
        g.impl_->restore(mapped.bytes.substr(start), mapped.owner);
        return g;
      }
    } catch (const std::exception&) {
      // A damaged or foreign file: load from the data and write it again.
    }
  }
  Gazetteer g = load(data_dir, local_files);
  Writer w;
  w.bytes().append(kMagic, sizeof(kMagic));
  w.str(key);
  w.bytes() += g.image();
  // Written beside its final name and renamed into place: a concurrent start-up reads
  // the old file or the new one, never half of one. The images of other executables or
  // data folders (earlier builds, whose files nothing else removes) are pruned to the
  // newest few, so the cache folder does not grow by one image per build.
  if (util::write_cache_file(cache_dir, file.filename().string(), w.bytes()))
    util::prune_cache_files(cache_dir, "gazetteer-", file.filename().string(), std::string(), kKeepOtherImages);
  return g;
}

}  // namespace iran::entities
