#include "entities/gazetteer.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <unicode/utf8.h>

#include "entities/tokenizer.h"
#include "text/normalizer.h"
#include "util/strings.h"

namespace iran::entities {
namespace fs = std::filesystem;
using detail::Candidate;
using detail::Casing;
using detail::Script;
using detail::Token;

namespace {

// What a row of a data file says a name is. See the headers of data/*.tsv.
enum class NameType : std::uint8_t {
  Name,      // countries: en/ar/fa/name; officials: en/ar/fa/full; sources: en/ar/fa/name
  Short,     // officials: a distinctive short form (Raisi, Bagheri Kani)
  Guarded,   // a country name that is also a person's name (Jordan, Chad)
  Demonym,
  Capital,
  Place,
  Surname,   // officials: counted only when the text also names them in full
  Credit,    // sources
  Not,       // a phrase that contains a name but does not mean it (New Jersey)
};

// Lower is preferred when one span could be read several ways.
int priority(NameType t) {
  switch (t) {
    case NameType::Name: case NameType::Short: case NameType::Guarded: case NameType::Credit: return 0;
    case NameType::Demonym: return 1;
    case NameType::Capital: case NameType::Place: return 2;
    case NameType::Surname: return 3;
    case NameType::Not: return -1;
  }
  return 4;
}

MatchKind match_kind(NameType t) {
  switch (t) {
    case NameType::Demonym: return MatchKind::Demonym;
    case NameType::Capital: return MatchKind::Capital;
    case NameType::Place: return MatchKind::Place;
    case NameType::Surname: return MatchKind::Surname;
    case NameType::Credit: return MatchKind::Credit;
    default: return MatchKind::Name;
  }
}

// What a word of a name demands of the word in the text. Names are matched without
// regard to case, except that a capitalized word of a name must be capitalized in the
// text (so "china" the porcelain and "turkey" the bird are not countries) and a name
// word written in capitals must be in capitals (US, not the pronoun "us").
enum class Need : std::uint8_t { None, Capital, Capitals };

struct PatternWord {
  std::string key;
  Need need = Need::None;
  bool parens = false;         // written "(MNA)": must be in parentheses in the text
  bool possessive = false;
  bool allow_article = true;   // text may carry an Arabic article the name does not have
  bool need_article = false;   // the name has one (الكاميرون, not the name كاميرون)
};

struct Entry {
  std::vector<PatternWord> words;
  const Entity* entity = nullptr;
  NameType type = NameType::Name;
  std::uint32_t order = 0;
};

// Particles inside Latin-script names that newspapers write either way (al-Hammadi,
// Al-Hammadi; bin, Bin): they carry no case requirement.
bool is_particle(std::string_view key) {
  static const std::unordered_set<std::string_view> particles = {
      "al", "el", "ul", "ud", "bin", "ibn", "bint", "ben", "abu", "of", "the", "and",
      "de", "du", "la", "le", "von", "van", "der", "da"};
  return particles.count(key) > 0;
}

// A trie over word keys: one lookup per word and candidate reading, whatever the number
// of names, so find() costs O(words) on an article.
class Trie {
 public:
  Trie() : nodes_(1) {}

  void add(Entry entry) {
    std::uint32_t node = 0;
    for (const auto& w : entry.words) {
      auto it = nodes_[node].next.find(w.key);
      if (it == nodes_[node].next.end()) {
        nodes_.emplace_back();
        it = nodes_[node].next.emplace(w.key, static_cast<std::uint32_t>(nodes_.size() - 1)).first;
      }
      node = it->second;
    }
    entry.order = static_cast<std::uint32_t>(entries_.size());
    nodes_[node].entries.push_back(static_cast<std::uint32_t>(entries_.size()));
    entries_.push_back(std::move(entry));
  }

  struct Hit {
    std::size_t first = 0;  // token range [first, last)
    std::size_t last = 0;
    std::vector<const Entry*> readings;  // best first; empty for a Not phrase
  };

  // Longest match from left to right; a Not phrase as long as the longest name wins
  // and swallows its words.
  std::vector<Hit> scan(const std::vector<Token>& tokens) const {
    std::vector<Hit> hits;
    std::vector<const Candidate*> path;
    std::vector<Found> found;
    for (std::size_t i = 0; i < tokens.size();) {
      found.clear();
      walk(tokens, i, i, 0, 0, path, found);
      if (found.empty()) {
        ++i;
        continue;
      }
      std::size_t len = 0;
      for (const auto& f : found) len = std::max(len, f.len);
      bool is_not = false;
      unsigned best_cost = std::numeric_limits<unsigned>::max();
      for (const auto& f : found) {
        if (f.len != len) continue;
        if (f.entry->type == NameType::Not) is_not = true;
        best_cost = std::min(best_cost, f.cost);
      }
      Hit hit{i, i + len, {}};
      if (!is_not) {
        for (const auto& f : found)
          if (f.len == len && f.cost == best_cost) hit.readings.push_back(f.entry);
        std::sort(hit.readings.begin(), hit.readings.end(), [](const Entry* a, const Entry* b) {
          if (priority(a->type) != priority(b->type)) return priority(a->type) < priority(b->type);
          return a->order < b->order;
        });
        hit.readings.erase(std::unique(hit.readings.begin(), hit.readings.end(),
                                       [](const Entry* a, const Entry* b) { return a->entity == b->entity && a->type == b->type; }),
                           hit.readings.end());
      }
      hits.push_back(std::move(hit));
      i += len;
    }
    return hits;
  }

