// One person, one facet value: discovered officials (index/discovered.h) whose IDs differ
// only because one article spells the name in Latin letters and another in Arabic or
// Persian script (qasim-al-araji, qasm-alarjy) are joined at search time, so the
// official facet counts each article once under one ID and label, and `--official` of
// either spelling or ID finds both.
//
// The rule, precision first (a wrong merge of two people is worse than two values):
//   - two names are one person (same_person) when each has at least two words with a
//     key, they share a whole-name key (name_key.h, with its word marks) of at least
//     four consonants, their vowels agree (vowels_agree: Hassan حسن, Hussein حسين, not
//     Hassan حسين), and their countries do not differ;
//   - only a Latin and an Arabic-script spelling are joined directly (within one script
//     the skeleton hides what the letters show: Karim and Karam, حسن and حسين); spellings
//     of one script join only through the other script's;
//   - a group is kept only when every two of its spellings are one person by the rule
//     (spellings of one script: the same long vowels): a chain Karim–كرم–Karam is no
//     group; each stays its own value.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/discovered.h"
#include "index/facets.h"

namespace iran::index {

// Whether two discovered officials are one person by the rule above (scripts aside:
// DiscoveredMerge joins only across scripts directly).
bool same_person(const DiscoveredInfo& a, const DiscoveredInfo& b);

// Whether a name is written in Arabic script (else Latin).
bool arabic_script_name(std::string_view name);

// What the join reads of a name and derives from the name alone (entities/name_key.h):
// how many of its words have a key, and its whole-name key variants with their word
// marks. Deriving them is most of the join's cost (a few microseconds a name), so the
// writer stores them in the index (index/discovered_summary.h) and a search looks them
// up; which of them may join two names (the rule above) is decided here, at search time.
struct NameJoinKeys {
  std::size_t keyed_words = 0;
  std::vector<std::string> variants;
  bool operator==(const NameJoinKeys&) const = default;
};
NameJoinKeys name_join_keys(std::string_view name);
// Spelling → its keys.
using NameKeyTable = std::unordered_map<std::string, NameJoinKeys, StringHash, std::equal_to<>>;
// Fills `out` with a spelling's stored keys; false when it has none.
using NameKeyLookup = std::function<bool(std::string_view name, NameJoinKeys& out)>;

struct DiscoveredPerson {
  std::vector<std::string> ids;  // the canonical ID first, then the others by articles
  std::string label;             // "Qasim al-Araji (قاسم الأعرجي)"
};

class DiscoveredMerge {
 public:
  DiscoveredMerge() = default;
  explicit DiscoveredMerge(const std::map<std::string, DiscoveredInfo>& discovered);
  // The same join, taking each name's keys from `known` when it has them (derived
  // otherwise): the same result either way.
  DiscoveredMerge(const std::map<std::string, DiscoveredInfo>& discovered, const NameKeyLookup& known);

  // The ID that stands for `id`'s person (the Latin spelling most articles give, else
  // the spelling most articles give); `id` itself when it is joined with no other.
  const std::string& canonical(const std::string& id) const;
  // The person `id` belongs to; nullptr when it is joined with no other.
  const DiscoveredPerson* person(std::string_view id) const;
  // Every ID of `id`'s person (just `id` when alone).
  std::vector<std::string> ids_of(const std::string& id) const;
  // The name of a discovered ID (the spelling most articles give); nullptr for an ID not
  // discovered.
  std::optional<std::string_view> name_of(std::string_view id) const;
  // The discovered IDs `name` means, each with its person's other IDs: the ID itself or
  // the slug of a discovered spelling; else the spellings sharing a key with it whose
  // vowels agree (Hassan Ghandour is not حسين غندور). Empty when none.
  std::vector<std::string> ids_for(std::string_view name, const std::vector<std::string>& by_key) const;
  // Every person of two spellings or more.
  const std::vector<DiscoveredPerson>& people() const { return people_; }
  // The merge whose people are `people` (a join made before: see
  // index/discovered_merge_cache.h), of the officials `names` knows; nullopt when a
  // person names an ID it does not know, has fewer than two IDs, or an ID is in two.
  // Names are looked up in `names` (which must outlive the merge, or own what it reads).
  using NameLookup = std::function<std::optional<std::string_view>(std::string_view id)>;
  static std::optional<DiscoveredMerge> of_people(std::vector<DiscoveredPerson> people, NameLookup names);
  // Each joined ID other than a canonical one → its canonical ID, for counting a facet
  // (index/facets.h).
  const FacetAliases& aliases() const { return aliases_; }

 private:
  void join(const std::map<std::string, DiscoveredInfo>& discovered, const NameKeyLookup* known);
  // people_ → person_of_ and aliases_; false when an ID is in two people.
  bool index_people();

  std::vector<DiscoveredPerson> people_;
  std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> person_of_;
  FacetAliases aliases_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> names_;
  NameLookup name_lookup_;  // of_people(): instead of names_
};

}  // namespace iran::index
