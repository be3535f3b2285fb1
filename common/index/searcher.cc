#include "index/searcher.h"

#include <algorithm>
#include <optional>

#include "entities/gazetteer.h"
#include "index/facets.h"
#include "index/filters.h"
#include "index/schema.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

constexpr int kMaxReopens = 5;
constexpr std::size_t kSnippetBytes = 300;

struct FacetSlot {
  const char* name;
  Xapian::valueno slot;
};
constexpr FacetSlot kFacetSlots[] = {
    {"country", schema::kCountriesSlot}, {"official", schema::kOfficialsSlot},
    {"source", schema::kSourceSlot},     {"lang", schema::kLangSlot},
    {"month", schema::kMonthSlot},
};

// The opening of the body, cut at a word boundary, for hits without query words.
std::string lead_of(const std::string& body) {
  if (body.size() <= kSnippetBytes) return body;
  std::size_t cut = body.rfind(' ', kSnippetBytes);
  if (cut == std::string::npos || cut < kSnippetBytes / 2) {
    cut = kSnippetBytes;
    while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
  }
  return body.substr(0, cut) + "…";
}

}  // namespace

std::string facet_label(const entities::Gazetteer& gazetteer, const std::string& facet,
                        const std::string& value) {
  const entities::Entity* e = nullptr;
  if (facet == "country") e = gazetteer.by_id(entities::Kind::Country, value);
  else if (facet == "official") e = gazetteer.by_id(entities::Kind::Official, value);
  else if (facet == "source") e = gazetteer.by_id(entities::Kind::Source, value);
  else if (facet == "lang") return value == "en" ? "English" : value == "ar" ? "Arabic" : value == "fa" ? "Persian" : value;
  return e && !e->name_en.empty() ? e->name_en : value;
}

Searcher::Searcher(const fs::path& db, const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer,
                   const ShardOptions& shard_options)
    : shards_(db, shard_options), gazetteer_(gazetteer), analyzer_(analyzer) {
  // Remote shards serve no synonyms: names expand from a local catalog instead.
  shards_.use_synonym_catalog(gazetteer_, analyzer_);
}

Xapian::Query Searcher::parse_query(const std::string& text) {
  Xapian::QueryParser parser;
  analyzer_.configure(parser);
  parser.set_database(shards_.parser_database());
  parser.set_default_op(Xapian::Query::OP_OR);
  parser.add_prefix("title", std::string(schema::kTitlePrefix));
  parser.add_boolean_prefix("year", std::string(schema::kYearPrefix));
  // The field processors are owned by the parser (release() hands them to its refcount).
  std::string field_error;
  for (Field f : {Field::Country, Field::Official, Field::Source, Field::Lang})
    parser.add_boolean_prefix(std::string(field_name(f)),
                              (new EntityFieldProcessor(gazetteer_, f, field_error))->release());
  parser.add_rangeprocessor((new DateRangeProcessor(field_error))->release());
  // Auto synonyms: names expand to their entity (index/synonyms.h), in any script.
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                         Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
  Xapian::Query query;
  try {
    query = parser.parse_query(analyzer_.normalize(text), flags);
  } catch (const Xapian::QueryParserError& e) {
    throw UsageError("query '" + text + "' does not parse: " + e.get_msg());
  }
  if (!field_error.empty()) throw UsageError("query '" + text + "': " + field_error);
  return query;
}

