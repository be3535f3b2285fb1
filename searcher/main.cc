// iransearch: searches the index. CLI only: each command in its own file (search,
// show, serve), the work in common/, output in render_*.
#include <string>
#include <string_view>
#include <vector>

#include "searcher/commands.h"
#include "searcher/serve.h"

int main(int argc, char** argv) {
  using namespace iran;
  // Commands only as the first word, so a query may still hold the word: `iransearch -- show`.
  const std::string_view first = argc > 1 ? argv[1] : "";
  // `iransearch serve ...`: the web interface (searcher/serve.cc).
  if (first == "serve") return searcher::serve_main(argc - 1, argv + 1);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (first == "show") return searcher::show_main({args.begin() + 1, args.end()});
  return searcher::search_main(std::move(args));
}
