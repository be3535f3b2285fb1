// `iranidx entities` and `iranidx show`: what the indexer sees in one file, for debugging
// a wrong facet or a word that does not match.
#include <iostream>

#include "app/cli_support.h"
#include "corpus/article.h"
#include "corpus/reader.h"
#include "corpus/walker.h"
#include "index/document_builder.h"
#include "indexer/commands.h"

namespace iran::indexer {
namespace {

corpus::Article load_article(const std::string& file, const entities::Gazetteer& gazetteer) {
  corpus::TextFile content;
  try {
    content = corpus::read_text_file(file);
  } catch (const corpus::FileVanished&) {
    throw std::runtime_error(file + ": no such file");
  } catch (const corpus::FileError& e) {
    throw std::runtime_error(file + ": " + e.what());
  }
  std::string sidecar;
  try {
    sidecar = corpus::read_sidecar(file);
  } catch (const corpus::FileError& e) {
    throw std::runtime_error(file + ": " + e.what());
  }
  try {
    return corpus::parse_article(content.text, sidecar, gazetteer);
  } catch (const corpus::MetadataError& e) {
    throw std::runtime_error(file + ": " + e.what());
  }
}

void print_metadata(const corpus::Metadata& m) {
  std::cout << "title:    " << m.title << "\nlang:     " << m.lang << "\nsource:   " << m.source
            << (m.source_name.empty() ? "" : " (" + m.source_name + ")") << "\ndate:     "
            << (m.date.empty() ? "undated" : m.date + " (from " + m.date_origin + ")") << "\nurl:      " << m.url
            << '\n';
}

}  // namespace

// Metadata, every mention with its byte span in the indexed body, then the facet values.
int run_entities(const std::string& file) {
  const auto context = app::load_analysis_context();
  const auto article = load_article(file, context.gazetteer);
  print_metadata(article.meta);
  std::cout << '\n';
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
  for (const auto& d : found.discovered) {
    std::cout << "discovered  " << d.id << "  " << d.name << "  role: " << (d.role.empty() ? "-" : d.role)
              << "  country: " << (d.country.empty() ? "-" : d.country) << "  mentions:";
    for (const auto& [b, e] : d.spans) std::cout << " [" << b << "," << e << ")";
    std::cout << '\n';
  }
  return app::exit_code::kSuccess;
}

// Metadata, a line "---", then the body exactly as it is indexed (boilerplate removed).
int run_show(const std::string& file) {
  const auto context = app::load_analysis_context();
  const auto article = load_article(file, context.gazetteer);
  print_metadata(article.meta);
  std::cout << "---\n" << article.body << '\n';
  return app::exit_code::kSuccess;
}

}  // namespace iran::indexer
