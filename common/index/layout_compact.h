// `iranidx compact --shard NAME`: a shard of a layout (a closed year, typically) made
// smaller and faster with Xapian's compaction, swapped in while people search.
//
// The compacted copy is a new generation of the shard, published like any generation:
// the layout stub first (one rename: every local searcher opens it from then on), then
// the shard's own stub (what xapian-tcpsrv follows). The generation it replaces stays
// until the shard's next publish, for the searches that have it open.
//
// A compacted generation is never written in place. Searches running while a build
// modified a compacted database failed ("Expected block N to be level 1, not 0": the
// full blocks a compaction leaves split and are reused at once under readers); so a
// build that must write into a compacted shard (a late correction to a closed year, a
// gazetteer change) first copies it, document by document, into a fresh uncompacted
// generation, publishes that copy (same content, same docids: searches see no change),
// and writes there (index/target.cc). The compacted generation is only ever read.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "index/layout.h"

namespace iran::index {

// Whether `db` is a generation `iranidx compact` made (and no build has copied since).
bool is_compacted(const Xapian::Database& db);

// Copies everything of `from` into the empty `to`: every document under its docid,
// spelling data, synonyms and metadata (all but the compacted mark). Commits `to`.
void copy_uncompacted(const Xapian::Database& from, Xapian::WritableDatabase& to);

// Makes the published layout and each shard's own stub (and the home's) agree: a run
// killed between the layout stub's rename and a shard stub's leaves the shard stub
// behind, and the layout stub is the one searchers read. Call under the build lock.
void align_shard_stubs(const Layout& layout);

struct CompactOptions {
  std::vector<std::string> shards;  // names; empty with `all`
  bool all = false;
  double wait_seconds = 0;          // for the build lock (BusyError when it runs out)
  // Tests: called after each step of a shard's compaction ("compacted", "marked",
  // "renamed", "layout published", "published"); an exception thrown there is a kill.
  std::function<void(const std::string& step)> after_step;
};

struct CompactedShard {
  std::string name;
  std::filesystem::path from, to;   // generations; to == from when it was compacted already
  std::uintmax_t bytes_before = 0, bytes_after = 0;
  bool already = false;
};

// Compacts the named shards of the layout at `root` under its build lock. Throws
// NotAnIndexError for a path that is not a layout (or names an unknown shard), BusyError
// when a build holds the lock, std::runtime_error / Xapian::Error when compaction fails
// (the published layout is then as it was, and what was left is removed next time).
std::vector<CompactedShard> compact_shards(const std::filesystem::path& root, const CompactOptions& options);

}  // namespace iran::index
