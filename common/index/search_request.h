// What a search asks for and what it gets back: plain data between the CLI and the index.
#pragma once

#include <xapian.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "index/histogram.h"
#include "index/stored_fields.h"

namespace iran::index {

// A bad argument or query; what() names it and says what is wrong.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The index is missing, unreadable or from an incompatible analyzer.
struct IndexError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `date` on the command line is kept as a name for newest.
enum class SortOrder { Relevance, Newest, Oldest, Date = Newest };

struct SearchRequest {
  std::string query;  // Xapian QueryParser syntax; empty lists the filtered articles
  // Each entry is one flag's value: comma-separated alternatives (any of them);
  // repeated flags must all hold.
  std::vector<std::string> countries, officials, sources, langs;
  std::string from, to;  // yyyy, yyyy-mm or yyyy-mm-dd; inclusive
  Xapian::doccount limit = 10;
  Xapian::doccount offset = 0;
  std::optional<SortOrder> sort;  // default: relevance with a query, newest first without
  bool want_facets = false;
  // All the words by default (falling back to any word when no article has them all);
  // `any` asks for any word from the start.
  bool any = false;
  // More like this: the path (relative to the corpus root) or docid of an indexed
  // article; its most telling terms (Enquire::get_eset) become the query, with the
  // words of `query`, if any, required as well. Filters apply as usual.
  std::string like;
  bool all_copies = false;     // show every syndicated copy instead of one per story
  std::string indexed_after;   // only articles first indexed after this stamp (index/ingest.h)
  std::optional<HistogramUnit> histogram;  // fill SearchResult::histogram
  bool want_snippets = true;   // false: no snippet work (counts, paths)
  // Fill SearchResult::latest_indexed (what `--new` moves its mark to); over remote
  // shards opened without ShardOptions::read_ingest that costs a request per shard.
  bool want_latest_indexed = true;
};

struct Hit {
  Xapian::doccount rank = 0;  // 1-based, across pages
  Xapian::docid docid = 0;
  double weight = 0;
  int percent = 0;
  StoredFields fields;
  std::vector<std::string> country_names;   // display names, parallel to fields.countries
  std::vector<std::string> official_names;  // parallel to fields.officials
  std::string snippet;  // plain text; highlighted spans between kHighlightStart and kHighlightEnd
  std::string indexed;  // ingestion stamp
  // Syndicated copies folded into this hit (when not all_copies): how many, and the
  // outlets and paths of those that match the search, first indexed first.
  Xapian::doccount copies = 0;
  std::vector<std::string> also_in;        // outlet display names, one per copy
  std::vector<std::string> also_in_paths;  // parallel to also_in
};

struct FacetValue {
  std::string value;  // the ID (QA, ali-bagheri-kani, mehr, en, 2021-12)
  std::string label;  // display name
  Xapian::doccount count = 0;
  bool discovered = false;  // an official the gazetteer does not list, found by their role
  std::vector<std::string> merged_ids;  // a discovered person's other spellings' IDs, counted as this one
};

struct Facet {
  std::string name;  // country, official, source, lang, month
  std::vector<FacetValue> values;  // by count descending, then value
};

struct SearchResult {
  std::string query;           // as given
  // Things the user should know that are not errors ("--official 'X': no known official
  // by that name; searching for the name itself ..."), for stderr.
  std::vector<std::string> notes;
  std::string parsed;          // Xapian's description of the final query, for --explain
  Xapian::doccount total = 0;  // exact: the matcher checks every document
  std::vector<Hit> hits;
  std::vector<Facet> facets;   // filled when asked for; they count every copy
  // "all": the hits have every word; "any": no article had them all, so the hits have
  // any of them (or the text is a question, below); empty without free text.
  std::string matched;
  // The text is a question typed as a sentence (index/query_builder.h, is_question), so
  // it was ranked on any of its words without first asking for all of them.
  bool question = false;
  // A corrected query when some word is in no article or the search finds fewer than
  // three stories (Xapian's spelling data, which holds the gazetteer's spellings too;
  // not asked for otherwise, as it costs more than the search); never applied. suggestion_names: entities the
  // corrected words name, "Hassan Rouhani (حسن روحاني)".
  std::string suggestion;
  std::vector<std::string> suggestion_names;
  Xapian::doccount copies_hidden = 0;  // matching articles folded into a hit as copies
  std::string latest_indexed;          // newest ingestion stamp in the index searched
  std::optional<Histogram> histogram;
  // Shards asked and answering (one for a single index); with --partial, who was missing.
  std::size_t shards_asked = 0, shards_answered = 0;
  std::vector<std::string> shards_missing, shards_missing_why;
};

// Around the words a snippet highlights: bytes that never occur in UTF-8, and stored text
// reaches the snippet generator as valid UTF-8 (index/snippets.h), so a text's own bytes
// (its 0x01 and 0x02 too) never read as markers.
inline constexpr char kHighlightStart = '\xFE';
inline constexpr char kHighlightEnd = '\xFF';

}  // namespace iran::index
