// One article → one Xapian document: terms, positions, values and stored fields.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

#include "corpus/article.h"
#include "entities/gazetteer.h"
#include "index/stored_fields.h"
#include "text/analyzer.h"

namespace iran::index {

// Entities supplied by metadata, resolved and merged with those found in the text.
struct ArticleEntities {
  std::vector<std::string> countries;  // ISO codes, sorted, unique
  std::vector<std::string> officials;  // slugs, sorted, unique
  std::map<std::string, unsigned> mentions;  // id → times named (at least 1)
  // Officials the gazetteer does not list, found by their role (their IDs are also in
  // `officials`), sorted by ID.
  std::vector<entities::DiscoveredOfficial> discovered;
  // Transliteration keys (entities/name_key.h) of the article's name-like words: the
  // words of every official's mention, listed or discovered, and of their whole names,
  // and every capitalized Latin word. Sorted, unique.
  std::vector<std::string> name_keys;
};

ArticleEntities extract_entities(const corpus::Article& article, const entities::Gazetteer& gazetteer);

class DocumentBuilder {
 public:
  DocumentBuilder(const text::Analyzer& analyzer, const entities::Gazetteer& gazetteer);

  // `signature` is stored for the next incremental run; `conversion` notes decoding.
  Xapian::Document build(const std::string& relative_path, const corpus::Article& article,
                         const std::string& signature, const std::string& conversion);

  // Feed the words of every document built from now on to db's spelling data (for
  // did-you-mean in the searcher).
  void enable_spelling(Xapian::WritableDatabase& db);

 private:
  const text::Analyzer& analyzer_;
  const entities::Gazetteer& gazetteer_;
  Xapian::TermGenerator generator_;
};

}  // namespace iran::index
