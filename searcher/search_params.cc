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
  r.offset = p.offset;
  if (p.sort == "relevance") r.sort = index::SortOrder::Relevance;
  else if (p.sort == "date") r.sort = index::SortOrder::Date;
  else if (!p.sort.empty())
    throw index::UsageError("sort '" + p.sort + "': expected relevance or date");
  if (p.histogram == "month") out.histogram = index::HistogramUnit::Month;
  else if (p.histogram == "year") out.histogram = index::HistogramUnit::Year;
  else if (!p.histogram.empty())
    throw index::UsageError("histogram '" + p.histogram + "': expected month or year");
  out.render.facets = p.facets;
  // The month facet feeds the histogram; JSON always carries the facets.
  r.want_facets = p.facets || p.json || out.histogram.has_value();
  return out;
}

index::SearchResult run_search(index::Searcher& searcher, PreparedSearch& prepared) {
  auto result = searcher.search(prepared.request);
  if (prepared.histogram) {
    for (const auto& facet : result.facets)
      if (facet.name == "month") prepared.render.histogram = index::make_histogram(facet, *prepared.histogram);
  }
  return result;
}

}  // namespace iran::searcher
