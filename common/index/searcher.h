// The read side: opens an index, turns a SearchRequest into a Xapian query through the
// shared analyzer, and returns hits, snippets and facet counts. The one search function
// both the command line and the web server call.
#pragma once

#include <xapian.h>

#include <filesystem>

#include "index/search_request.h"

namespace iran::entities { class Gazetteer; }
namespace iran::text { class Analyzer; }

namespace iran::index {

// One indexed article, whole: `iransearch show`.
struct ArticleView {
  Xapian::docid docid = 0;
  StoredFields fields;  // with the body
  std::vector<std::string> country_names, official_names;
  std::string indexed;  // ingestion stamp
  std::vector<std::string> copies;  // paths of its syndicated copies, first indexed first
};

class Searcher {
 public:
  // Throws IndexError if there is no index at db or it was built by another analyzer.
  Searcher(const std::filesystem::path& db, const entities::Gazetteer& gazetteer,
           const text::Analyzer& analyzer);

  // Throws UsageError for a query that does not parse or a filter that names nothing.
  // A build committing meanwhile is handled by reopening and running again.
  SearchResult search(const SearchRequest& request);

  // "docid:N", or a path relative to the corpus root (leading directories that are not
  // part of it, such as corpus/, are dropped) → the article's docid. Throws UsageError.
  Xapian::docid resolve_article(const std::string& ref);
  ArticleView article(Xapian::docid docid);

  const Xapian::Database& database() const { return db_; }

 private:
  SearchResult run(const SearchRequest& request);
  Xapian::Query parse_query(const std::string& text, Xapian::Query::op default_op, std::string* corrected);
  Xapian::Query filters(const SearchRequest& request) const;
  Xapian::Query like_query(const std::string& ref);
  Xapian::Query highlight_query(const Xapian::Query& query) const;
  void fill_copies(Hit& hit, const Xapian::Query& query, const std::string& key);
  std::vector<std::string> suggestion_names(const std::string& original, const std::string& corrected) const;

  Xapian::Database db_;
  const entities::Gazetteer& gazetteer_;
  const text::Analyzer& analyzer_;
};

// "QA" → "Qatar", "ali-bagheri-kani" → "Ali Bagheri Kani": display names for facets.
std::string facet_label(const entities::Gazetteer& gazetteer, const std::string& facet,
                        const std::string& value);

}  // namespace iran::index
