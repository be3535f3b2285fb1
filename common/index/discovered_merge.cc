#include "index/discovered_merge.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "entities/discovery.h"
#include "entities/name_key.h"
#include "text/utf8.h"
#include "util/strings.h"

namespace iran::index {
namespace {

// A whole-name key shorter than this says too little to join two spellings (Ali Reza
// is l-r-z): marks (the opening vowel a, the closing i) are not consonants.
constexpr std::size_t kMinConsonants = 4;

std::size_t consonants(std::string_view key) {
  return static_cast<std::size_t>(std::count_if(key.begin(), key.end(), [](char c) { return c != 'a' && c != 'i'; }));
}

// The keys a name may be joined by: whole-name keys with every word's marks, long enough;
// none for a name of fewer than two words with a key.
std::vector<std::string> joining_keys(const NameJoinKeys& of) {
  if (of.keyed_words < 2) return {};
  std::vector<std::string> keys;
  for (const auto& k : of.variants)
    if (consonants(k) >= kMinConsonants) keys.push_back(k);
  return keys;
}
std::vector<std::string> joining_keys(std::string_view name) { return joining_keys(name_join_keys(name)); }

bool share_key(const std::vector<std::string>& x, const std::vector<std::string>& y) {
  return std::any_of(x.begin(), x.end(), [&](const std::string& k) { return std::find(y.begin(), y.end(), k) != y.end(); });
}

// same_person over keys computed once per name.
bool same_person(const DiscoveredInfo& a, const std::vector<std::string>& ka, const DiscoveredInfo& b,
                 const std::vector<std::string>& kb) {
  if (!a.country.empty() && !b.country.empty() && a.country != b.country) return false;
  return share_key(ka, kb) && entities::vowels_agree(a.name, b.name);
}

struct Sets {
  std::vector<std::size_t> parent;
  explicit Sets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), std::size_t{0}); }
  std::size_t find(std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

}  // namespace

bool arabic_script_name(std::string_view name) {
  for (std::size_t i = 0; i < name.size();) {
    const auto c = static_cast<UChar32>(text::utf8::next(name, i));
    if (u_isalpha(c)) return ublock_getCode(c) == UBLOCK_ARABIC || ublock_getCode(c) == UBLOCK_ARABIC_PRESENTATION_FORMS_A ||
                             ublock_getCode(c) == UBLOCK_ARABIC_PRESENTATION_FORMS_B || ublock_getCode(c) == UBLOCK_ARABIC_SUPPLEMENT;
  }
  return false;
}

NameJoinKeys name_join_keys(std::string_view name) {
  NameJoinKeys k;
  k.keyed_words = entities::keyed_words(name);
  k.variants = entities::name_key_variants(name, true);
  return k;
}

bool same_person(const DiscoveredInfo& a, const DiscoveredInfo& b) {
  return same_person(a, joining_keys(a.name), b, joining_keys(b.name));
}

DiscoveredMerge::DiscoveredMerge(const std::map<std::string, DiscoveredInfo>& discovered) { join(discovered, nullptr); }

DiscoveredMerge::DiscoveredMerge(const std::map<std::string, DiscoveredInfo>& discovered, const NameKeyLookup& known) {
  join(discovered, &known);
}

