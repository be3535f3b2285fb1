// The subcommands of iranidx, each a plain function from options to an exit code.
#pragma once

#include <cstddef>
#include <string>

namespace iran::indexer {

struct Paths {
  std::string corpus = "corpus";
  std::string db = "index";
};

struct BuildFlags {
  std::size_t batch_size = 1000;
  bool full = false;
  double wait_seconds = 0;
};

int run_build(const Paths& paths, const BuildFlags& flags);
int run_stats(const Paths& paths);
int run_analyze(const std::string& text);
int run_entities(const std::string& file);

}  // namespace iran::indexer
