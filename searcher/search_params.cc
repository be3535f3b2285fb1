#include "searcher/search_params.h"

#include <cstdio>

#include "index/searcher.h"
#include "util/strings.h"

namespace iran::searcher {

namespace {

// A query or filter that is not UTF-8 is refused, never echoed raw (JSON must parse)
// nor guessed at; the message names the byte, not the bytes.
void require_utf8(std::string_view what, const std::string& value) {
  const auto bad = util::find_invalid_utf8(value);
  if (bad == std::string::npos) return;
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(value[bad]));
  throw index::UsageError(std::string(what) + " is not valid UTF-8 (byte " + byte + " at offset " + std::to_string(bad) +
                          "): give text in UTF-8");
}

void require_utf8(std::string_view what, const std::vector<std::string>& values) {
  for (const auto& v : values) require_utf8(what, v);
}

}  // namespace

PreparedSearch prepare_search(const SearchParams& p) {
  require_utf8("the query", p.query);
  require_utf8("--country", p.countries);
  require_utf8("--official", p.officials);
  require_utf8("--source", p.sources);
  require_utf8("--lang", p.langs);
  require_utf8("--from", p.from);
  require_utf8("--to", p.to);
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
