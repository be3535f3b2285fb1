// Turning a SearchResult into what a person or a program reads.
#pragma once

#include <optional>
#include <ostream>

#include "index/histogram.h"
#include "index/search_request.h"

namespace iran::searcher {

struct RenderOptions {
  bool bold = false;    // ANSI bold for highlights and titles: on a terminal only
  bool facets = false;  // print the facet counts (JSON always has them)
  unsigned width = 0;   // wrap snippets to this many columns (a terminal's); 0: one line
  std::optional<index::Histogram> histogram;
};

void render_text(std::ostream& out, const index::SearchResult& result, const index::SearchRequest& request,
                 const RenderOptions& options);

// The JSON document described in README.md ("JSON output"); one object, one line.
void render_json(std::ostream& out, const index::SearchResult& result, const index::SearchRequest& request,
                 const RenderOptions& options);

}  // namespace iran::searcher
