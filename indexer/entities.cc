#include <iostream>

#include "app/cli_support.h"
#include "corpus/article.h"
#include "corpus/reader.h"
#include "index/document_builder.h"
#include "indexer/commands.h"

namespace iran::indexer {

// What the extractor sees in one file: metadata, then every mention with its byte span
// in the indexed body, then the facet values the index would get.
int run_entities(const std::string& file) {
  const auto context = app::load_analysis_context();
  const auto content = corpus::read_text_file(file);
  std::string sidecar;
  try {
    sidecar = corpus::read_text_file(file + ".meta").text;
  } catch (const corpus::FileError&) {
  }
  const auto article = corpus::parse_article(content.text, sidecar, context.gazetteer);
  const auto& m = article.meta;
  std::cout << "title:    " << m.title << "\nlang:     " << m.lang << "\nsource:   " << m.source
            << (m.source_name.empty() ? "" : " (" + m.source_name + ")") << "\ndate:     "
            << (m.date.empty() ? "undated" : m.date + " (from " + m.date_origin + ")") << "\n\n";
  for (const auto& mention : context.gazetteer.find(article.body)) {
    const char* kind = mention.entity->kind == entities::Kind::Country ? "country " : "official";
    std::cout << kind << "  " << mention.entity->id << "  [" << mention.begin << "," << mention.end << ")  "
              << mention.surface << '\n';
  }
  const auto found = index::extract_entities(article, context.gazetteer);
  std::cout << "\ncountries: ";
  for (const auto& c : found.countries) std::cout << c << ' ';
  std::cout << "\nofficials: ";
  for (const auto& o : found.officials) std::cout << o << ' ';
  std::cout << '\n';
  return app::exit_code::kSuccess;
}

}  // namespace iran::indexer