void DiscoveredMerge::join(const std::map<std::string, DiscoveredInfo>& discovered, const NameKeyLookup* known) {
  std::vector<const DiscoveredInfo*> infos;
  std::vector<std::vector<std::string>> keys_of;
  // Never reallocated: the buckets below view its strings.
  keys_of.reserve(discovered.size());
  std::vector<bool> arabic;
  // (key, script, spelling) for every joining key: sorted, each key's run holds its
  // Latin spellings, then its Arabic-script ones, each in spelling order; only a Latin
  // and an Arabic-script spelling are compared (see the header). (One sort of a vector,
  // where a map of key → spellings per script cost most of the join in string compares
  // and allocations.)
  struct KeyRef {
    std::string_view key;
    bool arabic;
    std::size_t spelling;
    auto operator<=>(const KeyRef&) const = default;
  };
  std::vector<KeyRef> refs;
  refs.reserve(discovered.size() * 2);
  names_.reserve(discovered.size());
  NameJoinKeys stored;
  for (const auto& [id, info] : discovered) {
    names_.emplace(id, info.name);
    auto keys = known && (*known)(info.name, stored) ? joining_keys(stored) : joining_keys(info.name);
    if (keys.empty()) continue;
    const std::size_t i = infos.size();
    infos.push_back(&info);
    keys_of.push_back(std::move(keys));
    arabic.push_back(arabic_script_name(info.name));
    for (const auto& k : keys_of.back()) refs.push_back({k, arabic.back(), i});
  }
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  Sets sets(infos.size());
  // Each pair judged once (the group check below asks again).
  std::map<std::pair<std::size_t, std::size_t>, bool> judged;
  const auto one_person = [&](std::size_t i, std::size_t j) {
    const auto pair = std::minmax(i, j);
    const auto [it, fresh] = judged.emplace(pair, false);
    if (fresh) it->second = same_person(*infos[i], keys_of[i], *infos[j], keys_of[j]);
    return it->second;
  };
  for (std::size_t begin = 0; begin < refs.size();) {
    std::size_t end = begin, split = refs.size();
    for (; end < refs.size() && refs[end].key == refs[begin].key; ++end)
      if (refs[end].arabic && split == refs.size()) split = end;
    if (split < end)
      for (std::size_t l = begin; l < split; ++l)
        for (std::size_t a = split; a < end; ++a)
          if (one_person(refs[l].spelling, refs[a].spelling)) sets.join(refs[l].spelling, refs[a].spelling);
    begin = end;
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < infos.size(); ++i) groups[sets.find(i)].push_back(i);
  for (auto& [root, members] : groups) {
    if (members.size() < 2) continue;
    // Every two spellings of the group must be one person, or none is joined.
    bool whole = true;
    for (std::size_t a = 0; whole && a < members.size(); ++a)
      for (std::size_t b = a + 1; whole && b < members.size(); ++b)
        whole = one_person(members[a], members[b]);
    if (!whole) continue;
    // The canonical spelling: Latin (as a listed official's facet label is English),
    // then the one most articles give, then the smallest ID.
    std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      if (arabic[a] != arabic[b]) return !arabic[a];
      if (infos[a]->articles != infos[b]->articles) return infos[a]->articles > infos[b]->articles;
      return infos[a]->id < infos[b]->id;
    });
    DiscoveredPerson person;
    std::string other_script;
    Xapian::doccount other_articles = 0;
    for (const auto m : members) {
      person.ids.push_back(infos[m]->id);
      if (arabic[m] != arabic[members.front()] && (other_script.empty() || infos[m]->articles > other_articles)) {
        other_script = infos[m]->name;
        other_articles = infos[m]->articles;
      }
    }
    person.label = infos[members.front()]->name + " (" + other_script + ")";
    people_.push_back(std::move(person));
  }
  (void)index_people();  // each spelling is in one group
}

bool DiscoveredMerge::index_people() {
  for (std::size_t p = 0; p < people_.size(); ++p)
    for (const auto& id : people_[p].ids) {
      if (!person_of_.emplace(id, p).second) return false;
      if (id != people_[p].ids.front()) aliases_.emplace(id, people_[p].ids.front());
    }
  return true;
}

std::optional<DiscoveredMerge> DiscoveredMerge::of_people(std::vector<DiscoveredPerson> people, NameLookup names) {
  DiscoveredMerge m;
  for (const auto& person : people) {
    if (person.ids.size() < 2) return std::nullopt;
    for (const auto& id : person.ids)
      if (!names(id)) return std::nullopt;
  }
  m.people_ = std::move(people);
  if (!m.index_people()) return std::nullopt;
  m.name_lookup_ = std::move(names);
  return m;
}

const DiscoveredPerson* DiscoveredMerge::person(std::string_view id) const {
  const auto it = person_of_.find(id);
  return it == person_of_.end() ? nullptr : &people_[it->second];
}

const std::string& DiscoveredMerge::canonical(const std::string& id) const {
  const auto* p = person(id);
  return p ? p->ids.front() : id;
}

std::optional<std::string_view> DiscoveredMerge::name_of(std::string_view id) const {
  if (name_lookup_) return name_lookup_(id);
  const auto it = names_.find(id);
  if (it == names_.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::vector<std::string> DiscoveredMerge::ids_for(std::string_view name, const std::vector<std::string>& by_key) const {
  std::vector<std::string> chosen;
  const std::string trimmed(util::trim(name));
  for (const std::string& id : {trimmed, entities::name_slug(trimmed)})
    if (name_of(id) && std::find(chosen.begin(), chosen.end(), id) == chosen.end()) chosen.push_back(id);
  if (chosen.empty())
    for (const auto& id : by_key) {
      const auto spelled = name_of(id);
      if (!spelled || entities::vowels_agree(trimmed, *spelled)) chosen.push_back(id);
    }
  std::vector<std::string> all;
  for (const auto& id : chosen)
    for (auto& other : ids_of(id))
      if (std::find(all.begin(), all.end(), other) == all.end()) all.push_back(std::move(other));
  return all;
}

std::vector<std::string> DiscoveredMerge::ids_of(const std::string& id) const {
  const auto* p = person(id);
  return p ? p->ids : std::vector<std::string>{id};
}

}  // namespace iran::index
