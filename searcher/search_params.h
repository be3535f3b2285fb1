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
  std::string sort;       // relevance | date; empty: relevance with a query, date without
  std::string histogram;  // month | year; empty: none
  Xapian::doccount offset = 0;
  Xapian::doccount limit = 10;
  bool facets = false;    // count facets (JSON output always carries them)
  bool json = false;      // the output is JSON
};

inline constexpr Xapian::doccount kMaxLimit = 1000000;

struct PreparedSearch {
  index::SearchRequest request;
  RenderOptions render;
  std::optional<index::HistogramUnit> histogram;
};

// Checks the values a parser cannot (sort and histogram names, the limit's bound) and
// builds the request; throws index::UsageError naming the parameter.
PreparedSearch prepare_search(const SearchParams& params);

// Runs the search and fills prepared.render.histogram from the month facet.
index::SearchResult run_search(index::Searcher& searcher, PreparedSearch& prepared);

}  // namespace iran::searcher