  const std::vector<Entry>& entries() const { return entries_; }

 private:
  struct Node {
    std::unordered_map<std::string, std::uint32_t> next;
    std::vector<std::uint32_t> entries;
  };
  struct Found {
    const Entry* entry;
    std::size_t len;
    unsigned cost;
  };

  void walk(const std::vector<Token>& tokens, std::size_t start, std::size_t j, std::uint32_t node, unsigned cost,
            std::vector<const Candidate*>& path, std::vector<Found>& found) const {
    for (const auto& cand : tokens[j].candidates) {
      auto it = nodes_[node].next.find(cand.key);
      if (it == nodes_[node].next.end()) continue;
      path.push_back(&cand);
      const Node& child = nodes_[it->second];
      for (auto e : child.entries)
        if (accepts(entries_[e], tokens, start, path)) found.push_back({&entries_[e], path.size(), cost + cand.cost});
      if (j + 1 < tokens.size() && !child.next.empty() && !tokens[j + 1].breaks_before)
        walk(tokens, start, j + 1, it->second, cost + cand.cost, path, found);
      path.pop_back();
    }
  }

  static bool capitalized(const Token& t) { return t.casing == Casing::Title || t.casing == Casing::Upper; }

  static bool accepts(const Entry& e, const std::vector<Token>& tokens, std::size_t start,
                      const std::vector<const Candidate*>& path) {
    const std::size_t n = path.size();
    for (std::size_t k = 0; k < n; ++k) {
      const Token& t = tokens[start + k];
      const PatternWord& w = e.words[k];
      if (t.script == Script::Latin) {
        if (w.need == Need::Capitals && t.casing != Casing::Upper) return false;
        if (w.need == Need::Capital && !capitalized(t)) return false;
      }
      if (w.parens && !t.in_parens) return false;
      if (k + 1 < n ? t.possessive != w.possessive : (w.possessive && !t.possessive)) return false;
      if (path[k]->had_article ? !w.allow_article : w.need_article) return false;
    }
    if (e.type == NameType::Guarded) {
      // Jordan Peterson, Chad Smith, Michael Jordan: a capitalized neighbour joined by
      // a plain space makes it a person. A sentence's first word does not count.
      const std::size_t last = start + n;
      if (last < tokens.size() && tokens[last].spaced_before && capitalized(tokens[last])) return false;
      if (start > 0 && tokens[start].spaced_before && capitalized(tokens[start - 1]) && start - 1 > 0 &&
          !tokens[start - 1].breaks_before)
        return false;
    }
    return true;
  }

  std::vector<Node> nodes_;
  std::vector<Entry> entries_;
};

struct Row {
  std::string id, type, value;
  std::size_t line;
};

[[noreturn]] void fail(const fs::path& file, std::size_t line, const std::string& what) {
  throw std::runtime_error(file.string() + ":" + std::to_string(line) + ": " + what);
}

bool valid_utf8(std::string_view s) {
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    if (c < 0) return false;
  }
  return true;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// Rows of `id <TAB> type <TAB> value`; blank lines and lines starting with # skipped.
std::vector<Row> read_rows(const fs::path& file, bool required = true) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    if (!required) return {};
    throw std::runtime_error(file.string() + ": cannot open");
  }
  std::vector<Row> rows;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!valid_utf8(line)) fail(file, n, "not valid UTF-8");
    std::vector<std::string> fields;
    std::size_t pos = 0;
    for (;;) {
      auto tab = line.find('\t', pos);
      fields.push_back(trim(std::string_view(line).substr(pos, tab == std::string::npos ? std::string::npos : tab - pos)));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    if (fields.size() != 3)
      fail(file, n, "expected 3 tab-separated fields (id, type, value), found " + std::to_string(fields.size()));
    for (std::size_t f = 0; f < 3; ++f)
      if (fields[f].empty()) fail(file, n, "field " + std::to_string(f + 1) + " is empty");
    rows.push_back({fields[0], fields[1], fields[2], n});
  }
  return rows;
}

