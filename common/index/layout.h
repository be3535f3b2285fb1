// A sharded index that iranidx writes itself (`iranidx build --shards year|hash:N`):
//
//   index/XAPIANDB        a Xapian stub naming every shard's current generation, one
//                         `auto` line each, so `iransearch --db index`, `delve index` and
//                         `quest -d index` open the whole layout; its `#` lines (comments
//                         to Xapian) say how the layout is split and where its home is
//   index/iranidx.lock    the one build lock of the whole layout
//   index/home/gen-N/     a database with no documents: the layout's own records (feeds'
//                         and dumps' signatures, the last build), committed last
//   index/2021/           one shard: an index directory as a single index has (its own
//                         XAPIANDB stub naming its generation, what `xapian-tcpsrv` serves)
//   index/undated/        articles without a date (year layouts)
//   index/hash-00/ ...    hash:N layouts: shard = hash of the article's path mod N
//
// Publishing the layout stub (a rename) switches every local searcher to a new set of
// generations at once: a full rebuild is swapped in whole.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iran::index {

// How a layout splits articles.
struct ShardScheme {
  enum class Kind { Year, Hash };
  Kind kind = Kind::Year;
  unsigned buckets = 0;  // Hash: N

  // "year" or "hash:N" (2 ≤ N ≤ 256); throws std::invalid_argument naming what is wrong.
  static ShardScheme parse(std::string_view text);
  std::string text() const;  // "year", "hash:4"

  // The shard an article belongs to: by the year of its date's first day ("yyyymmdd",
  // empty when undated → "undated"), or by a hash of its ID term.
  std::string shard_for(std::string_view id_term, std::string_view first_day) const;
  // Every shard name of a hash layout (they exist from the first build on); empty for
  // year layouts, whose shards appear with their first article.
  std::vector<std::string> fixed_shards() const;
  // Whether `name` is a shard name this scheme makes.
  bool valid_name(std::string_view name) const;

  bool operator==(const ShardScheme&) const = default;
};

struct LayoutShard {
  std::string name;                    // "2021", "undated", "hash-03"
  std::filesystem::path generation;    // absolute: index/2021/gen-000004
};

struct Layout {
  ShardScheme scheme;
  std::filesystem::path home;          // absolute: index/home/gen-000001
  std::vector<LayoutShard> shards;     // in stub order: years ascending, undated last
};

// Whether `db` is the root of a layout iranidx made (its stub says so).
bool is_layout(const std::filesystem::path& db);

// The published layout at `db`; nullopt when `db` is no layout. Throws IndexError for a
// layout stub that is damaged (names no home, a line that is not ours).
std::optional<Layout> read_layout(const std::filesystem::path& db);

// Writes the layout stub beside the old one and renames it into place (atomic): from
// then on every local searcher opens these generations. Shards are written in order.
void publish_layout(const std::filesystem::path& db, const Layout& layout);

// Sorts shards into stub order (years ascending, "undated" last, hash buckets by number).
void sort_shards(std::vector<LayoutShard>& shards);

// What a searcher pool compares to know the published index changed (a full rebuild
// swapped in, a shard added): the generation of a single index, the layout stub's text;
// nullopt when there is no index.
std::optional<std::string> published_state(const std::filesystem::path& db);

}  // namespace iran::index
