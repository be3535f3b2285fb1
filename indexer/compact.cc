#include <iostream>

#include "app/cli_support.h"
#include "index/layout_compact.h"
#include "indexer/commands.h"
#include "util/terminal.h"

namespace iran::indexer {
namespace {

std::string megabytes(std::uintmax_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

std::string relative(const std::filesystem::path& p, const std::string& root) {
  return p.lexically_relative(root).generic_string();
}

}  // namespace

int run_compact(const Paths& paths, const CompactFlags& flags) {
  index::CompactOptions options;
  options.shards = flags.shards;
  options.all = flags.all;
  options.wait_seconds = flags.wait_seconds;
  const auto done = index::compact_shards(paths.db, options);
  for (const auto& s : done) {
    if (s.already)
      std::cout << "iranidx: shard " << util::quote_name(s.name) << ": already compacted ("
                << util::quote_name(relative(s.from, paths.db)) << ", " << megabytes(s.bytes_before) << ")\n";
    else
      std::cout << "iranidx: shard " << util::quote_name(s.name) << ": compacted "
                << util::quote_name(relative(s.from, paths.db)) << " (" << megabytes(s.bytes_before) << ") into "
                << util::quote_name(relative(s.to, paths.db)) << " (" << megabytes(s.bytes_after) << ")\n";
  }
  return app::exit_code::kSuccess;
}

}  // namespace iran::indexer