bool is_country_code(std::string_view s) {
  return s.size() == 2 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_slug(std::string_view s) {
  return !s.empty() && s.front() != '-' && s.back() != '-' &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::size_t kind_index(Kind k) { return static_cast<std::size_t>(k); }

bool ends_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }

constexpr std::string_view kYeh = "\xD9\x8A";  // ي

bool valid_date(std::string_view d) {
  static constexpr std::string_view shapes[] = {"dddd", "dddd-dd", "dddd-dd-dd"};
  for (auto shape : shapes) {
    if (d.size() != shape.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < d.size() && ok; ++i)
      ok = shape[i] == 'd' ? (d[i] >= '0' && d[i] <= '9') : d[i] == shape[i];
    if (ok) return true;
  }
  return false;
}

// The first and last day a partial date can mean, as comparable strings.
std::string date_low(std::string_view d) {
  if (d.empty()) return "0000-00-00";
  return std::string(d) + std::string("0000-00-00").substr(d.size());
}
std::string date_high(std::string_view d) {
  if (d.empty()) return "9999-99-99";
  return std::string(d) + std::string("9999-99-99").substr(d.size());
}

}  // namespace

struct Gazetteer::Impl {
  std::uint64_t data_hash = 0;
  std::deque<Entity> entities[3];  // deque: Mention and the maps hold pointers
  std::unordered_map<std::string, const Entity*> ids[3];
  Trie names;    // countries and officials
  Trie sources;
  // resolve(): the words of a name as one string (titles dropped) → entity.
  std::unordered_map<std::string, const Entity*> lookup[3];
  // resolve_name(): the same without aliases (alpha-3 codes, Mehr).
  std::unordered_map<std::string, const Entity*> name_lookup[3];
  // suggest(): every name as written, by kind.
  std::vector<std::pair<std::string, const Entity*>> spellings[3];
  // names_of(): spellings per entity, in data order.
  std::unordered_map<const Entity*, std::vector<std::string>> spellings_of;
  // Titles (Sheikh, Dr., آية الله) as sequences of word keys.
  std::vector<std::vector<std::string>> titles;

  Entity& entity(Kind kind, const std::string& id) {
    auto it = ids[kind_index(kind)].find(id);
    if (it != ids[kind_index(kind)].end()) return const_cast<Entity&>(*it->second);
    auto& e = entities[kind_index(kind)].emplace_back();
    e.id = id;
    e.kind = kind;
    ids[kind_index(kind)].emplace(id, &e);
    return e;
  }

  std::vector<std::string> keys_of(std::string_view name) const {
    std::vector<std::string> keys;
    for (const auto& t : detail::tokenize(name))
      if (!t.candidates.empty()) keys.push_back(t.candidates.front().key);
    return keys;
  }

  // How many leading words of `keys` form titles; at least one word is left.
  std::size_t title_prefix(const std::vector<std::string>& keys) const {
    std::size_t at = 0;
    for (bool again = true; again;) {
      again = false;
      for (const auto& t : titles) {
        if (t.size() < keys.size() - at &&
            std::equal(t.begin(), t.end(), keys.begin() + static_cast<std::ptrdiff_t>(at))) {
          at += t.size();
          again = true;
          break;
        }
      }
    }
    return at;
  }

  std::string lookup_key(std::string_view name) const {
    auto keys = keys_of(name);
    const std::size_t skip = title_prefix(keys);
    std::string out;
    for (std::size_t i = skip; i < keys.size(); ++i) {
      if (!out.empty()) out += ' ';
      out += keys[i];
    }
    return out;
  }

  static bool other_given_name_before(const std::vector<Token>& tokens, std::size_t at) {
    if (at < 2 || !tokens[at].spaced_before || tokens[at].script != Script::Latin) return false;
    const Token& prev = tokens[at - 1];
    // The first word of a sentence is capitalized anyway.
    return prev.script == Script::Latin && (prev.casing == Casing::Title || prev.casing == Casing::Upper) &&
           !prev.breaks_before;
  }

  static bool unknown_name_follows(const std::vector<Token>& tokens, std::size_t at) {
    return at < tokens.size() && tokens[at].spaced_before && tokens[at].script == Script::Latin &&
           (tokens[at].casing == Casing::Title || tokens[at].casing == Casing::Upper);
  }

  // Whether the words just before token `at` are a title ("President", "الرئيس").
  bool titled(const std::vector<Token>& tokens, std::size_t at) const {
    for (const auto& t : titles) {
      if (t.size() > at) continue;
      bool ok = true;
      for (std::size_t k = 0; k < t.size() && ok; ++k) {
        const auto& cands = tokens[at - t.size() + k].candidates;
        ok = std::any_of(cands.begin(), cands.end(), [&](const Candidate& c) { return c.key == t[k]; });
      }
      if (ok) return true;
    }
    return false;
  }

