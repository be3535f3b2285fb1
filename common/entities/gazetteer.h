// Countries, officials and news sources: names in every script mapped to canonical IDs.
// The names are data (entities/data/*.tsv), never code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entities/discovery.h"

namespace iran::entities {

enum class Kind { Country, Official, Source };

// An office held, for "who was Iran's foreign minister in June 2024". Dates are
// yyyy, yyyy-mm or yyyy-mm-dd; `to` is empty while in office.
struct Office {
  std::string title;  // plain English: "Foreign Minister", "Acting President"
  std::string from;
  std::string to;
};

struct Entity {
  std::string id;       // countries: ISO 3166 alpha-2, uppercase (QA); officials and
                        // sources: lowercase slug (ali-bagheri-kani, mehr)
  Kind kind;
  std::string name_en;  // display names
  std::string name_ar;
  std::string country;  // officials: the ISO code of the state they serve (empty for
                        // international officials: UN, IAEA); else empty
  std::string role;     // officials: free text role (e.g. "deputy foreign minister")
  std::string name_fa;  // Persian display name where known
  std::string from;     // officials: dates of the role (yyyy, yyyy-mm or yyyy-mm-dd),
  std::string to;       // empty when unknown or still in office
  std::vector<Office> offices;  // officials: the main role first, then other offices
};

// How a mention names its entity. A capital stands for its country's government
// ("Washington reimposed sanctions", "talks in Vienna"), except in a dateline
// ("TEHRAN -"); other places (Gaza, the Kremlin) do not, unless asked (FindOptions).
enum class MatchKind {
  Name,     // a name or official/short form (Qatar, State of Qatar, Ali Bagheri Kani)
  Demonym,  // Qatari, القطري
  Capital,  // Doha, Tehran
  Place,    // a place of the country other than its capital (Gaza, the Kremlin)
  Surname,  // an official's bare surname, counted because the text names them in full
  Credit,   // sources: a credit, dateline or licence line ("(MNA)", "Tehran (IP)")
};

struct Mention {
  const Entity* entity;
  std::size_t begin;    // byte offsets of the matched span in the text given to find()
  std::size_t end;
  std::string surface;  // the text of the span, as written
  MatchKind kind = MatchKind::Name;
};

struct FindOptions {
  bool places = false;  // also report places (MatchKind::Place) and capitals in datelines
};

// find() and the officials discovery found (discovery.h).
struct Findings {
  std::vector<Mention> mentions;  // find()'s, plus listed officials recognized by a role
                                  // under a spelling the data lacks (محسن باكنجاد)
  std::vector<DiscoveredOfficial> discovered;  // people the gazetteer does not list
  // The name keys (name_key.h) of Arabic-script names found without a role (a given
  // name or an honorific and the name words after it): the keys of their words and
  // whole names, for the index's XN terms.
  std::vector<std::string> name_keys;
};

// One entry of the data (a country, an official or a source) apart from the others: a
// hash of its rows from every file, and every name those rows give (names, short and
// full forms, surnames, aliases, demonyms and their forms, capitals, places, `not` and
// credit rows). An index stores them, so that an edit reindexes only the articles the
// changed entries can touch (index/gazetteer_state.h).
struct EntryPrint {
  Kind kind;
  std::string id;
  std::uint64_t hash = 0;
  std::vector<std::string> names;
};

class Gazetteer {
 public:
  // Loads countries.tsv, officials.tsv and sources.tsv (and titles.tsv if present)
  // from data_dir. Throws std::runtime_error naming the file and line of any
  // malformed row. The formats are documented in each file's header.
  static Gazetteer load(const std::filesystem::path& data_dir);
  // The same, then each local file merged over it (see load_local in README: "A
  // gazetteer the user can extend"); a missing local file is an error.
  static Gazetteer load(const std::filesystem::path& data_dir,
                        const std::vector<std::filesystem::path>& local_files);
  // load(find_data_dir()).
  static Gazetteer load_default();
  // load(), through a cache file in cache_dir (entities/gazetteer_cache.cc): a compact
  // image of what load() builds, valid for these data files' bytes and this executable,
  // written on the first load and rewritten when either changes. Errors in the data are
  // load()'s; a cache that cannot be read or written is loaded around.
  static Gazetteer load_cached(const std::filesystem::path& data_dir,
                               const std::vector<std::filesystem::path>& local_files,
                               const std::filesystem::path& cache_dir);
  // That image, and the gazetteer it holds (throws std::runtime_error on a damaged one).
  std::string image() const;
  static Gazetteer from_image(std::string_view image);

