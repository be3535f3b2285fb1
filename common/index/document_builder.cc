#include "index/document_builder.h"

#include <algorithm>
#include <set>

#include "index/dates.h"
#include "index/schema.h"
#include "util/strings.h"

namespace iran::index {
namespace {

std::string term(std::string_view prefix, std::string_view value) {
  std::string t(prefix);
  t += util::ascii_lower(value);
  return t;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += schema::kFacetSeparator;
    out += v;
  }
  return out;
}

}  // namespace

ArticleEntities extract_entities(const corpus::Article& article, const entities::Gazetteer& gazetteer) {
  std::set<std::string> countries, officials;
  std::map<std::string, unsigned> mentions;
  // Supplied values are names or IDs; one that does not resolve is kept as given so
  // that metadata is never silently dropped.
  for (const auto& c : article.meta.countries) {
    const auto* e = gazetteer.resolve(entities::Kind::Country, c);
    countries.insert(e ? e->id : c);
    mentions[e ? e->id : c] = 1;
  }
  for (const auto& o : article.meta.officials) {
    const auto* e = gazetteer.resolve(entities::Kind::Official, o);
    officials.insert(e ? e->id : o);
    mentions[e ? e->id : o] = 1;
  }
  // Title and body in one text (a blank line keeps names apart), so that a surname in
  // the headline attaches to the person the body introduces.
  const std::string text = article.meta.title.empty() ? article.body : article.meta.title + "\n\n" + article.body;
  auto found = gazetteer.find_with_discovery(text);
  for (const auto& m : found.mentions) {
    if (m.entity->kind == entities::Kind::Country) countries.insert(m.entity->id);
    else if (m.entity->kind == entities::Kind::Official) officials.insert(m.entity->id);
    else continue;
    ++mentions[m.entity->id];
  }
  std::vector<entities::DiscoveredOfficial> discovered;
  for (auto& d : found.discovered) {
    if (officials.count(d.id)) continue;  // a listed official's slug: theirs
    officials.insert(d.id);
    mentions[d.id] += static_cast<unsigned>(d.spans.size());
    discovered.push_back(std::move(d));
  }
  std::sort(discovered.begin(), discovered.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return {{countries.begin(), countries.end()}, {officials.begin(), officials.end()}, std::move(mentions),
          std::move(discovered)};
}

DocumentBuilder::DocumentBuilder(const text::Analyzer& analyzer, const entities::Gazetteer& gazetteer)
    : analyzer_(analyzer), gazetteer_(gazetteer) {
  analyzer_.configure(generator_);
}

void DocumentBuilder::enable_spelling(Xapian::WritableDatabase& db) {
  generator_.set_database(db);
  generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
}

Xapian::Document DocumentBuilder::build(const std::string& relative_path, const corpus::Article& article,
                                        const std::string& signature, const std::string& conversion) {
  const auto& meta = article.meta;
  const ArticleEntities found = extract_entities(article, gazetteer_);

  Xapian::Document doc;
  generator_.set_document(doc);
  if (!meta.title.empty()) {
    analyzer_.index_text(generator_, meta.title, schema::kTitlePrefix);
    analyzer_.index_text(generator_, meta.title);
    // A gap so that a phrase cannot run from the title into the body.
    generator_.increase_termpos(100);
  }
  analyzer_.index_text(generator_, article.body);

  doc.add_boolean_term(schema::id_term(relative_path));
  for (const auto& c : found.countries) doc.add_term(term(schema::kCountryPrefix, c), found.mentions.at(c));
  for (const auto& o : found.officials) doc.add_term(term(schema::kOfficialPrefix, o), found.mentions.at(o));
  if (!meta.source.empty()) doc.add_boolean_term(term(schema::kSourcePrefix, meta.source));
  if (!meta.lang.empty()) doc.add_boolean_term(term(schema::kLangPrefix, meta.lang));

  std::string month_facet = "undated";
  std::string first_day;
  if (const auto interval = parse_date_interval(meta.date)) {
    first_day = interval->first;
    doc.add_value(schema::kIntervalSlot, interval->first + interval->last);
    doc.add_value(schema::kDateSlot, interval->first);
    doc.add_value(schema::kDateEndSlot, interval->last);
    doc.add_boolean_term(term(schema::kYearPrefix, meta.date.substr(0, 4)));
    month_facet = meta.date.substr(0, 4);
    if (meta.date.size() >= 7) {
      doc.add_boolean_term(term(schema::kMonthPrefix, interval->first.substr(0, 6)));
      month_facet = meta.date.substr(0, 7);
    }
    if (meta.date.size() == 10) doc.add_boolean_term(term(schema::kDayPrefix, interval->first));
  }

  doc.add_value(schema::kSignatureSlot, signature);
  doc.add_value(schema::kCountriesSlot, joined(found.countries));
  doc.add_value(schema::kOfficialsSlot, joined(found.officials));
  doc.add_value(schema::kSourceSlot, meta.source);
  doc.add_value(schema::kLangSlot, meta.lang);
  doc.add_value(schema::kMonthSlot, month_facet);
  doc.add_value(schema::kOrderSlot, schema::order_key(first_day, relative_path));
  doc.add_value(schema::kOldestSlot, schema::oldest_key(first_day, relative_path));

  StoredFields fields;
  fields.path = relative_path;
  fields.title = meta.title;
  fields.source = meta.source;
  fields.source_name = meta.source_name;
  fields.date = meta.date;
  fields.date_origin = meta.date_origin;
  fields.lang = meta.lang;
  fields.url = meta.url;
  fields.countries = found.countries;
  fields.officials = found.officials;
  fields.conversion = conversion;
  fields.body = article.body;
  doc.set_data(encode(fields));
  return doc;
}

}  // namespace iran::index