  // `persian`: a name in Persian, which has no article, so that الروماني ("the Roman")
  // is not Persian رومانی (Romania).
  void add_name(Trie& trie, const Entity& e, NameType type, const std::string& name, const fs::path& file,
                std::size_t line, bool persian = false) {
    Entry entry;
    entry.entity = &e;
    entry.type = type;
    for (const auto& t : detail::tokenize(name)) {
      if (t.candidates.empty()) fail(file, line, "a name word without letters in \"" + name + "\"");
      PatternWord w;
      const Candidate& c = t.candidates.front();
      w.key = c.key;
      if (t.script == Script::Latin && !is_particle(c.key)) {
        if (t.casing == Casing::Upper) w.need = Need::Capitals;
        else if (t.casing == Casing::Title) w.need = Need::Capital;
      }
      w.parens = t.in_parens;
      w.possessive = t.possessive;
      // Person and outlet names never take the article: الرئيسي is "the main", not Raisi.
      w.allow_article = c.had_article || (e.kind == Kind::Country && !persian);
      w.need_article = c.had_article;
      entry.words.push_back(std::move(w));
    }
    if (entry.words.empty()) fail(file, line, "no words in name \"" + name + "\"");
    if (type == NameType::Name || type == NameType::Short || type == NameType::Guarded || type == NameType::Demonym) {
      auto& list = spellings_of[&e];
      if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
    }
    // The first capitalized word is what separates a name from a common word (China,
    // china); later ones may be written in lower case ("Fars news agency").
    bool seen_capital = false;
    for (auto& w : entry.words) {
      if (w.need != Need::Capital) continue;
      if (seen_capital) w.need = Need::None;
      seen_capital = true;
    }
    trie.add(std::move(entry));
  }

  void add_lookup(const Entity& e, const std::string& name, bool alias = false) {
    const std::string key = lookup_key(name);
    if (key.empty()) return;
    lookup[kind_index(e.kind)].emplace(key, &e);
    if (!alias) name_lookup[kind_index(e.kind)].emplace(key, &e);
    spellings[kind_index(e.kind)].emplace_back(name, &e);
  }

  const Entity* resolve_in(const std::unordered_map<std::string, const Entity*>& table,
                           const std::string& trimmed) const;
  void load_countries(const fs::path& file);
  void load_officials(const fs::path& file);
  void load_sources(const fs::path& file);
  void load_titles(const fs::path& file);
  std::vector<Mention> mentions(std::string_view text, const Trie& trie, bool places) const;
};

namespace {

// Regular Arabic nisba and English plural forms of a demonym, so that the data lists
// each adjective once: القطري → القطرية, القطريون, القطريين; Qatari → Qataris.
std::vector<std::string> demonym_forms(const std::string& name) {
  std::vector<std::string> forms{name};
  const auto tokens = detail::tokenize(name);
  if (tokens.size() != 1) return forms;
  if (tokens[0].script == Script::Arabic) {
    if (ends_with(text::normalize_folded(name), kYeh))
      for (const char* suffix : {"\xD8\xA9", "\xD9\x88\xD9\x86", "\xD9\x8A\xD9\x86"})  // ة ون ين
        forms.push_back(name + suffix);
  } else if (tokens[0].script == Script::Latin && name.back() != 's') {
    forms.push_back(name + "s");
  }
  return forms;
}

}  // namespace

