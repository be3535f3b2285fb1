#include "index/document_builder.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "entities/name_key.h"
#include "index/dates.h"
#include "index/discovered.h"
#include "index/schema.h"
#include "util/strings.h"

namespace iran::index {
namespace {

// Metadata values come from files anyone can write: bounded, so that a 280-character
// source cannot make Xapian refuse the document.
std::string term(std::string_view prefix, std::string_view value) {
  return schema::bounded_term(prefix, util::ascii_lower(value));
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
  // Name-like words: a key of one sound (Ali → "l") says too little to be worth a term.
  std::set<std::string> keys;
  auto add_word_keys = [&](std::string_view word) {
    for (auto& k : entities::name_keys(word))
      if (k.size() >= 2) keys.insert(std::move(k));
  };
  auto add_name = [&](std::string_view name) {
    std::size_t words = 0;
    for (std::size_t i = 0; i < name.size();) {
      const std::size_t space = name.find_first_of(" \t\n-", i);
      const std::string_view w = name.substr(i, space == std::string_view::npos ? std::string_view::npos : space - i);
      if (!w.empty()) {
        add_word_keys(w);
        ++words;
      }
      if (space == std::string_view::npos) break;
      i = space + 1;
    }
    if (words > 1)
      for (auto& k : entities::name_span_keys(name)) keys.insert(std::move(k));
  };
  for (const auto& m : found.mentions)
    if (m.entity->kind == entities::Kind::Official) add_name(m.surface);
  for (const auto& d : discovered)
    for (const auto& [b, e] : d.spans) add_name(std::string_view(text).substr(b, e - b));
  keys.insert(found.name_keys.begin(), found.name_keys.end());
  // Runs of capitalized Latin words (and the particles inside names) are names too: an
  // Arabic-script query for قاسم الأعرجي finds "Qasim al-Araji" wherever it is written.
  {
    std::vector<std::string_view> run;
    std::size_t run_end = 0;
    auto flush = [&] {
      std::size_t proper = 0;
      for (auto w : run) proper += w[0] >= 'A' && w[0] <= 'Z';
      while (!run.empty() && !(run.back()[0] >= 'A' && run.back()[0] <= 'Z')) run.pop_back();
      if (proper >= 2 && proper <= 5) {
        const std::string_view span(run.front().data(), static_cast<std::size_t>(run.back().data() + run.back().size() - run.front().data()));
        for (auto& k : entities::name_span_keys(span)) keys.insert(std::move(k));
      }
      run.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
      if (!std::isalpha(static_cast<unsigned char>(text[i]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
      const std::string_view w = std::string_view(text).substr(i, j - i);
      const bool joined = !run.empty() && (text.substr(run_end, i - run_end) == " " || text.substr(run_end, i - run_end) == "-");
      const bool capital = w[0] >= 'A' && w[0] <= 'Z';
      const bool particle = w == "al" || w == "el" || w == "bin" || w == "ibn" || w == "bint" || w == "abu" || w == "de";
      if (!joined) flush();
      if (capital || (particle && !run.empty())) run.push_back(w);
      else flush();
      run_end = j;
      i = j;
    }
    flush();
  }
  for (std::size_t i = 0; i < text.size();) {
    const bool start = (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]))) && text[i] >= 'A' && text[i] <= 'Z';
    std::size_t j = i + 1;
    while (j < text.size() && (std::isalpha(static_cast<unsigned char>(text[j])) || (static_cast<unsigned char>(text[j]) & 0x80)))
      ++j;
    if (start && j - i >= 3) add_word_keys(std::string_view(text).substr(i, j - i));
    i = j;
  }
  return {{countries.begin(), countries.end()}, {officials.begin(), officials.end()}, std::move(mentions),
          std::move(discovered), {keys.begin(), keys.end()}};
}

// TermGenerator's FLAG_SPELLING writes to the database from inside index_text, which a
// worker thread must not touch. With STOP_STEMMED, Xapian 1.4 asks the stopper about
// exactly the words FLAG_SPELLING would add (each occurrence, after the length check,
// before stemming): a stopper that stops nothing and counts them collects the same words
// (tests/unit/test_document_builder.cc checks it against FLAG_SPELLING).
class DocumentBuilder::SpellingRecorder : public Xapian::Stopper {
 public:
  bool operator()(const std::string& term) const override {
    if (active) ++words[term];
    return false;
  }
  bool active = false;  // only unprefixed text feeds the spelling data, as with FLAG_SPELLING
  mutable std::map<std::string, unsigned> words;
};

void BuiltDocument::add_spelling_to(Xapian::WritableDatabase& db) const {
  for (const auto& [word, count] : spelling) db.add_spelling(word, count);
}

DocumentBuilder::DocumentBuilder(const text::Analyzer& analyzer, const entities::Gazetteer& gazetteer)
    : analyzer_(analyzer), gazetteer_(gazetteer), spelling_(std::make_unique<SpellingRecorder>()) {
  analyzer_.configure(generator_);
  generator_.set_stopper(spelling_.get());
  generator_.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
}

DocumentBuilder::~DocumentBuilder() = default;

BuiltDocument DocumentBuilder::build(const std::string& relative_path, const corpus::Article& article,
                                     const std::string& signature, const std::string& conversion) {
  const auto& meta = article.meta;
  const ArticleEntities found = extract_entities(article, gazetteer_);

  BuiltDocument built;
  Xapian::Document& doc = built.doc;
  generator_.set_document(doc);
  spelling_->words.clear();
  if (!meta.title.empty()) {
    const std::string title = analyzer_.normalize(meta.title);
    spelling_->active = false;
    analyzer_.index_normalized(generator_, title, schema::kTitlePrefix);
    spelling_->active = true;
    analyzer_.index_normalized(generator_, title);
    // A gap so that a phrase cannot run from the title into the body.
    generator_.increase_termpos(100);
  }
  // Normalized once: for the terms and for the copy print.
  const std::string body = analyzer_.normalize(article.body);
  spelling_->active = true;
  analyzer_.index_normalized(generator_, body);
  spelling_->active = false;
  // The generator lets go of the document (a handle whose count is not atomic) before
  // it leaves this thread.
  generator_.set_document(Xapian::Document());
  built.spelling.assign(spelling_->words.begin(), spelling_->words.end());
  built.copy = copy_print(body);

  doc.add_boolean_term(schema::id_term(relative_path));
  for (const auto& c : found.countries) doc.add_term(term(schema::kCountryPrefix, c), found.mentions.at(c));
  for (const auto& o : found.officials) doc.add_term(term(schema::kOfficialPrefix, o), found.mentions.at(o));
  for (const auto& d : found.discovered) doc.add_boolean_term(discovered_term(d));
  for (const auto& k : found.name_keys) doc.add_boolean_term(name_key_term(k));
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
  return built;
}

}  // namespace iran::index
