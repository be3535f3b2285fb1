// The subcommands of iranidx, each a plain function from options to an exit code.
#pragma once

#include <cstddef>
#include <string>

namespace iran::indexer {

struct Paths {
  std::string corpus = "corpus";
  std::string db = "index";
};

int run_build(const Paths& paths, std::size_t batch_size);
int run_stats(const Paths& paths);
int run_analyze(const std::string& text);
int run_entities(const std::string& file);

}  // namespace iran::indexer
