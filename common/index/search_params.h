// Request parameters as people and URLs spell them → SearchRequest fields, in one
// place for the command line and the web server. Each throws UsageError naming the
// parameter and the values it takes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/search_request.h"

namespace iran::index {

// relevance | newest | oldest | date (= newest)
SortOrder parse_sort(std::string_view name);

// The name of a sort order, as parse_sort takes it.
std::string_view sort_name(SortOrder order);

// Sets one parameter by name: q, country, official, source, lang (each may be given
// several times), from, to, limit, offset, sort, any, like, all_copies, histogram,
// facets. Unknown names are a UsageError.
void set_param(SearchRequest& request, std::string_view name, std::string_view value);

}  // namespace iran::index
