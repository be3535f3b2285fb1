// The join of discovered officials' spellings (index/discovered_merge.h) kept between
// processes, in a file of the cache folder: a search process that labels facets joined
// every discovered spelling of the index afresh (a sixth of a one-search process on
// 44,779 articles), though the join changes only when the officials do.
//
// The file holds the join's people (each person's IDs and label) under a key made of
// everything the join reads (each official's ID, name, role, country and article count)
// and of the program that joined them (the rule lives in code: a new build of it joins
// again). Restoring checks every byte and that every ID is one of the officials.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "index/discovered.h"
#include "index/discovered_merge.h"

namespace iran::index {

// The join of `discovered` (with `known` keys, as DiscoveredMerge's constructor): from
// `cache_dir` when a file there holds it, else joined and written there (an empty
// folder: joined, nothing kept).
DiscoveredMerge cached_discovered_merge(const std::map<std::string, DiscoveredInfo>& discovered,
                                        const NameKeyLookup& known, const std::filesystem::path& cache_dir);

// The file name of the join of `discovered` by this program (within a cache folder); empty
// when the program cannot be told apart from another (no /proc/self/exe).
std::string discovered_merge_file(const std::map<std::string, DiscoveredInfo>& discovered);

}  // namespace iran::index
