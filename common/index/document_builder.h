// One article → one Xapian document: terms, positions, values and stored fields.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "corpus/article.h"
#include "entities/gazetteer.h"
#include "index/copies.h"
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

// A document built away from the database, ready for the writer: the build analyses
// on worker threads and one thread writes.
struct BuiltDocument {
  Xapian::Document doc;
  // The words for the database's spelling data (did-you-mean), with how often the text
  // has each: what TermGenerator's FLAG_SPELLING would add, sorted by word.
  std::vector<std::pair<std::string, unsigned>> spelling;
  CopyPrint copy;  // for assign_copy_key, which needs the database
  // Adds the spelling words to db: the writer's part.
  void add_spelling_to(Xapian::WritableDatabase& db) const;
};

// One per thread: it holds a TermGenerator. The analyzer and gazetteer are shared (their
// const methods are safe across threads).
class DocumentBuilder {
 public:
  DocumentBuilder(const text::Analyzer& analyzer, const entities::Gazetteer& gazetteer);
  ~DocumentBuilder();
  DocumentBuilder(const DocumentBuilder&) = delete;
  DocumentBuilder& operator=(const DocumentBuilder&) = delete;

  // `signature` is stored for the next incremental run; `conversion` notes decoding.
  // The document shares nothing with the builder: it may go to another thread.
  BuiltDocument build(const std::string& relative_path, const corpus::Article& article,
                      const std::string& signature, const std::string& conversion);

 private:
  class SpellingRecorder;
  const text::Analyzer& analyzer_;
  const entities::Gazetteer& gazetteer_;
  Xapian::TermGenerator generator_;
  std::unique_ptr<SpellingRecorder> spelling_;
};

}  // namespace iran::index
