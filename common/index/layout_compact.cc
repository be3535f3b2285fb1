#include "index/layout_compact.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <system_error>

#include "index/schema.h"
#include "index/store.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

constexpr const char* kScratch = "compacting.tmp";

void fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

std::uintmax_t bytes_of(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec))
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  return total;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

bool is_compacted(const Xapian::Database& db) { return !db.get_metadata(std::string(schema::kMetaCompacted)).empty(); }

void copy_uncompacted(const Xapian::Database& from, Xapian::WritableDatabase& to) {
  // Documents under their own docids, so that the docids a build read before the copy
  // still name the same articles.
  for (auto d = from.postlist_begin(std::string()); d != from.postlist_end(std::string()); ++d)
    to.replace_document(*d, from.get_document(*d));
  for (auto w = from.spellings_begin(); w != from.spellings_end(); ++w) to.add_spelling(*w, w.get_termfreq());
  for (auto k = from.synonym_keys_begin(); k != from.synonym_keys_end(); ++k)
    for (auto s = from.synonyms_begin(*k); s != from.synonyms_end(*k); ++s) to.add_synonym(*k, *s);
  for (auto k = from.metadata_keys_begin(); k != from.metadata_keys_end(); ++k)
    if (*k != schema::kMetaCompacted) to.set_metadata(*k, from.get_metadata(*k));
  to.commit();
}

void align_shard_stubs(const Layout& layout) {
  std::vector<LayoutShard> all = layout.shards;
  all.push_back({"home", layout.home});
  for (const auto& s : all) {
    const fs::path dir = s.generation.parent_path();
    std::optional<fs::path> current;
    try {
      current = current_generation(dir);
    } catch (const std::runtime_error&) {
    }
    if (!current || current->filename() != s.generation.filename()) publish_generation(dir, s.generation);
  }
}

std::vector<CompactedShard> compact_shards(const fs::path& root, const CompactOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw NotAnIndexError(root.string() + ": no index here");
  if (!is_layout(root))
    throw NotAnIndexError(root.string() +
                          ": not a shard layout (compact works on the shards of `iranidx build --shards`; a single "
                          "index is rebuilt smaller by `iranidx build --full`)");
  BuildLock lock(root, options.wait_seconds);
  auto layout = read_layout(root);
  if (!layout) throw NotAnIndexError(root.string() + ": not a shard layout");
  align_shard_stubs(*layout);

  std::vector<std::string> names = options.shards;
  if (options.all)
    for (const auto& s : layout->shards) names.push_back(s.name);
  std::vector<std::string> known;
  for (const auto& s : layout->shards) known.push_back(s.name);
  for (const auto& n : names)
    if (std::find(known.begin(), known.end(), n) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw NotAnIndexError(root.string() + ": no shard '" + n + "' in this layout (its shards: " + list + ")");
    }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  auto step = [&](const std::string& what) {
    if (options.after_step) options.after_step(what);
  };
  std::vector<CompactedShard> done;
  for (const auto& name : names) {
    const auto it = std::find_if(layout->shards.begin(), layout->shards.end(), [&](const auto& s) { return s.name == name; });
    const fs::path dir = it->generation.parent_path();
    const fs::path scratch = dir / kScratch;
    // What a killed compaction (or copy) left: a half-written scratch copy, or a
    // finished one never published.
    fs::remove_all(scratch, ec);
    discard_pending_generations(dir, {});
    CompactedShard report{name, it->generation, it->generation, bytes_of(it->generation), 0, false};
    if (is_compacted(Xapian::Database(it->generation.string()))) {
      report.already = true;
      report.bytes_after = report.bytes_before;
      done.push_back(report);
      continue;
    }
    try {
      Xapian::Database(it->generation.string()).compact(scratch.string(), Xapian::DBCOMPACT_NO_RENUMBER);
      step("compacted");
      {
        Xapian::WritableDatabase mark(scratch.string(), Xapian::DB_OPEN);
        mark.set_metadata(std::string(schema::kMetaCompacted), utc_now());
        mark.commit();
        mark.close();
      }
      step("marked");
    } catch (...) {
      fs::remove_all(scratch, ec);
      throw;
    }
    const fs::path to = next_generation(dir);
    fs::rename(scratch, to);
    fsync_dir(dir);
    step("renamed");
    it->generation = to;
    publish_layout(root, *layout);
    step("layout published");
    publish_generation(dir, to);
    step("published");
    report.to = to;
    report.bytes_after = bytes_of(to);
    done.push_back(report);
  }
  return done;
}

}  // namespace iran::index
