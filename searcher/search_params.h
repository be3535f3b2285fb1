// What a search asks for as text, from the command line or from a web request, and the
// one function that turns it into a SearchRequest and runs it. `iransearch --json` and
// GET /api/search both go through here, so the same parameters give the same JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "index/histogram.h"
#include "index/search_request.h"
#include "searcher/render.h"

namespace iran::index { class Searcher; }

namespace iran::searcher {

struct SearchParams {
  std::string query;
  // One entry per --country (or country=) given; commas inside mean "any of".
  std::vector<std::string> countries, officials, sources, langs;
  std::string from, to;
  std::string sort;       // relevance | newest | oldest | date (= newest); empty: relevance with a query, newest without
  std::string histogram;  // day | week | month | year; empty: none
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 10;
  bool facets = false;    // count facets (JSON output always carries them)
  bool json = false;      // the output is JSON
  bool any = false;       // any of the words (default: all, falling back to any)
  std::string like;       // more like this article (path or docid:N)
  bool all_copies = false;  // every syndicated copy, not one per story
  std::optional<std::size_t> facet_limit;  // values per facet; default 10 in text, all in JSON
};

// Bounds of the numbers a search takes, the same from the command line and the web API.
inline constexpr Xapian::doccount kMaxLimit = 1000000;
inline constexpr Xapian::doccount kMaxOffset = 100000000;
inline constexpr std::size_t kMaxFacetLimit = 100000;

struct PreparedSearch {
  index::SearchRequest request;
  RenderOptions render;
  std::optional<index::HistogramUnit> histogram;
};

// Checks the values a parser cannot (sort and histogram names, the limit's bound) and
// builds the request; throws index::UsageError naming the parameter.
PreparedSearch prepare_search(const SearchParams& params);

// Runs the search; the histogram, when asked for, is in the result (and, for older
// callers, in prepared.render.histogram).
index::SearchResult run_search(index::Searcher& searcher, PreparedSearch& prepared);

}  // namespace iran::searcher