void Gazetteer::Impl::load_titles(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  for (std::size_t n = 1; in && std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (!valid_utf8(line)) fail(file, n, "not valid UTF-8");
    auto keys = keys_of(line);
    if (keys.empty()) fail(file, n, "a title without words");
    titles.push_back(std::move(keys));
  }
  // Longest first, so that "crown prince" is taken before "prince".
  std::stable_sort(titles.begin(), titles.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

void Gazetteer::Impl::load_countries(const fs::path& file) {
  static const std::map<std::string, NameType, std::less<>> types = {
      {"en", NameType::Name},      {"ar", NameType::Name},        {"fa", NameType::Name},
      {"name", NameType::Name},    {"guarded", NameType::Guarded}, {"demonym", NameType::Demonym},
      {"capital", NameType::Capital}, {"place", NameType::Place},  {"not", NameType::Not}};
  const auto rows = read_rows(file);
  // A name listed as guarded is guarded even where another row (the ICU display name
  // "Jordan") lists it plainly.
  std::set<std::pair<std::string, std::string>> guarded;
  for (const auto& row : rows)
    if (row.type == "guarded") guarded.emplace(row.id, lookup_key(row.value));
  for (const auto& row : rows) {
    if (!is_country_code(row.id)) fail(file, row.line, "\"" + row.id + "\" is not an ISO 3166 alpha-2 code (two capitals)");
    if (row.type == "alias") {
      add_lookup(entity(Kind::Country, row.id), row.value, /*alias=*/true);
      continue;
    }
    auto t = types.find(row.type);
    if (t == types.end())
      fail(file, row.line,
           "unknown type \"" + row.type + "\" (en, ar, fa, name, guarded, demonym, capital, place, not, alias)");
    Entity& e = entity(Kind::Country, row.id);
    if (row.type == "en" && e.name_en.empty()) e.name_en = row.value;
    if (row.type == "ar" && e.name_ar.empty()) e.name_ar = row.value;
    if (row.type == "fa" && e.name_fa.empty()) e.name_fa = row.value;
    if (t->second == NameType::Demonym) {
      for (const auto& form : demonym_forms(row.value)) {
        add_name(names, e, NameType::Demonym, form, file, row.line);
        add_lookup(e, form);
      }
      continue;
    }
    if (t->second != NameType::Name || !guarded.count({row.id, lookup_key(row.value)}))
      add_name(names, e, t->second, row.value, file, row.line, row.type == "fa");
    if (t->second == NameType::Name || t->second == NameType::Guarded) add_lookup(e, row.value);
  }
  for (const auto& e : entities[kind_index(Kind::Country)])
    if (e.name_en.empty()) throw std::runtime_error(file.string() + ": country " + e.id + " has no \"en\" row");
}

void Gazetteer::Impl::load_officials(const fs::path& file) {
  std::map<std::string, std::size_t> first_line;
  std::set<std::string> has_country;
  std::vector<std::pair<const Entity*, std::string>> surnames;
  for (const auto& row : read_rows(file)) {
    if (!is_slug(row.id)) fail(file, row.line, "\"" + row.id + "\" is not a slug (lowercase letters, digits, hyphens)");
    Entity& e = entity(Kind::Official, row.id);
    first_line.emplace(row.id, row.line);
    if (row.type == "country") {
      // "-": an international official (UN, IAEA), who serves no state.
      if (row.value != "-" && !ids[kind_index(Kind::Country)].count(row.value))
        fail(file, row.line, "unknown country code \"" + row.value + "\" (not in countries.tsv)");
      e.country = row.value == "-" ? "" : row.value;
      has_country.insert(e.id);
    } else if (row.type == "role") {
      e.role = row.value;
    } else if (row.type == "from" || row.type == "to") {
      if (!valid_date(row.value)) fail(file, row.line, "\"" + row.value + "\" is not a date (yyyy, yyyy-mm or yyyy-mm-dd)");
      (row.type == "from" ? e.from : e.to) = row.value;
    } else if (row.type == "office") {
      std::vector<std::string> parts;
      for (std::size_t pos = 0;;) {
        const auto bar = row.value.find('|', pos);
        parts.push_back(trim(std::string_view(row.value).substr(pos, bar == std::string::npos ? bar : bar - pos)));
        if (bar == std::string::npos) break;
        pos = bar + 1;
      }
      if (parts.size() < 2 || parts.size() > 3 || parts[0].empty())
        fail(file, row.line, "an office is \"TITLE | FROM | TO\"");
      parts.resize(3);
      for (std::size_t i = 1; i < 3; ++i)
        if (!parts[i].empty() && !valid_date(parts[i]))
          fail(file, row.line, "\"" + parts[i] + "\" is not a date (yyyy, yyyy-mm or yyyy-mm-dd)");
      e.offices.push_back({parts[0], parts[1], parts[2]});
    } else if (row.type == "en" || row.type == "ar" || row.type == "fa" || row.type == "full" || row.type == "short") {
      if (row.type == "en" && e.name_en.empty()) e.name_en = row.value;
      if (row.type == "ar" && e.name_ar.empty()) e.name_ar = row.value;
      if (row.type == "fa" && e.name_fa.empty()) e.name_fa = row.value;
      add_name(names, e, row.type == "short" ? NameType::Short : NameType::Name, row.value, file, row.line);
      add_lookup(e, row.value);
    } else if (row.type == "surname") {
      add_name(names, e, NameType::Surname, row.value, file, row.line);
      surnames.emplace_back(&e, row.value);
    } else if (row.type == "alias") {
      add_lookup(e, row.value, /*alias=*/true);
    } else {
      fail(file, row.line,
           "unknown type \"" + row.type + "\" (country, role, from, to, en, ar, fa, full, short, surname, alias)");
    }
  }
  for (auto& e : entities[kind_index(Kind::Official)]) {
    if (!e.role.empty()) e.offices.insert(e.offices.begin(), {e.role, e.from, e.to});
    if (!has_country.count(e.id)) fail(file, first_line[e.id], "official " + e.id + " has no \"country\" row");
    if (e.name_en.empty()) fail(file, first_line[e.id], "official " + e.id + " has no \"en\" row");
  }
  // A bare surname resolves (--official Bagheri) only when one official bears it.
  std::map<std::string, std::set<const Entity*>> by_key;
  for (const auto& [e, name] : surnames) by_key[lookup_key(name)].insert(e);
  for (const auto& [e, name] : surnames) {
    if (by_key[lookup_key(name)].size() == 1) add_lookup(*e, name);
    else spellings[kind_index(Kind::Official)].emplace_back(name, e);  // still a suggestion
  }
}

void Gazetteer::Impl::load_sources(const fs::path& file) {
  for (const auto& row : read_rows(file)) {
    if (!is_slug(row.id)) fail(file, row.line, "\"" + row.id + "\" is not a slug (lowercase letters, digits, hyphens)");
    Entity& e = entity(Kind::Source, row.id);
    if (row.type == "alias") {
      add_lookup(e, row.value, /*alias=*/true);
      continue;
    }
    NameType type;
    if (row.type == "en" || row.type == "ar" || row.type == "fa" || row.type == "name") type = NameType::Name;
    else if (row.type == "credit") type = NameType::Credit;
    else if (row.type == "not") type = NameType::Not;
    else fail(file, row.line, "unknown type \"" + row.type + "\" (en, ar, fa, name, credit, not, alias)");
    if (row.type == "en" && e.name_en.empty()) e.name_en = row.value;
    if (row.type == "ar" && e.name_ar.empty()) e.name_ar = row.value;
    if (row.type == "fa" && e.name_fa.empty()) e.name_fa = row.value;
    add_name(sources, e, type, row.value, file, row.line);
    // A dateline parser hands over "MNA" or "IP" from "Tehran (IP)".
    if (type != NameType::Not) add_lookup(e, row.value);
  }
}

std::vector<Mention> Gazetteer::Impl::mentions(std::string_view text, const Trie& trie, bool places) const {
  const auto tokens = detail::tokenize(text);
  auto hits = trie.scan(tokens);
  // Officials named in full (or by a distinctive short form, or title + surname)
  // anywhere in the text: their bare surnames count. Anywhere rather than "before":
  // a headline often says "Bagheri" before the body says "Ali Bagheri Kani".
  std::vector<const Entry*> chosen(hits.size(), nullptr);
  std::map<const Entity*, std::vector<std::size_t>> named;  // official → token indexes of full namings
  for (std::size_t h = 0; h < hits.size(); ++h) {
    const auto& readings = hits[h].readings;
    // "Yeganeh Salehi", "Heydar Aliyev", "Hunter Biden": a short form right after a
    // first name we do not know is someone else of that name. A title is no first name.
    const bool other_person = other_given_name_before(tokens, hits[h].first) && !titled(tokens, hits[h].first);
    auto plain = std::find_if(readings.begin(), readings.end(), [&](const Entry* r) {
      return r->type != NameType::Surname && !(r->type == NameType::Short && other_person);
    });
    if (plain != readings.end()) {
      chosen[h] = *plain;
    } else if (!readings.empty() && titled(tokens, hits[h].first) && !unknown_name_follows(tokens, hits[h].last) &&
               std::all_of(readings.begin(), readings.end(),
                           [&](const Entry* r) { return r->entity == readings.front()->entity; })) {
      // "President Rouhani", "الرئيس روحاني". Not when the word has another reading
      // ("الرئيس السوداني" is "the Sudanese president"; "President Bush" is which
      // Bush?), nor when more of a name we do not know follows ("General Qassem
      // Soleymani" is not Naim Qassem).
      chosen[h] = readings.front();
    }
    if (chosen[h] && chosen[h]->entity->kind == Kind::Official) named[chosen[h]->entity].push_back(hits[h].first);
  }
  for (std::size_t h = 0; h < hits.size(); ++h) {
    // Two Larijanis, two Bushes: the one named last before this point, else the one
    // named first after it.
    const Entry* best = nullptr;
    bool best_before = false;
    std::size_t best_at = 0;
    for (const Entry* r : hits[h].readings) {
      if (r->type != NameType::Surname) continue;
      auto it = named.find(r->entity);
      if (it == named.end()) continue;
      const auto& at = it->second;  // ascending
      const auto after = std::upper_bound(at.begin(), at.end(), hits[h].first);
      const bool before = after != at.begin();
      const std::size_t pos = before ? *(after - 1) : *after;
      if (!best || (before && (!best_before || pos > best_at)) || (!before && !best_before && pos < best_at)) {
        best = r;
        best_before = before;
        best_at = pos;
      }
    }
    if (best) chosen[h] = best;
  }
  std::vector<Mention> out;
  for (std::size_t h = 0; h < hits.size(); ++h) {
    const Entry* r = chosen[h];
    if (!r) continue;
    if ((r->type == NameType::Capital || r->type == NameType::Place) && !places) continue;
    const auto begin = tokens[hits[h].first].begin;
    const auto end = tokens[hits[h].last - 1].end;
    out.push_back({r->entity, begin, end, std::string(text.substr(begin, end - begin)), match_kind(r->type)});
  }
  return out;
}

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

namespace {
std::uint64_t hash_rows(const fs::path& file, std::uint64_t h) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  h = util::fnv1a64(file.filename().string() + '\n', h);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    h = util::fnv1a64(line + '\n', h);
  }
  return h;
}
}  // namespace

