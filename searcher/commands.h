// The commands of iransearch, each from its arguments (program name removed) to an exit code.
#pragma once

#include <string>
#include <vector>

namespace iran::searcher {

int run_search(std::vector<std::string> args);  // iransearch [QUERY] [options], @NAME, --saved
int run_show(const std::vector<std::string>& args);  // iransearch show HIT

}  // namespace iran::searcher
