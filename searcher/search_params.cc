#include "searcher/search_params.h"

#include "index/searcher.h"

namespace iran::searcher {

PreparedSearch prepare_search(const SearchParams& p) {
  PreparedSearch out;
  auto& r = out.request;
  r.query = p.query;
  r.countries = p.countries;
  r.officials = p.officials;
  r.sources = p.sources;
  r.langs = p.langs;
  r.from = p.from;
  r.to = p.to;
  if (p.limit > kMaxLimit)
    throw index::UsageError("limit " + std::to_string(p.limit) + ": at most " + std::to_string(kMaxLimit));
  r.limit = p.limit;
  if (p.offset > kMaxOffset)
    throw index::UsageError("offset " + std::to_string(p.offset) + ": at most " + std::to_string(kMaxOffset));
  r.offset = p.offset;
  if (p.sort == "relevance") r.sort = index::SortOrder::Relevance;
  else if (p.sort == "newest" || p.sort == "date") r.sort = index::SortOrder::Newest;
  else if (p.sort == "oldest") r.sort = index::SortOrder::Oldest;
  else if (!p.sort.empty())
    throw index::UsageError("sort '" + p.sort + "': expected relevance, newest or oldest (date = newest)");
  if (!p.histogram.empty()) {
    out.histogram = index::parse_histogram_unit(p.histogram);
    if (!out.histogram) throw index::UsageError("histogram '" + p.histogram + "': expected day, week, month or year");
  }
  r.histogram = out.histogram;
  r.any = p.any;
  r.like = p.like;
  r.all_copies = p.all_copies;
  out.render.facets = p.facets;
  out.render.facet_limit = p.facet_limit.value_or(p.json ? 0 : 10);
  // JSON always carries the facets.
  r.want_facets = p.facets || p.json;
  return out;
}

index::SearchResult run_search(index::Searcher& searcher, PreparedSearch& prepared) {
  auto result = searcher.search(prepared.request);
  prepared.render.histogram = result.histogram;
  return result;
}

}  // namespace iran::searcher
