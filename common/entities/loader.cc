// Loading the data files into the gazetteer: entities, the name tries and the lookup
// tables. The formats are documented in each file's header (data/*.tsv).
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "entities/gazetteer_impl.h"
#include "util/strings.h"
#include "text/normalizer.h"

namespace iran::entities {
namespace fs = std::filesystem;
using namespace detail;

Entity& Gazetteer::Impl::entity(Kind kind, const std::string& id) {
  auto it = ids[kind_index(kind)].find(id);
  if (it != ids[kind_index(kind)].end()) return const_cast<Entity&>(*it->second);
  auto& e = entities[kind_index(kind)].emplace_back();
  e.id = id;
  e.kind = kind;
  ids[kind_index(kind)].emplace(id, &e);
  return e;
}


void Gazetteer::Impl::add_name(Trie& trie, const Entity& e, NameType type, const std::string& name,
                               const fs::path& file, std::size_t line, bool persian) {
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

void Gazetteer::Impl::add_lookup(const Entity& e, const std::string& name, bool alias) {
  const std::string key = lookup_key(name);
  if (key.empty()) return;
  lookup[kind_index(e.kind)].emplace(key, &e);
  if (!alias) name_lookup[kind_index(e.kind)].emplace(key, &e);
  spellings[kind_index(e.kind)].emplace_back(name, &e);
}


namespace {

constexpr std::string_view kYeh = "\xD9\x8A";  // ي

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

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

void Gazetteer::Impl::note_row(Kind kind, const Row& row) {
  auto& print = prints[kind_index(kind)][row.id];
  if (print.id.empty()) {
    print.kind = kind;
    print.id = row.id;
    print.hash = util::fnv1a64("iran.gazetteer.entry");
  }
  print.hash = util::fnv1a64(row.type + '\t' + row.value + '\n', print.hash);
  // Rows that say something about the entry but name nothing in text.
  if (kind == Kind::Official &&
      (row.type == "country" || row.type == "role" || row.type == "from" || row.type == "to" || row.type == "office"))
    return;
  auto add = [&](const std::string& name) {
    if (std::find(print.names.begin(), print.names.end(), name) == print.names.end()) print.names.push_back(name);
  };
  if (kind == Kind::Country && row.type == "demonym")
    for (const auto& form : demonym_forms(row.value)) add(form);
  else
    add(row.value);
}

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

void Gazetteer::Impl::load_countries(const fs::path& file) { add_country_rows(file, read_rows(file)); }

void Gazetteer::Impl::add_country_rows(const fs::path& file, const std::vector<Row>& rows) {
  static const std::map<std::string, NameType, std::less<>> types = {
      {"en", NameType::Name},      {"ar", NameType::Name},        {"fa", NameType::Name},
      {"name", NameType::Name},    {"guarded", NameType::Guarded}, {"demonym", NameType::Demonym},
      {"capital", NameType::Capital}, {"place", NameType::Place},  {"not", NameType::Not}};
  // A name listed as guarded is guarded even where another row (the ICU display name
  // "Jordan") lists it plainly.
  std::set<std::pair<std::string, std::string>> guarded;
  for (const auto& row : rows)
    if (row.type == "guarded") guarded.emplace(row.id, lookup_key(row.value));
  for (const auto& row : rows) {
    if (!is_country_code(row.id)) fail(file, row.line, "\"" + row.id + "\" is not an ISO 3166 alpha-2 code (two capitals)");
    note_row(Kind::Country, row);
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

void Gazetteer::Impl::load_officials(const fs::path& file) { add_official_rows(file, read_rows(file)); }

void Gazetteer::Impl::add_official_rows(const fs::path& file, const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    if (!is_slug(row.id)) fail(file, row.line, "\"" + row.id + "\" is not a slug (lowercase letters, digits, hyphens)");
    note_row(Kind::Official, row);
    Entity& e = entity(Kind::Official, row.id);
    official_first_row.emplace(row.id, std::make_pair(file, row.line));
    official_has_country.emplace(row.id, false);
    if (row.type == "country") {
      // "-": an international official (UN, IAEA), who serves no state.
      if (row.value != "-" && !ids[kind_index(Kind::Country)].count(row.value))
        fail(file, row.line, "unknown country code \"" + row.value + "\" (not in countries.tsv)");
      e.country = row.value == "-" ? "" : row.value;
      official_has_country[e.id] = true;
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
      surname_rows.emplace_back(&e, row.value);
    } else if (row.type == "alias") {
      add_lookup(e, row.value, /*alias=*/true);
    } else {
      fail(file, row.line,
           "unknown type \"" + row.type + "\" (country, role, from, to, en, ar, fa, full, short, surname, alias)");
    }
  }
}

void Gazetteer::Impl::finish_officials() {
  for (auto& e : entities[kind_index(Kind::Official)]) {
    if (!e.role.empty()) e.offices.insert(e.offices.begin(), {e.role, e.from, e.to});
    const auto& [file, line] = official_first_row.at(e.id);
    if (!official_has_country[e.id]) fail(file, line, "official " + e.id + " has no \"country\" row");
    // A local file may know an official only in Arabic script (what `iranidx officials
    // --discovered` prints for an Arabic article): that name is the display name then.
    if (e.name_en.empty()) e.name_en = !e.name_ar.empty() ? e.name_ar : e.name_fa;
    if (e.name_en.empty()) fail(file, line, "official " + e.id + " has no \"en\", \"ar\" or \"fa\" row");
  }
  // A bare surname resolves (--official Bagheri) only when one official bears it.
  std::map<std::string, std::set<const Entity*>> by_key;
  for (const auto& [e, name] : surname_rows) by_key[lookup_key(name)].insert(e);
  for (const auto& [e, name] : surname_rows) {
    if (by_key[lookup_key(name)].size() == 1) add_lookup(*e, name);
    else spellings[kind_index(Kind::Official)].emplace_back(name, e);  // still a suggestion
  }
}

void Gazetteer::Impl::load_sources(const fs::path& file) { add_source_rows(file, read_rows(file)); }

void Gazetteer::Impl::add_source_rows(const fs::path& file, const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    if (!is_slug(row.id)) fail(file, row.line, "\"" + row.id + "\" is not a slug (lowercase letters, digits, hyphens)");
    note_row(Kind::Source, row);
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

void Gazetteer::Impl::load_local(const fs::path& file) {
  // Rows before any section line are officials: what `iranidx officials --discovered`
  // prints can be pasted at the top of the file.
  auto sections = read_sections(file, "officials");
  // Countries first: officials name them.
  if (auto it = sections.find("countries"); it != sections.end()) add_country_rows(file, it->second);
  if (auto it = sections.find("officials"); it != sections.end()) add_official_rows(file, it->second);
  if (auto it = sections.find("sources"); it != sections.end()) add_source_rows(file, it->second);
}

namespace {
// Every data row (comments and blank lines left out), so that any edit that can change
// what is extracted changes the index's gazetteer fingerprint (index/synonyms.h).
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
std::uint64_t Gazetteer::shared_hash() const { return impl_->shared_hash; }

std::vector<EntryPrint> Gazetteer::entry_prints() const {
  impl_->build_prints();
  std::vector<EntryPrint> out;
  for (const auto& by_id : impl_->prints)
    for (const auto& [id, print] : by_id) out.push_back(print);
  return out;
}

std::vector<std::string> Gazetteer::given_names() const {
  impl_->build_matcher();
  std::vector<std::string> out(impl_->roles[1].given.begin(), impl_->roles[1].given.end());
  std::sort(out.begin(), out.end());  // a hash set's order is no order
  return out;
}

Gazetteer Gazetteer::load(const fs::path& data_dir) { return load(data_dir, {}); }

Gazetteer Gazetteer::load(const fs::path& data_dir, const std::vector<fs::path>& local_files) {
  Gazetteer g;
  std::uint64_t h = util::fnv1a64("iran.gazetteer.data");
  for (const char* name : {"titles.tsv", "countries.tsv", "officials.tsv", "sources.tsv", "roles.tsv"})
    h = hash_rows(data_dir / name, h);
  for (const auto& file : local_files) h = hash_rows(file, h);
  g.impl_->data_hash = h;
  g.impl_->shared_hash = hash_rows(data_dir / "roles.tsv", hash_rows(data_dir / "titles.tsv", util::fnv1a64("iran.gazetteer.shared")));
  // Titles first: the lookup keys of names drop them.
  g.impl_->load_titles(data_dir / "titles.tsv");
  g.impl_->load_countries(data_dir / "countries.tsv");
  g.impl_->load_officials(data_dir / "officials.tsv");
  g.impl_->load_sources(data_dir / "sources.tsv");
  for (const auto& file : local_files) g.impl_->load_local(file);
  g.impl_->finish_officials();
  g.impl_->load_roles(data_dir / "roles.tsv");
  g.impl_->index_official_keys();
  return g;
}

}  // namespace iran::entities
