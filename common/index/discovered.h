// Officials the gazetteer does not list but the indexer discovered by their role, as the
// index stores them (schema::kDiscoveredPrefix), and the transliteration-key terms of
// names (schema::kNameKeyPrefix): for facet labels, `--official` of such a name, and
// `iranidx officials --discovered`.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "entities/discovery.h"

namespace iran::index {

// The XD term of a discovered official (at most 245 bytes: the role is shortened first).
std::string discovered_term(const entities::DiscoveredOfficial& official);

// The XN term of a transliteration key.
std::string name_key_term(std::string_view key);

struct DiscoveredInfo {
  std::string id;
  std::string name;     // the spelling most articles give
  std::string role;     // the role most articles give (may be empty)
  std::string country;  // likewise
  Xapian::doccount articles = 0;  // articles naming them
};

// Every discovered official in the index, by ID.
std::map<std::string, DiscoveredInfo> discovered_officials(const Xapian::Database& db);

// What discovered_officials() reads of a database (its XD and XP all-terms lists, with
// their counts). Over shards, the tallies of each shard read on its own (remote shards
// all at once, ShardSet::for_each_shard) and summed give what their combination gives:
// Xapian's combination reads the lists of one shard after another.
struct DiscoveredTally {
  // ID -> spelling, role or country -> articles giving it.
  std::map<std::string, std::map<std::string, Xapian::doccount>> names, roles, countries;
  std::map<std::string, Xapian::doccount> articles;  // ID -> articles naming them (every XP)
  void add(const DiscoveredTally& other);
};
DiscoveredTally discovered_tally(const Xapian::Database& db);
std::map<std::string, DiscoveredInfo> discovered_officials(const DiscoveredTally& tally);

// IDs of discovered officials whose name has a key of `name` (any script).
std::vector<std::string> discovered_ids_for(const Xapian::Database& db, std::string_view name);

// A query for a name nobody listed or discovered: the words as a phrase, or every
// word's transliteration key (its spellings in either script).
Xapian::Query unknown_name_query(std::string_view name);

}  // namespace iran::index
