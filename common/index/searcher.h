// The read side: opens an index, turns a SearchRequest into a Xapian query through the
// shared analyzer, and returns hits, snippets and facet counts. The one search function
// both the command line and the web server call.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/article_view.h"
#include "index/discovered.h"
#include "index/discovered_merge.h"
#include "index/discovered_summary.h"
#include "index/facet_table.h"
#include "index/facets.h"
#include "index/query_name_keys.h"
#include "index/search_request.h"
#include "index/shards.h"

namespace iran::entities { class Gazetteer; }
namespace iran::text { class Analyzer; }

namespace iran::index {

class Searcher {
 public:
  // Throws IndexError if there is no index at db or it was built by another analyzer.
  // `db` may be a stub of shards, local and remote (index/shards.h).
  Searcher(const std::filesystem::path& db, const entities::Gazetteer& gazetteer,
           const text::Analyzer& analyzer, const ShardOptions& shard_options = {});
  // Over shards already opened (e.g. by PendingShards, while the gazetteer loaded).
  Searcher(ShardSet shards, const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer);

  // Throws UsageError for a query that does not parse or a filter that names nothing.
  // A build committing meanwhile is handled by reopening and running again.
  SearchResult search(const SearchRequest& request);

  // "docid:N", or a path relative to the corpus root (leading directories that are not
  // part of it, such as corpus/, are dropped) → the article's docid. Throws UsageError.
  Xapian::docid resolve_article(const std::string& ref);

  // One article by path or docid, its text highlighted for request.query (defined in
  // index/article_view.cc); nullopt when there is no such article. Throws UsageError
  // for a query that does not parse.
  std::optional<Article> article(const ArticleRequest& request);

  // Where the facet tables of a single local index are kept between processes
  // (index/facet_table.h; empty, the default: in memory only). With one, the first
  // search of a process counts from the table of its revision when a file holds it.
  void set_cache_dir(std::filesystem::path dir) { cache_dir_ = std::move(dir); }
  // Makes the facet table of the revision searched and writes it to the cache folder,
  // unless it is there already: a process that runs one search calls this once its
  // answer is out, so that the next one counts from the table (a single local index
  // only). Also writes the stored discovered summaries it read from local shards
  // (ShardMeta::summary_to_keep, index/summary_file.h).
  void keep_facet_table();

  // Moves to the newest revision a build has committed; true when there was one.
  bool reopen() { return shards_.reopen(); }

  const Xapian::Database& database() const { return shards_.database(); }
  const ShardSet& shards() const { return shards_; }

 private:
  SearchResult run(const SearchRequest& request);
  // Where the one local database searched lies, for its facet table's stamp.
  std::string table_place_now() const;
  std::optional<Article> find_article(const ArticleRequest& request);
  // `corrected`, when given, receives Xapian's spelling correction of the query;
  // `name_keys`: what this search's earlier parses read (index/query_name_keys.h).
  Xapian::Query parse_query(const std::string& text, Xapian::Query::op default_op = Xapian::Query::OP_OR,
                            std::string* corrected = nullptr, NameKeyCache* name_keys = nullptr);
  Xapian::Query filters(const SearchRequest& request, std::vector<std::string>* notes = nullptr,
                        const DiscoveredMerge* merge = nullptr) const;
  Xapian::Query like_query(const std::string& ref);
  Xapian::Query highlight_query(const Xapian::Query& query) const;
  // The copies folded into each hit of `mset` that has some (the articles that match
  // `query` and share its copy key, up to kMaxCopiesListed by docid, the hit left out),
  // one list per hit (empty: none), all found in one match.
  // `folded[i]`: how many articles the collapse folded into the page's i-th hit.
  std::vector<std::vector<Xapian::docid>> copies_of(const Xapian::MSet& mset, const std::vector<Xapian::doccount>& folded,
                                                    const Xapian::Query& query);
  // The discovered officials of the index searched (index/discovered.h), kept while the
  // revision is the same.
  const DiscoveredSummary& discovered_now();
  // Official IDs of an article → the facet's IDs (a discovered person's spellings as one,
  // each once) and their labels, appended to `names`.
  void name_officials(std::vector<std::string>& ids, std::vector<std::string>& names);
  // Their spellings joined as people (index/discovered_merge.h), kept likewise.
  const DiscoveredMerge& discovered_merge_now();
  // Whether some term of the query is in no article (a misspelling, most likely), by
  // the statistics of `mset`, a match of a query holding it.
  bool has_unknown_word(const Xapian::Query& query, const Xapian::MSet& mset) const;
  // A word of query (typed: a plain term or a stem) that fewer than kCommonWord articles hold.
  static bool has_rare_word(const Xapian::Query& query, const Xapian::MSet& mset);
  std::vector<std::string> suggestion_names(const std::string& original, const std::string& corrected) const;
  // `corrected` with each corrected word that names a country or official written as the
  // entity's own name spells it, when that spelling is no farther from the typed word.
  std::string entity_spellings(const std::string& original, const std::string& corrected) const;

  ShardSet shards_;
  std::size_t searches_ = 0;  // run so far: the first one makes no facet table
  std::filesystem::path cache_dir_;
  // The discovered officials and their spellings' keys: the one shard's summary, or
  // several shards' summed (index/discovered_summary.h).
  std::shared_ptr<const DiscoveredSummary> discovered_;
  std::string discovered_uuid_;
  Xapian::rev discovered_revision_ = 0;
  std::size_t discovered_changes_ = 0;  // ShardSet::changes() when discovered_ was read
  std::size_t discovered_generation_ = 0;  // how many times discovered_ was read
  std::optional<DiscoveredMerge> merge_;
  std::size_t merge_generation_ = 0;
  std::uint64_t merge_print_ = 0;  // a hash of the officials merge_ was made of
  // Each facet's joined values split once, for the table and aliases they were made from
  // (a Searcher's later searches; facets.h, SplitValues).
  struct SplitFacet {
    const FacetAliases* aliases = nullptr;
    std::uint64_t print = 0;  // merge_print_ when aliases were given
    std::optional<SplitValues> split;
  };
  struct SplitCache {
    std::shared_ptr<const FacetTable> table;
    std::vector<SplitFacet> facets;
  };
  SplitCache split_cache_;
  // Each official facet value's label (FacetValue's label, discovered, merged_ids), made
  // once per discovered_generation_ (official_labels_generation_).
  struct OfficialLabel {
    std::string label;
    bool discovered = false;
    std::vector<std::string> merged_ids;
  };
  static constexpr std::size_t kMaxOfficialLabels = 100'000;
  std::unordered_map<std::string, OfficialLabel> official_labels_;
  std::size_t official_labels_generation_ = 0;
  ValueCounts table_facet_counts(const std::shared_ptr<const FacetTable>& table, const TableSpy& spy,
                                 std::size_t i, const FacetAliases* aliases);
  const entities::Gazetteer& gazetteer_;
  const text::Analyzer& analyzer_;
};

// "QA" → "Qatar", "ali-bagheri-kani" → "Ali Bagheri Kani": display names for facets.
std::string facet_label(const entities::Gazetteer& gazetteer, const std::string& facet,
                        const std::string& value);

}  // namespace iran::index
