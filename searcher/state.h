// What iransearch keeps between runs: saved searches (in the config directory), the
// mark of each saved search's last --new run per index, and the hits of the last
// search (both in the state directory; see app/config.h for the directories).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "index/search_request.h"

namespace iran::searcher {

struct SavedSearch {
  std::string name;
  std::vector<std::string> args;  // iransearch arguments, as typed
};

// Names are letters, digits, '.', '_' and '-'. Throws UsageError for a bad name and
// app::ConfigError for a file that cannot be read or written.
void save_search(const SavedSearch& search);
SavedSearch load_search(const std::string& name);
std::vector<SavedSearch> list_searches();

// The ingestion stamp a `@NAME --new` run over the index at `db` last reached; empty
// before the first. `db` is made absolute, so the same index has one mark.
std::string new_mark(const std::string& name, const std::string& db);
void set_new_mark(const std::string& name, const std::string& db, const std::string& stamp);

// The paths of the hits last shown, by rank, for `iransearch show N` and `--like N`.
void remember_hits(const std::string& db, const index::SearchResult& result);
// The path of hit `rank` of the last search over `db`; throws UsageError when there is none.
std::string remembered_hit(const std::string& db, Xapian::doccount rank);

}  // namespace iran::searcher
