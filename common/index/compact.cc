#include "index/compact.h"

#include <xapian.h>

#include "index/store.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

fs::path scratch(const fs::path& db) { return db / "compacting.tmp"; }

}  // namespace

fs::path compact_generation(const fs::path& db, const fs::path& from) {
  const fs::path tmp = scratch(db);
  remove_unfinished_compaction(db);
  try {
    Xapian::Database(from.string()).compact(tmp.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    const fs::path to = next_generation(db);
    fs::rename(tmp, to);
    return to;
  } catch (...) {
    remove_unfinished_compaction(db);
    throw;
  }
}

void remove_unfinished_compaction(const fs::path& db) {
  std::error_code ec;
  fs::remove_all(scratch(db), ec);
}

}  // namespace iran::index
