// Officials the gazetteer does not list, recognized because the text introduces them by
// a role: "Iraqi Interior Minister Qasim al-Araji", "X, the deputy foreign minister of
// Y", "Spokesman Nasser Kanaani", "وزير الداخلية العراقي قاسم الأعرجي", "فرزانه صادق وزیر
// راه و شهرسازی". The role vocabulary is data (data/roles.tsv); the rules are here.
// Precision comes first: a name must be bounded on both sides (punctuation, a line end,
// a title, a stop word), be two to five words, and overlap nothing the gazetteer knows.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace iran::entities {

struct DiscoveredOfficial {
  std::string id;       // a slug of the name (qasim-al-araji); Arabic script romanized
  std::string name;     // as first written, titles left out
  std::string role;     // as written ("Interior Minister", "وزير الداخلية"), may be empty
  std::string country;  // ISO code of the state they serve, when the role names it
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // byte spans of every mention
};

// Slug of a name: Latin letters lowercased without accents, Arabic-script letters
// romanized letter by letter (قاسم الأعرجي → qasm-alarjy), words joined by hyphens.
std::string name_slug(std::string_view name);

}  // namespace iran::entities
