// What a search asks for and what it gets back: plain data between the CLI and the index.
#pragma once

#include <xapian.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

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

enum class SortOrder { Relevance, Date };

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
};

struct Hit {
  Xapian::doccount rank = 0;  // 1-based, across pages
  Xapian::docid docid = 0;
  double weight = 0;
  int percent = 0;
  StoredFields fields;
  std::vector<std::string> country_names;   // display names, parallel to fields.countries
  std::vector<std::string> official_names;  // parallel to fields.officials
  std::string snippet;  // plain text; highlighted spans between \x01 and \x02
};

struct FacetValue {
  std::string value;  // the ID (QA, ali-bagheri-kani, mehr, en, 2021-12)
  std::string label;  // display name
  Xapian::doccount count = 0;
};

struct Facet {
  std::string name;  // country, official, source, lang, month
  std::vector<FacetValue> values;  // by count descending, then value
};

struct SearchResult {
  std::string query;           // as given
  std::string parsed;          // Xapian's description of the final query, for --explain
  Xapian::doccount total = 0;  // exact: the matcher checks every document
  std::vector<Hit> hits;
  std::vector<Facet> facets;   // filled when asked for
  // Shards asked and answering (one for a single index); with --partial, who was missing.
  std::size_t shards_asked = 0, shards_answered = 0;
  std::vector<std::string> shards_missing, shards_missing_why;
};

inline constexpr char kHighlightStart = '\x01';
inline constexpr char kHighlightEnd = '\x02';

}  // namespace iran::index