  Gazetteer();
  ~Gazetteer();
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;

  // Every mention of a country or official (not sources) in raw article text, in
  // order of position; Arabic clitics (وقطر, بطاجيكستان, القطري) do not hide a name.
  // A bare surname counts only when the same text also names that official in full
  // (or by a distinctive short form), so give the whole article in one call.
  std::vector<Mention> find(std::string_view text) const;
  std::vector<Mention> find(std::string_view text, const FindOptions& options) const;

  // find(), and officials introduced by a role that the gazetteer does not list
  // ("Iraqi Interior Minister Qasim al-Araji"), with their later mentions by surname.
  Findings find_with_discovery(std::string_view text) const;

  // Sources named in text (outlet credits, datelines), in order of position.
  std::vector<Mention> find_sources(std::string_view text) const;

  // The outlet that published the text: the first credit (MatchKind::Credit) if any,
  // else the most often named outlet, else nullptr.
  const Entity* detect_source(std::string_view text) const;

  // A name, demonym, alias or ID in any script and case → the entity, or nullptr.
  // Leading titles (Sheikh, Dr., H.E., آية الله) and an Arabic clitic on the first word
  // (بقطر) are ignored; a bare surname resolves only when one official bears it;
  // capitals do not resolve to their country.
  const Entity* resolve(Kind kind, std::string_view name) const;

  // resolve() without IDs and aliases: for deciding whether a free-text query word is
  // an entity's name (synonym expansion), where "in" must not mean India (IN) nor
  // "are" the UAE (ARE).
  const Entity* resolve_name(Kind kind, std::string_view name) const;

  // The closest known names (by edit distance) for an error message.
  std::vector<std::string> suggest(Kind kind, std::string_view name, std::size_t count = 3) const;

  // Every spelling of an entity as the data files give it (names, official and short
  // forms, demonyms; not capitals, bare surnames, aliases), display names first, no
  // duplicates: for expanding a query through Xapian synonyms (Raeisi → Raisi, رئيسي).
  std::vector<std::string> names_of(const Entity& entity) const;

  // Officials who held an office at any time in [from, to] (dates as in Office; empty
  // means open): "foreign minister of Iran", "Iran's foreign minister", "Iranian
  // president", "Leader of the Islamic Revolution". The title is matched exactly,
  // also inside "Deputy Prime Minister and Foreign Minister" and as "Acting ...";
  // English titles only. Ordered by the start of the office; empty when the role names
  // more than one country or nobody matches. Throws std::invalid_argument on a bad date.
  std::vector<const Entity*> holders(std::string_view role, std::string_view from = {},
                                     std::string_view to = {}) const;

  const Entity* by_id(Kind kind, std::string_view id) const;
  std::vector<const Entity*> all(Kind kind) const;

  // A hash of every data row load() read (every field: IDs, names, alias types, roles,
  // dates), comments and blank lines left out; 0 for a gazetteer not loaded from files.
  // The index stores it, so that any edit that can change what is extracted reindexes.
  std::uint64_t data_hash() const;

  // Every entry's print (see EntryPrint), by kind, then ID.
  std::vector<EntryPrint> entry_prints() const;
  // A hash of the rows that are no one entry's (titles.tsv, roles.tsv): the vocabulary
  // every article's matching and discovery use.
  std::uint64_t shared_hash() const;
  // The words (as matching keys) that open an Arabic-script name for discovery: the
  // `given` rows of roles.tsv and every listed official's first name. Sorted.
  std::vector<std::string> given_names() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Where the data files are: $IRANIDX_DATA_DIR if set, else <exe>/../share/iranidx
// (build tree and install alike), else the source tree. Throws if none has them.
std::filesystem::path find_data_dir();

}  // namespace iran::entities
