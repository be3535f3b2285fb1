// Discovered officials and their stored summary, for tests of the join and its caches
// (test_discovered_merge*.cc, test_summary_file.cc).
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>
#include <utility>

#include "index/discovered.h"
#include "index/discovered_summary.h"

inline iran::index::DiscoveredInfo info(std::string id, std::string name, std::string country = "",
                                        Xapian::doccount articles = 1) {
  iran::index::DiscoveredInfo d;
  d.id = std::move(id);
  d.name = std::move(name);
  d.country = std::move(country);
  d.articles = articles;
  return d;
}

namespace iran {

// A tally of these officials (each name and country given by all its articles).
inline iran::index::DiscoveredTally tally_of(const std::vector<iran::index::DiscoveredInfo>& infos) {
  iran::index::DiscoveredTally t;
  for (const auto& d : infos) {
    t.names[d.id][d.name] = d.articles;
    if (!d.country.empty()) t.countries[d.id][d.country] = d.articles;
    t.articles[d.id] = d.articles;
  }
  return t;
}

// The summary a writer stores for these officials (every spelling's keys), as a search
// reads it.
inline std::shared_ptr<const iran::index::DiscoveredSummary> stored_summary(
    const std::vector<iran::index::DiscoveredInfo>& infos) {
  const auto tally = tally_of(infos);
  iran::index::NameKeyTable keys;
  for (const auto& [id, names] : tally.names)
    for (const auto& [name, n] : names) keys.emplace(name, iran::index::name_join_keys(name));
  auto s = iran::index::DiscoveredSummary::decode(iran::index::encode_discovered_summary(tally, keys));
  REQUIRE(s);
  return std::make_shared<const iran::index::DiscoveredSummary>(std::move(*s));
}

}  // namespace iran
