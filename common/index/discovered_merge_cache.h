// The join of discovered officials' spellings (index/discovered_merge.h) kept between
// processes, in a file of the cache folder: a search process that labels facets joined
// every discovered spelling of the index afresh (a sixth of a one-search process on
// 44,779 articles), though the join changes only when the officials do.
//
// The file holds the join's people (each person's IDs and label) under a key made of
// everything the join reads (the summary's print: DiscoveredSummary::fingerprint) and of
// the program that joined them (the rule lives in code: a new build of it joins again).
// Restoring checks every byte and that every ID is one of the officials.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "index/discovered.h"
#include "index/discovered_summary.h"
#include "index/discovered_merge.h"

namespace iran::index {

// The join of `summary`'s officials (with its stored keys, as DiscoveredMerge's
// constructor): from `cache_dir` when a file there holds it (the officials' map is then
// never made: names are read from the summary, which the merge keeps), else joined and
// written there (an empty folder: joined, nothing kept).
DiscoveredMerge cached_discovered_merge(const std::shared_ptr<const DiscoveredSummary>& summary,
                                        const std::filesystem::path& cache_dir);

// The file name of the join of `summary` by this program (within a cache folder); empty
// when the program cannot be told apart from another (no /proc/self/exe).
std::string discovered_merge_file(const DiscoveredSummary& summary);

}  // namespace iran::index
