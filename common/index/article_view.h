// One article as the web page's article view (and `GET /api/article`) shows it: its
// metadata, entities and whole text with the words of a query highlighted.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "index/stored_fields.h"

namespace iran::index {

struct ArticleRequest {
  std::string path;          // relative to the corpus root; or, when empty,
  Xapian::docid docid = 0;   // the document id a hit gave
  std::string query;         // words to highlight, in the search syntax; may be empty
};

struct Article {
  Xapian::docid docid = 0;
  StoredFields fields;                      // body included
  std::vector<std::string> country_names;   // display names, parallel to fields.countries
  std::vector<std::string> official_names;  // parallel to fields.officials
  std::string text;  // the whole body; highlighted spans between kHighlightStart and kHighlightEnd
  std::string indexed;              // when it was first indexed (index/ingest.h)
  std::vector<std::string> copies;  // paths of its syndicated copies (index/copies.h), first indexed first
};

}  // namespace iran::index
