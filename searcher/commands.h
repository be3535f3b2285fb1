// The commands of iransearch, each from its arguments (program name removed) to an exit code.
#pragma once

#include <string>
#include <vector>

namespace iran::searcher {

int search_main(std::vector<std::string> args);   // iransearch [QUERY] [options], @NAME, --saved
int show_main(const std::vector<std::string>& args);  // iransearch show HIT

}  // namespace iran::searcher
