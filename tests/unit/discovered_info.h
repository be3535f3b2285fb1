// A discovered official for tests of the join (test_discovered_merge*.cc).
#pragma once

#include <string>
#include <utility>

#include "index/discovered.h"

inline iran::index::DiscoveredInfo info(std::string id, std::string name, std::string country = "",
                                        Xapian::doccount articles = 1) {
  iran::index::DiscoveredInfo d;
  d.id = std::move(id);
  d.name = std::move(name);
  d.country = std::move(country);
  d.articles = articles;
  return d;
}
