// Names as you type: countries, officials and sources whose names, in any script, start
// with what was typed (or have a word that does), for the web page's search box.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace iran::entities { class Gazetteer; struct Entity; }

namespace iran::index {

struct Suggestion {
  std::string field;  // country, official, source: the filter it sets
  std::string id;     // QA, ali-bagheri-kani, mehr
  std::string label;  // English display name
  std::string name;   // the spelling that matched what was typed (any script)
  Xapian::doccount count = 0;  // articles naming it in the index
};

class Suggester {
 public:
  // Reads every spelling the gazetteer knows (names, short forms, demonyms, IDs).
  explicit Suggester(const entities::Gazetteer& gazetteer);

  // At most `limit` entities, best first: a name that is the text, then one that starts
  // with it, then one with a later word that does, then the entity named by more articles of `db`, then
  // the shorter name. Matching ignores case, harakat, alef forms and a leading ال.
  // Empty text, or text of more than 64 bytes, suggests nothing.
  std::vector<Suggestion> suggest(std::string_view typed, const Xapian::Database& db,
                                  std::size_t limit = 8) const;

 private:
  struct Entry {
    std::string key;   // normalized, case-folded spelling
    std::string name;  // as the data spells it
    const entities::Entity* entity;
  };
  std::vector<Entry> entries_;
};

}  // namespace iran::index
