// iransearch-serve: the process `iransearch serve` becomes (searcher/serve_launch.h), so
// that only the server links the HTTP library. Started as "<argv0> serve ARGS...".
#include <cstring>
#include <iostream>

#include "app/cli_support.h"
#include "searcher/serve.h"

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "serve") != 0) {
    std::cerr << "iransearch-serve: run it as `iransearch serve [OPTIONS]`\n";
    return iran::app::exit_code::kError;
  }
  return iran::searcher::serve_main(argc - 1, argv + 1);
}