std::uint64_t Gazetteer::data_hash() const { return impl_->data_hash; }

Gazetteer Gazetteer::load(const fs::path& data_dir) {
  Gazetteer g;
  std::uint64_t h = util::fnv1a64("iran.gazetteer.data");
  for (const char* name : {"titles.tsv", "countries.tsv", "officials.tsv", "sources.tsv"}) h = hash_rows(data_dir / name, h);
  g.impl_->data_hash = h;
  // Titles first: the lookup keys of names drop them.
  g.impl_->load_titles(data_dir / "titles.tsv");
  g.impl_->load_countries(data_dir / "countries.tsv");
  g.impl_->load_officials(data_dir / "officials.tsv");
  g.impl_->load_sources(data_dir / "sources.tsv");
  return g;
}

Gazetteer Gazetteer::load_default() { return load(find_data_dir()); }

std::vector<Mention> Gazetteer::find(std::string_view text) const { return find(text, FindOptions{}); }

std::vector<Mention> Gazetteer::find(std::string_view text, const FindOptions& options) const {
  return impl_->mentions(text, impl_->names, options.places);
}

std::vector<Mention> Gazetteer::find_sources(std::string_view text) const {
  return impl_->mentions(text, impl_->sources, false);
}

const Entity* Gazetteer::detect_source(std::string_view text) const {
  const auto found = find_sources(text);
  for (const auto& m : found)
    if (m.kind == MatchKind::Credit) return m.entity;
  std::map<const Entity*, int> counts;
  const Entity* best = nullptr;
  for (const auto& m : found)
    if (++counts[m.entity] > (best ? counts[best] : 0)) best = m.entity;
  return best;
}

