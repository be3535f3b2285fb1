// `iranidx entities` and `iranidx show`: what the indexer sees in one file, for debugging
// a wrong facet or a word that does not match. Every input kind: a text, a page, a feed
// or a dump (all its items, or one: FILE#ITEM, the identity the index uses).
#include <filesystem>
#include <iostream>
#include <tuple>
#include <vector>

#include "app/cli_support.h"
#include "corpus/article.h"
#include "corpus/input.h"
#include "corpus/reader.h"
#include "index/document_builder.h"
#include "indexer/commands.h"
#include "util/terminal.h"

namespace iran::indexer {
namespace {

namespace fs = std::filesystem;

struct Loaded {
  std::string item;  // empty for a file that is one article
  corpus::Article article;
};

// "feed.xml#guid" → ("feed.xml", "guid"): the longest existing file before a '#'
// (a path may hold '#' itself), or the whole spec when it names a file.
std::pair<std::string, std::string> split_spec(const std::string& spec) {
  std::error_code ec;
  if (fs::is_regular_file(spec, ec)) return {spec, ""};
  for (auto pos = spec.find('#'); pos != std::string::npos; pos = spec.find('#', pos + 1)) {
    const std::string file = spec.substr(0, pos);
    if (fs::is_regular_file(file, ec)) return {file, spec.substr(pos + 1)};
  }
  return {spec, ""};
}

std::vector<Loaded> load_articles(const std::string& spec, const Paths& paths, const entities::Gazetteer& gazetteer) {
  const corpus::InputOptions& inputs = paths.inputs;
  auto [file, item] = split_spec(spec);
  std::error_code ec;
  // Not there from here: the path in the corpus, as the index and iransearch name it.
  if (!fs::exists(file, ec) && !paths.corpus.empty() && fs::path(spec).is_relative()) {
    auto in_corpus = split_spec((fs::path(paths.corpus) / spec).string());
    if (fs::exists(in_corpus.first, ec)) std::tie(file, item) = std::move(in_corpus);
  }
  if (!fs::exists(file, ec))
    throw std::runtime_error(spec + ": no such file (looked here and in " + paths.corpus + "/)");
  if (!corpus::input_kind_of(file))
    throw std::runtime_error(file + ": not an input file (" + corpus::skip_label(fs::path(file).filename().string()) +
                             "): articles are .txt, .html/.htm/.xhtml, .rss/.atom/.xml feeds, .jsonl/.ndjson dumps, and pages saved under a name with no extension");
  std::string sidecar;
  try {
    sidecar = corpus::read_sidecar(file);
  } catch (const corpus::FileError& e) {
    throw std::runtime_error(file + ": " + e.what());
  }
  std::vector<Loaded> out;
  std::vector<std::string> items;
  corpus::SourceFile source;
  try {
    source = corpus::read_source(file, inputs, [&](corpus::SourceRecord&& r) {
      if (items.size() < 5) items.push_back(r.item);
      if (!item.empty() && r.item != item) return;
      out.push_back({r.item, corpus::make_article(r, sidecar, gazetteer)});
    });
  } catch (const corpus::FileVanished&) {
    throw std::runtime_error(file + ": no such file");
  } catch (const corpus::FileError& e) {
    throw std::runtime_error(file + ": " + e.what());
  } catch (const corpus::MetadataError& e) {
    throw std::runtime_error(file + ": " + e.what());
  }
  for (const auto& p : source.problems)
    app::print_warning("iranidx", file + (p.line ? ":" + std::to_string(p.line) : std::string()) + ": " + p.problem +
                                      " (not indexed)");
  if (!item.empty() && out.empty()) {
    std::string known;
    for (const auto& i : items) known += (known.empty() ? "" : ", ") + i;
    throw std::runtime_error(spec + ": no item '" + item + "' in " + file + (known.empty() ? "" : " (items: " + known + ", ...)"));
  }
  return out;
}

void print_metadata(const Loaded& l) {
  const auto& m = l.article.meta;
  if (!l.item.empty()) std::cout << "item:     " << util::quote_name(l.item) << '\n';
  using util::escape_controls;
  std::cout << "title:    " << escape_controls(m.title) << "\nlang:     " << escape_controls(m.lang)
            << "\nsource:   " << escape_controls(m.source)
            << (m.source_name.empty() ? "" : " (" + escape_controls(m.source_name) + ")") << "\ndate:     "
            << (m.date.empty() ? "undated" : m.date + " (from " + m.date_origin + ")")
            << "\nurl:      " << escape_controls(m.url) << '\n';
}

}  // namespace

// Metadata, every mention with its byte span in the indexed body, then the facet values.
int run_entities(const std::string& file, const Paths& paths) {
  const auto context = app::load_analysis_context();
  bool first = true;
  for (const auto& loaded : load_articles(file, paths, context.gazetteer)) {
    if (!first) std::cout << '\n';
    first = false;
    const auto& article = loaded.article;
    print_metadata(loaded);
    std::cout << '\n';
    for (const auto& mention : context.gazetteer.find(article.body)) {
      const char* kind = mention.entity->kind == entities::Kind::Country ? "country " : "official";
      std::cout << kind << "  " << mention.entity->id << "  [" << mention.begin << "," << mention.end << ")  "
                << util::escape_controls(mention.surface) << '\n';
    }
    const auto found = index::extract_entities(article, context.gazetteer);
    std::cout << "\ncountries: ";
    for (const auto& c : found.countries) std::cout << c << ' ';
    std::cout << "\nofficials: ";
    for (const auto& o : found.officials) std::cout << o << ' ';
    std::cout << '\n';
    for (const auto& d : found.discovered) {
      std::cout << "discovered  " << util::escape_controls(d.id) << "  " << util::escape_controls(d.name)
                << "  role: " << (d.role.empty() ? "-" : util::escape_controls(d.role))
                << "  country: " << (d.country.empty() ? "-" : d.country) << "  mentions:";
      for (const auto& [b, e] : d.spans) std::cout << " [" << b << "," << e << ")";
      std::cout << '\n';
    }
  }
  return app::exit_code::kSuccess;
}

// Metadata, a line "---", then the body exactly as it is indexed (boilerplate removed).
int run_show(const std::string& file, const Paths& paths) {
  const auto context = app::load_analysis_context();
  bool first = true;
  for (const auto& loaded : load_articles(file, paths, context.gazetteer)) {
    if (!first) std::cout << '\n';
    first = false;
    print_metadata(loaded);
    std::cout << "---\n" << util::escape_controls_multiline(loaded.article.body) << '\n';
  }
  return app::exit_code::kSuccess;
}

}  // namespace iran::indexer
