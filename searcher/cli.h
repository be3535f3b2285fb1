// The command line of `iransearch [QUERY]`: arguments → a plain SearchCli.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "index/shards.h"
#include "searcher/render.h"
#include "searcher/search_params.h"

namespace iran::searcher {

struct SearchCli {
  SearchParams params;  // the search itself, as the web server gets it too
  std::string db = "index";
  index::ShardOptions shards;  // --partial, --timeout, --connect-timeout
  Format format = Format::Text;
  bool count = false;
  bool explain = false;  // --explain: print the parsed Xapian query first
  std::string color = "auto";
  bool limit_given = false;
  std::string save;        // --save NAME
  std::string saved_name;  // @NAME
  bool new_only = false;   // --new
  bool list_saved = false; // --saved
  bool print0 = false;     // -0 / --print0: paths, NUL-terminated, exact
  std::vector<std::string> args_to_save;  // the arguments, less --save NAME
};

// Parses `args` (without the program name; @NAME already expanded by the caller into
// the saved arguments followed by the rest). Returns an exit code when the program
// should stop (--help, --version, a usage error), nullopt to go on.
std::optional<int> parse_search_cli(const std::vector<std::string>& args, SearchCli& cli);

}  // namespace iran::searcher
