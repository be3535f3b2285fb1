#include "index/search_params.h"

#include <charconv>

#include "util/strings.h"

namespace iran::index {
namespace {

Xapian::doccount count_param(std::string_view name, std::string_view value) {
  unsigned long n = 0;
  const auto* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, n);
  if (ec != std::errc() || ptr != end || n > 1000000)
    throw UsageError(std::string(name) + " '" + std::string(value) + "': not a number from 0 to 1000000");
  return static_cast<Xapian::doccount>(n);
}

bool flag_param(std::string_view name, std::string_view value) {
  if (value.empty() || value == "1" || value == "true" || value == "yes" || value == "on") return true;
  if (value == "0" || value == "false" || value == "no" || value == "off") return false;
  throw UsageError(std::string(name) + " '" + std::string(value) + "': use true or false");
}

}  // namespace

SortOrder parse_sort(std::string_view name) {
  if (name == "relevance") return SortOrder::Relevance;
  if (name == "newest" || name == "date") return SortOrder::Newest;
  if (name == "oldest") return SortOrder::Oldest;
  throw UsageError("sort '" + std::string(name) + "': use relevance, newest or oldest");
}

std::string_view sort_name(SortOrder order) {
  switch (order) {
    case SortOrder::Relevance: return "relevance";
    case SortOrder::Newest: return "newest";
    case SortOrder::Oldest: return "oldest";
  }
  return "relevance";
}

void set_param(SearchRequest& r, std::string_view name, std::string_view value) {
  const std::string v(value);
  if (name == "q") r.query = v;
  else if (name == "country") r.countries.push_back(v);
  else if (name == "official") r.officials.push_back(v);
  else if (name == "source") r.sources.push_back(v);
  else if (name == "lang") r.langs.push_back(v);
  else if (name == "from") r.from = v;
  else if (name == "to") r.to = v;
  else if (name == "limit") r.limit = count_param(name, value);
  else if (name == "offset") r.offset = count_param(name, value);
  else if (name == "sort") r.sort = parse_sort(value);
  else if (name == "any") r.any = flag_param(name, value);
  else if (name == "like") r.like = v;
  else if (name == "all_copies") r.all_copies = flag_param(name, value);
  else if (name == "facets") r.want_facets = flag_param(name, value);
  else if (name == "histogram") {
    r.histogram = parse_histogram_unit(value);
    if (!r.histogram) throw UsageError("histogram '" + v + "': use day, week, month or year");
  } else {
    throw UsageError("unknown parameter '" + std::string(name) + "'");
  }
}

}  // namespace iran::index
