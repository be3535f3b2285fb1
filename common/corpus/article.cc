#include "corpus/article.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "corpus/boilerplate.h"
#include "corpus/dates.h"
#include "corpus/language.h"
#include "corpus/metadata.h"
#include "corpus/page.h"
#include "corpus/source.h"
#include "corpus/title.h"
#include "entities/gazetteer.h"

namespace iran::corpus {

namespace {

using entities::Kind;

constexpr std::string_view kSidecar = "sidecar";
constexpr std::string_view kFrontMatter = "front-matter";
constexpr std::string_view kUrl = "url";
constexpr std::string_view kText = "text";

// One layer of metadata with its origin, so a resolution error can say where it is.
struct Layer {
  MetadataFields fields;
  std::string_view origin;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Supplied country and official names → canonical IDs. An unknown name is an error:
// a typo would otherwise become a facet value nobody can search for.
std::vector<std::string> resolve_ids(const std::vector<std::string>& names, Kind kind,
                                     std::string_view key, std::string_view origin,
                                     const entities::Gazetteer& g) {
  std::vector<std::string> ids;
  for (const auto& name : names) {
    const auto* e = g.resolve(kind, name);
    if (!e) {
      std::string where = origin == kFrontMatter ? "front matter" : std::string(origin);
      std::string msg = where + ": " + std::string(key) + ": unknown name '" + name + "'";
      auto near = g.suggest(kind, name);
      if (!near.empty()) msg += " (did you mean: " + join(near) + "?)";
      throw MetadataError(msg);
    }
    if (std::find(ids.begin(), ids.end(), e->id) == ids.end()) ids.push_back(e->id);
  }
  return ids;
}

// The highest layer that gives a field, with its origin.
template <typename Get>
std::pair<std::optional<std::string>, std::string_view> pick(const Layer& top, const Layer& next,
                                                             Get get) {
  if (auto v = get(top.fields)) return {v, top.origin};
  if (auto v = get(next.fields)) return {v, next.origin};
  return {std::nullopt, {}};
}

// A value of the page layer, when the page gives one.
std::optional<std::string> from_page(const PageMetadata* page, const std::optional<std::string> PageMetadata::*field) {
  if (!page || !(page->*field) || (page->*field)->empty()) return std::nullopt;
  return page->*field;
}

Article parse(std::string_view text, std::string_view sidecar, const entities::Gazetteer& gazetteer,
              const PageMetadata* page) {
  // Only a plain text file has front matter; a page's text is what the page says.
  FrontMatter fm;
  fm.rest = text;
  if (!page) fm = split_front_matter(text);
  Layer front{
      fm.present ? parse_metadata(fm.block, "front matter", fm.first_line) : MetadataFields{},
      kFrontMatter};
  Layer side{parse_metadata(sidecar, kSidecar), kSidecar};
  if (page && page->per_item) {
    // One sidecar for a whole feed or dump: its title and url are nobody's in particular.
    side.fields.title.reset();
    side.fields.url.reset();
  }

  Article a;
  auto stripped = strip_boilerplate(fm.rest);
  a.body = std::move(stripped.text);
  for (const auto& r : stripped.removed) a.removed.push_back(r.rule + ": " + r.text);

  Metadata& m = a.meta;
  auto title = pick(side, front, [](const MetadataFields& f) { return f.title; }).first;
  if (!title) {
    title = from_page(page, &PageMetadata::title);
    if (title) title = strip_outlet_name(*title, gazetteer);
  }
  m.title = title ? *title : derive_title(a.body);

  auto lang = pick(side, front, [](const MetadataFields& f) { return f.lang; }).first;
  if (!lang) lang = from_page(page, &PageMetadata::lang);
  m.lang = lang ? *lang : detect_language(a.body);

  auto url = pick(side, front, [](const MetadataFields& f) { return f.url; }).first;
  if (!url) url = from_page(page, &PageMetadata::url);
  m.url = url.value_or("");
  auto note = pick(side, front, [](const MetadataFields& f) { return f.note; }).first;
  m.note = note.value_or("");

  if (auto [date, origin] = pick(side, front, [](const MetadataFields& f) { return f.date; });
      date) {
    m.date = *date;
    m.date_origin = origin;
  } else if (auto page_date = from_page(page, &PageMetadata::date)) {
    m.date = *page_date;
    m.date_origin = page->origin;
  } else if (auto from_url = date_from_url(m.url)) {
    m.date = *from_url;
    m.date_origin = kUrl;
  } else if (auto found = find_publication_date(a.body)) {
    m.date = found->date;
    m.date_origin = kText;
  } else if (auto crawled = from_page(page, &PageMetadata::crawled)) {
    m.date = *crawled;
    m.date_origin = "crawled";
  }

  if (auto [given, origin] = pick(side, front, [](const MetadataFields& f) { return f.source; });
      given) {
    auto ref = resolve_source(*given, gazetteer);
    m.source = ref.id;
    m.source_name = ref.name;
    m.source_origin = origin;
  } else if (auto from = page ? page_source(page->source, page->source_host, gazetteer) : std::nullopt) {
    m.source = from->id;
    m.source_name = from->name;
    m.source_origin = page->origin;
  } else if (auto ref = detect_source(a.body, stripped.removed, gazetteer)) {
    m.source = ref->id;
    m.source_name = ref->name;
    m.source_origin = kText;
  }

  // Lists are not merged across layers: the sidecar's list replaces the front matter's.
  const Layer& countries_layer = side.fields.countries.empty() ? front : side;
  m.countries = resolve_ids(countries_layer.fields.countries, Kind::Country, "countries",
                            countries_layer.origin, gazetteer);
  const Layer& officials_layer = side.fields.officials.empty() ? front : side;
  m.officials = resolve_ids(officials_layer.fields.officials, Kind::Official, "officials",
                            officials_layer.origin, gazetteer);
  return a;
}

}  // namespace

Article parse_article(std::string_view text, std::string_view sidecar,
                      const entities::Gazetteer& gazetteer) {
  return parse(text, sidecar, gazetteer, nullptr);
}

Article parse_article(std::string_view text, std::string_view sidecar,
                      const entities::Gazetteer& gazetteer, const PageMetadata& page) {
  return parse(text, sidecar, gazetteer, &page);
}

}  // namespace iran::corpus