Xapian::Query Searcher::filters(const SearchRequest& r) const {
  std::vector<Xapian::Query> parts;
  // Dates first: a bad date is reported as such, and roles resolve over valid ones.
  if (!r.from.empty() || !r.to.empty()) parts.push_back(date_query(r.from, r.to));
  const Period when{r.from, r.to};
  auto add = [&](Field field, const std::vector<std::string>& values) {
    for (const auto& v : values) parts.push_back(filter_query(gazetteer_, field, v, when));
  };
  add(Field::Country, r.countries);
  add(Field::Official, r.officials);
  add(Field::Source, r.sources);
  add(Field::Lang, r.langs);
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

SearchResult Searcher::search(const SearchRequest& request) {
  for (int attempt = 0;; ++attempt) {
    try {
      return run(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      // A build committed and reused blocks we were reading: start again on the new
      // revision, so every result comes from one revision.
      if (attempt >= kMaxReopens) throw IndexError("the index kept changing during the search; try again");
      shards_.reopen();
    } catch (const Xapian::NetworkError& e) {
      // A remote shard went away or timed out mid-search: name it, or with --partial
      // answer from the others.
      if (attempt >= kMaxReopens) throw IndexError("shards kept failing during the search: " + e.get_msg());
      const std::string context = e.get_context();
      shards_.drop_failed_shards(e.get_msg() + (context.empty() ? "" : " (" + context + ")"));
    }
  }
}

SearchResult Searcher::run(const SearchRequest& request) {
  SearchResult result;
  result.query = request.query;
  const bool has_text = !util::trim(request.query).empty();
  Xapian::Query query = has_text ? parse_query(request.query) : Xapian::Query::MatchAll;
  const Xapian::Query filter = filters(request);
  if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  result.parsed = query.get_description();

  const Xapian::Database& db = shards_.database();
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  const SortOrder sort = request.sort.value_or(has_text ? SortOrder::Relevance : SortOrder::Date);
  // Ties break on kOrderSlot (date, then path), not on docids, so equal scores come out
  // in the same order over one index and over any spread of shards.
  if (sort == SortOrder::Date) enquire.set_sort_by_value_then_relevance(schema::kOrderSlot, true);
  else enquire.set_sort_by_relevance_then_value(schema::kOrderSlot, true);

  std::vector<Xapian::valueno> slots;
  for (const auto& f : kFacetSlots) slots.push_back(f.slot);
  const bool remote = shards_.any_remote();
  const FacetLayout layout = !remote ? FacetLayout::Local
                             : shards_.all_remote() ? FacetLayout::AllRemote : FacetLayout::Mixed;
  const FacetCounters counters(request.want_facets ? slots : std::vector<Xapian::valueno>{}, layout);
  // checkatleast = every document: the total and the facet counts are exact, not estimates.
  const Xapian::doccount all = db.get_doccount();
  Xapian::MSet mset;
  if (layout == FacetLayout::Mixed && request.want_facets) {
    // Counted in a match of their own, in plain relevance order, returning no documents
    // (see ServerValueCountSpy for the Xapian bug this avoids); the page's match then
    // need not look at every document.
    Xapian::Enquire counting(db);
    counting.set_query(query);
    counters.attach(counting);
    const Xapian::MSet counted = counting.get_mset(0, 0, all);
    mset = enquire.get_mset(request.offset, request.limit);
    result.total = counted.get_matches_estimated();
  } else {
    counters.attach(enquire);
    mset = enquire.get_mset(request.offset, request.limit, all);
    result.total = mset.get_matches_estimated();
  }

  // Remote shards: ask for every hit's document at once, not one by one. Only on the
  // first page: Xapian 1.4.22's MSet::fetch() indexes items[i - first] from i = 0, so
  // past the first page it reads before the array (a crash, found by test_serve).
  if (remote && request.offset == 0 && !mset.empty()) mset.fetch();
  // Percentages are relative to the best match. Sorted by date, Xapian sees only the
  // first page of each remote shard, so it may miss the best one: take the scale from a
  // one-document match in relevance order, as one index would.
  std::optional<Xapian::MSet> best;
  if (remote && sort == SortOrder::Date && has_text && !mset.empty()) {
    Xapian::Enquire relevance(db);
    relevance.set_query(query);
    best = relevance.get_mset(0, 1);
  }
  Xapian::doccount rank = request.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = ++rank;
    hit.docid = *it;
    hit.weight = it.get_weight();
    hit.percent = best ? best->convert_to_percent(it.get_weight()) : it.get_percent();
    hit.fields = decode(it.get_document().get_data());
    for (const auto& c : hit.fields.countries) hit.country_names.push_back(facet_label(gazetteer_, "country", c));
    for (const auto& o : hit.fields.officials) hit.official_names.push_back(facet_label(gazetteer_, "official", o));
    if (has_text) {
      // The background model asks every shard for the frequency of every word of the
      // text: one round trip per word per remote shard. Over remote shards the passage
      // is chosen by the query words alone.
      const unsigned snippet_flags = Xapian::MSet::SNIPPET_EXHAUSTIVE |
                                     (remote ? 0u : unsigned(Xapian::MSet::SNIPPET_BACKGROUND_MODEL));
      hit.snippet = util::unescape_html(mset.snippet(hit.fields.body, kSnippetBytes, analyzer_.stemmer(),
                                                     snippet_flags,
                                                     std::string(1, kHighlightStart),
                                                     std::string(1, kHighlightEnd), "…"));
    }
    if (hit.snippet.empty()) hit.snippet = lead_of(hit.fields.body);
    hit.fields.body.clear();  // not needed past here; keeps JSON and memory small
    result.hits.push_back(std::move(hit));
  }

  for (std::size_t i = 0; request.want_facets && i < slots.size(); ++i) {
    Facet facet{kFacetSlots[i].name, {}};
    for (const auto& [value, count] : counters.counts(i))
      facet.values.push_back({value, facet_label(gazetteer_, facet.name, value), count});
    const bool chronological = facet.name == "month";
    std::stable_sort(facet.values.begin(), facet.values.end(), [&](const FacetValue& a, const FacetValue& b) {
      // Newest month first, undated last.
      if (chronological) return b.value == "undated" ? a.value != "undated" : a.value != "undated" && a.value > b.value;
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    result.facets.push_back(std::move(facet));
  }
  const ShardReport& shards = shards_.report();
  result.shards_asked = shards.asked;
  result.shards_answered = shards.answered;
  result.shards_missing = shards.missing;
  result.shards_missing_why = shards.missing_why;
  return result;
}

}  // namespace iran::index
