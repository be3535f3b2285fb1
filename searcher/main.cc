// iransearch: searches the index. CLI only: each command in its own file (search,
// show, serve), the work in common/, output in render_*.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/commands.h"
#include "searcher/serve_launch.h"

namespace {
// How many of the leading arguments are --db DIR / --config FILE (or --db=DIR), the options
// every command takes: `iransearch --db idx show 2` is the command, as `git -C dir show` is.
std::size_t leading_settings(const std::vector<std::string>& args) {
  std::size_t i = 0;
  while (i < args.size()) {
    const std::string& a = args[i];
    if (a == "--db" || a == "--config") {
      if (i + 1 >= args.size()) break;
      i += 2;
    } else if (a.starts_with("--db=") || a.starts_with("--config=")) {
      i += 1;
    } else {
      break;
    }
  }
  return i;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace iran;
  std::vector<std::string> args(argv + 1, argv + argc);
  // Commands only as the first word, or after --db/--config, so a query may still hold the
  // word: `iransearch -- show`, `iransearch --lang en show`.
  const std::size_t settings = leading_settings(args);
  const std::string_view first = settings < args.size() ? std::string_view(args[settings]) : std::string_view();
  if (first != "serve" && first != "show") return searcher::search_main(std::move(args));
  // The settings given before the command, then its own arguments (which may hold "--").
  std::vector<std::string> command(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(settings));
  command.insert(command.end(), args.begin() + static_cast<std::ptrdiff_t>(settings) + 1, args.end());
  if (first == "show") return searcher::show_main(std::move(command));
  // `iransearch serve ...`: the web interface, in its own executable (searcher/serve_launch.h).
  return searcher::exec_serve(argv[0], command);
}
