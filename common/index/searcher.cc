#include "index/searcher.h"

#include <algorithm>
#include <memory>

#include "entities/gazetteer.h"
#include "index/facets.h"
#include "index/filters.h"
#include "index/query_builder.h"
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

Searcher::Searcher(const fs::path& db, const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer)
    : gazetteer_(gazetteer), analyzer_(analyzer) {
  std::error_code ec;
  if (!fs::exists(db, ec))
    throw IndexError("no index at " + db.string() + ": run `iranidx build` first");
  try {
    db_ = Xapian::Database(db.string());
  } catch (const Xapian::DatabaseError& e) {
    throw IndexError("cannot open the index at " + db.string() + ": " + e.get_msg());
  }
  const std::string version = db_.get_metadata(std::string(schema::kMetaAnalyzer));
  // An index with no version and no documents is a first build that has just begun.
  if (version != text::kAnalyzerVersion && !(version.empty() && db_.get_doccount() == 0))
    throw IndexError("the index at " + db.string() + " was built by analyzer version '" + version +
                     "', this iransearch needs '" + std::string(text::kAnalyzerVersion) +
                     "': run `iranidx build` to update it");
}

Xapian::Query Searcher::parse_query(const std::string& text) {
  // The parser configuration and the ranking rules live in index/query_builder.h.
  return build_text_query(db_, gazetteer_, analyzer_, text);
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
      db_.reopen();
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

  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  const SortOrder sort = request.sort.value_or(has_text ? SortOrder::Relevance : SortOrder::Date);
  if (sort == SortOrder::Date) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);

  std::vector<std::unique_ptr<FacetSpy>> spies;
  if (request.want_facets) {
    for (const auto& f : kFacetSlots) {
      spies.push_back(std::make_unique<FacetSpy>(f.slot));
      enquire.add_matchspy(spies.back().get());
    }
  }
  // checkatleast = every document: the total and the facet counts are exact, not estimates.
  const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, db_.get_doccount());
  result.total = mset.get_matches_estimated();

  Xapian::doccount rank = request.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = ++rank;
    hit.docid = *it;
    hit.weight = it.get_weight();
    hit.percent = it.get_percent();
    hit.fields = decode(it.get_document().get_data());
    for (const auto& c : hit.fields.countries) hit.country_names.push_back(facet_label(gazetteer_, "country", c));
    for (const auto& o : hit.fields.officials) hit.official_names.push_back(facet_label(gazetteer_, "official", o));
    if (has_text) {
      hit.snippet = util::unescape_html(mset.snippet(hit.fields.body, kSnippetBytes, analyzer_.stemmer(),
                                                     Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                                         Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                     std::string(1, kHighlightStart),
                                                     std::string(1, kHighlightEnd), "…"));
    }
    if (hit.snippet.empty()) hit.snippet = lead_of(hit.fields.body);
    hit.fields.body.clear();  // not needed past here; keeps JSON and memory small
    result.hits.push_back(std::move(hit));
  }

  for (std::size_t i = 0; i < spies.size(); ++i) {
    Facet facet{kFacetSlots[i].name, {}};
    for (const auto& [value, count] : spies[i]->counts())
      facet.values.push_back({value, facet_label(gazetteer_, facet.name, value), count});
    const bool chronological = facet.name == "month";
    std::stable_sort(facet.values.begin(), facet.values.end(), [&](const FacetValue& a, const FacetValue& b) {
      // Newest month first, undated last.
      if (chronological) return b.value == "undated" ? a.value != "undated" : a.value != "undated" && a.value > b.value;
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    result.facets.push_back(std::move(facet));
  }
  return result;
}

}  // namespace iran::index
