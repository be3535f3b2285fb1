// Turning a SearchResult into what a person or a program reads.
#pragma once

#include <ostream>

#include "index/search_request.h"

namespace iran::searcher {

struct TextStyle {
  bool bold = false;  // ANSI bold for highlights and titles: on a terminal only
};

void render_text(std::ostream& out, const index::SearchResult& result, const index::SearchRequest& request,
                 const TextStyle& style);

// The JSON document described in README.md ("JSON output"); one object, one line.
void render_json(std::ostream& out, const index::SearchResult& result, const index::SearchRequest& request);

}  // namespace iran::searcher
