// iransearch: searches the index. CLI only: each command in its own file, the work in
// common/, output in render_*.
#include <string>
#include <vector>

#include "searcher/commands.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "show") return iran::searcher::run_show({args.begin() + 1, args.end()});
  return iran::searcher::run_search(std::move(args));
}