std::vector<const Entity*> Gazetteer::holders(std::string_view role, std::string_view from,
                                              std::string_view to) const {
  for (auto d : {from, to})
    if (!d.empty() && !valid_date(d))
      throw std::invalid_argument("\"" + std::string(d) + "\" is not a date (yyyy, yyyy-mm or yyyy-mm-dd)");
  // The country is whatever the role names (of Iran, Iran's, Iranian); the rest is
  // the title. Words joined by "of"/"the" are compared without them.
  std::set<std::string> countries;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& m : find(role))
    if (m.entity->kind == Kind::Country) {
      countries.insert(m.entity->id);
      spans.emplace_back(m.begin, m.end);
    }
  if (countries.size() > 1) return {};
  auto title_of = [](const std::vector<Token>& tokens, const std::vector<std::pair<std::size_t, std::size_t>>& skip) {
    std::string out;
    for (const auto& t : tokens) {
      if (t.candidates.empty()) continue;
      if (std::any_of(skip.begin(), skip.end(), [&](const auto& s) { return t.begin >= s.first && t.end <= s.second; }))
        continue;
      const std::string& k = t.candidates.front().key;
      if (k == "of" || k == "the") continue;
      if (!out.empty()) out += ' ';
      out += k;
    }
    return out;
  };
  const std::string wanted = title_of(detail::tokenize(role), spans);
  if (wanted.empty()) return {};
  const std::string q_low = date_low(from), q_high = date_high(to);
  std::vector<std::pair<std::string, const Entity*>> found;
  for (const auto& e : impl_->entities[kind_index(Kind::Official)]) {
    if (!countries.empty() && e.country != *countries.begin()) continue;
    for (const auto& office : e.offices) {
      const std::string title = title_of(detail::tokenize(office.title), {});
      // "Deputy Prime Minister and Foreign Minister" holds both; "Acting Foreign
      // Minister" holds the office.
      std::vector<std::string> alternatives{title};
      for (std::size_t pos = 0, at; (at = title.find(" and ", pos)) != std::string::npos; pos = at + 5) {
        alternatives.push_back(title.substr(pos, at - pos));
        if (title.find(" and ", at + 5) == std::string::npos) alternatives.push_back(title.substr(at + 5));
      }
      bool match = false;
      for (const auto& a : alternatives) match = match || a == wanted || a == "acting " + wanted;
      if (!match || date_low(office.from) > q_high || q_low > date_high(office.to)) continue;
      found.emplace_back(date_low(office.from), &e);
      break;
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Entity*> out;
  for (const auto& f : found) out.push_back(f.second);
  return out;
}

std::vector<std::string> Gazetteer::names_of(const Entity& entity) const {
  std::vector<std::string> out;
  for (const std::string* display : {&entity.name_en, &entity.name_ar, &entity.name_fa})
    if (!display->empty() && std::find(out.begin(), out.end(), *display) == out.end()) out.push_back(*display);
  auto it = impl_->spellings_of.find(&entity);
  if (it != impl_->spellings_of.end())
    for (const auto& n : it->second)
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  return out;
}

const Entity* Gazetteer::by_id(Kind kind, std::string_view id) const {
  const auto& ids = impl_->ids[kind_index(kind)];
  auto it = ids.find(kind == Kind::Country ? ascii_upper(id) : ascii_lower(id));
  return it == ids.end() ? nullptr : it->second;
}

const Entity* Gazetteer::resolve(Kind kind, std::string_view name) const {
  const std::string trimmed = trim(name);
  if (trimmed.empty()) return nullptr;
  if (const Entity* e = by_id(kind, trimmed)) return e;
  return impl_->resolve_in(impl_->lookup[kind_index(kind)], trimmed);
}

const Entity* Gazetteer::resolve_name(Kind kind, std::string_view name) const {
  const std::string trimmed = trim(name);
  if (trimmed.empty()) return nullptr;
  return impl_->resolve_in(impl_->name_lookup[kind_index(kind)], trimmed);
}

const Entity* Gazetteer::Impl::resolve_in(const std::unordered_map<std::string, const Entity*>& table,
                                          const std::string& trimmed) const {
  auto it = table.find(lookup_key(trimmed));
  if (it != table.end()) return it->second;
  // A clitic on the first word of an Arabic name (بقطر, والقطري).
  const auto tokens = detail::tokenize(trimmed);
  if (!tokens.empty() && tokens[0].script == Script::Arabic) {
    std::string rest;
    for (std::size_t i = 1; i < tokens.size(); ++i)
      if (!tokens[i].candidates.empty()) rest += ' ' + tokens[i].candidates.front().key;
    for (const auto& c : tokens[0].candidates) {
      it = table.find(c.key + rest);
      if (it != table.end()) return it->second;
    }
  }
  return nullptr;
}

std::vector<std::string> Gazetteer::suggest(Kind kind, std::string_view name, std::size_t count) const {
  const std::string key = impl_->lookup_key(name);
  if (key.empty() || count == 0) return {};
  // Per entity, its closest spelling; entities ordered by that distance.
  std::map<const Entity*, std::pair<std::size_t, const std::string*>> best;
  for (const auto& [spelling, e] : impl_->spellings[kind_index(kind)]) {
    const std::size_t d = detail::edit_distance(key, impl_->lookup_key(spelling));
    auto it = best.find(e);
    if (it == best.end() || d < it->second.first) best[e] = {d, &spelling};
  }
  std::vector<std::pair<std::size_t, const std::string*>> ranked;
  const std::size_t limit = std::max<std::size_t>(2, key.size() / 2);
  for (const auto& [e, v] : best)
    if (v.first <= limit) ranked.push_back(v);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : *a.second < *b.second;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && out.size() < count; ++i) out.push_back(*ranked[i].second);
  return out;
}

