// The HTTP API of `iransearch serve`, independent of the HTTP library: each endpoint takes
// the request's query parameters and returns a status and a JSON body.
//   GET /api/search   the CLI's JSON (`iransearch --json`) for the same parameters
//                     (q, country, official, source, lang, from, to, sort, offset, limit,
//                     facets, histogram, any, like, all_copies, facet_limit)
//   GET /api/article  one article: metadata, entities, whole text with highlights
//   GET /api/suggest  names as you type
//   GET /api/health   whether an index is there, and how big
//   GET /api/saved    the saved searches
// Errors are {"error":"...","status":N}: 400 bad parameters, query or date, 404 no such
// article, 503 no index (yet), 500 anything else; never a stack trace.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "index/suggest.h"
#include "searcher/searcher_pool.h"

namespace iran::searcher {

using Params = std::multimap<std::string, std::string>;

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON, one line
};

// Limits on what a request may carry; past them it gets 400.
inline constexpr std::size_t kMaxParams = 64;          // parameters in all
inline constexpr std::size_t kMaxRepeats = 16;         // values of one repeatable parameter
inline constexpr std::size_t kMaxValueBytes = 2048;    // bytes of one value (after decoding)
inline constexpr Xapian::doccount kMaxApiLimit = 1000; // hits per page

ApiResponse error_response(int status, std::string_view message);

class Api {
 public:
  Api(SearcherPool& pool, const index::Suggester& suggester);

  ApiResponse search(const Params& params);
  ApiResponse article(const Params& params);
  ApiResponse suggest(const Params& params);
  ApiResponse health();
  ApiResponse saved(const Params& params);

 private:
  // Runs body(), turning the library's exceptions into error responses.
  template <class Body>
  ApiResponse guarded(Body&& body);

  SearcherPool& pool_;
  const index::Suggester& suggester_;
};

}  // namespace iran::searcher
