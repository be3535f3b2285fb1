// The subcommands of iranidx, each a plain function from options to an exit code.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "corpus/input.h"
#include "indexer/input_flags.h"

namespace iran::indexer {

struct Paths {
  std::string corpus = "corpus";
  std::string db = "index";
  corpus::InputOptions inputs;  // how pages, feeds and dumps are read (--jsonl-* options)
};

enum class Verbosity { Quiet, Normal, Verbose };

struct BuildFlags {
  std::size_t batch_size = 0;  // 0: automatic (index/writer.h)
  std::size_t jobs = 0;        // 0: one per core
  bool compact = false;
  bool full = false;
  std::string shards;  // --shards year|hash:N (empty: as the index is)
  double wait_seconds = 0;
  Verbosity verbosity = Verbosity::Normal;
  bool json = false;
  double max_delete_percent = 50;
  bool allow_mass_delete = false;
  bool follow_symlinks = false;
};

struct CompactFlags {
  std::vector<std::string> shards;  // --shard NAME (repeatable)
  bool all = false;
  double wait_seconds = 0;
};

int run_build(const Paths& paths, const BuildFlags& flags);
int run_compact(const Paths& paths, const CompactFlags& flags);
int run_status(const Paths& paths, const BuildFlags& flags);
int run_check(const Paths& paths, bool repair, const BuildFlags& flags);
int run_stats(const Paths& paths);
int run_analyze(const std::string& text);
// FILE is a path, or one relative to the corpus (`show feeds/presstv.rss#presstv-683998`).
int run_entities(const std::string& file, const Paths& paths);
int run_show(const std::string& file, const Paths& paths);
int run_officials(const Paths& paths, bool discovered_only);

}  // namespace iran::indexer