std::vector<const Entity*> Gazetteer::all(Kind kind) const {
  std::vector<const Entity*> out;
  for (const auto& e : impl_->entities[kind_index(kind)]) out.push_back(&e);
  return out;
}

fs::path find_data_dir() {
  auto has_data = [](const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "countries.tsv", ec);
  };
  if (const char* env = std::getenv("IRANIDX_DATA_DIR"); env && *env) {
    // An explicit setting that is wrong is an error, not a reason to guess elsewhere.
    if (has_data(env)) return env;
    throw std::runtime_error(std::string("IRANIDX_DATA_DIR=") + env + " has no countries.tsv");
  }
  std::vector<fs::path> tried;
#ifdef IRAN_DATA_SUBDIR
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path dir = (exe.parent_path() / ".." / IRAN_DATA_SUBDIR).lexically_normal();
    if (has_data(dir)) return dir;
    tried.push_back(dir);
  }
#endif
#ifdef IRAN_SOURCE_DATA_DIR
  if (has_data(IRAN_SOURCE_DATA_DIR)) return IRAN_SOURCE_DATA_DIR;
  tried.emplace_back(IRAN_SOURCE_DATA_DIR);
#endif
  std::string where;
  for (const auto& p : tried) where += (where.empty() ? "" : ", ") + p.string();
  throw std::runtime_error("gazetteer data (countries.tsv) not found; set IRANIDX_DATA_DIR or install the data; looked in: " +
                           (where.empty() ? std::string("(nowhere)") : where));
}

}  // namespace iran::entities
