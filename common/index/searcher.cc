#include "index/searcher.h"

#include <algorithm>
#include <map>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>

#include "entities/gazetteer.h"
#include "index/discovered.h"
#include "index/facets.h"
#include "index/filters.h"
#include "index/ingest.h"
#include "index/query_builder.h"
#include "index/schema.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

constexpr int kMaxReopens = 5;
constexpr std::size_t kSnippetBytes = 300;
constexpr Xapian::termcount kLikeTerms = 40;     // terms taken from a --like article
constexpr Xapian::doccount kMaxCopiesListed = 50;

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

// Dates as (first day, last day) intervals, for histograms at any unit.
class DateSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    ++counts_[{doc.get_value(schema::kDateSlot), doc.get_value(schema::kDateEndSlot)}];
  }
  Xapian::MatchSpy* clone() const override { return new DateSpy; }
  std::string name() const override { return "iran.DateSpy"; }
  const DateCounts& counts() const { return counts_; }

 private:
  DateCounts counts_;
};

// Every matching document: a call counter, no value read.
class CountSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document&, double) override { ++count_; }
  Xapian::MatchSpy* clone() const override { return new CountSpy; }
  std::string name() const override { return "iran.CountSpy"; }
  Xapian::doccount count() const { return count_; }

 private:
  Xapian::doccount count_ = 0;
};

// Oldest first with undated articles last (an empty value would sort first).
class OldestFirst : public Xapian::KeyMaker {
 public:
  std::string operator()(const Xapian::Document& doc) const override {
    const std::string date = doc.get_value(schema::kDateSlot);
    return date.empty() ? std::string("\xff") : date;
  }
};

// Words for more-like-this: the stems of the text (every word has one), not the boolean
// filter terms nor numbers, and only words some other article has too: a word found
// nowhere else is what Xapian ranks highest, and it finds nothing.
class LikeTerms : public Xapian::ExpandDecider {
 public:
  explicit LikeTerms(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    if (term.size() < 4 || term[0] != 'Z') return false;
    const auto c = static_cast<unsigned char>(term[1]);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return false;
    return db_.get_termfreq(term) >= 2;
  }

 private:
  const Xapian::Database& db_;
};

std::string ascii_upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
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

Xapian::Query Searcher::parse_query(const std::string& text, Xapian::Query::op default_op, std::string* corrected) {
  // The parser configuration and the ranking rules live in index/query_builder.h.
  return build_text_query(db_, gazetteer_, analyzer_, text, default_op, corrected);
}

Xapian::Query Searcher::filters(const SearchRequest& r, std::vector<std::string>* notes) const {
  std::vector<Xapian::Query> parts;
  // Dates first: a bad date is reported as such, and roles resolve over valid ones.
  if (!r.from.empty() || !r.to.empty()) parts.push_back(date_query(r.from, r.to));
  const Period when{r.from, r.to};
  auto add = [&](Field field, const std::vector<std::string>& values) {
    for (const auto& v : values) parts.push_back(filter_query(gazetteer_, field, v, when, {&db_, notes}));
  };
  add(Field::Country, r.countries);
  add(Field::Official, r.officials);
  add(Field::Source, r.sources);
  add(Field::Lang, r.langs);
  // Strictly after the stamp: the smallest string greater than it is stamp + '\0'.
  if (!r.indexed_after.empty())
    parts.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kIndexedSlot, r.indexed_after + std::string(1, '\0'));
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::docid Searcher::resolve_article(const std::string& ref) {
  const std::string trimmed(util::trim(ref));
  if (trimmed.rfind("docid:", 0) == 0 && all_digits(trimmed.substr(6))) {
    const auto docid = static_cast<Xapian::docid>(std::stoul(trimmed.substr(6)));
    try {
      db_.get_document(docid);
      return docid;
    } catch (const Xapian::DocNotFoundError&) {
      throw UsageError("'" + ref + "': no article with that docid in the index");
    }
  }
  // corpus/003_x.txt, ./003_x.txt, /abs/corpus/003_x.txt → the shortest suffix that is indexed.
  std::string path = trimmed;
  while (!path.empty()) {
    const std::string id = schema::id_term(path);
    Xapian::PostingIterator p = db_.postlist_begin(id);
    if (p != db_.postlist_end(id)) return *p;
    const auto slash = path.find('/');
    if (slash == std::string::npos) break;
    path = path.substr(slash + 1);
  }
  throw UsageError("'" + ref + "': no indexed article has that path (give it relative to the corpus, or docid:N)");
}

// The article's most telling terms, weighted as Xapian's relevance feedback weighs
// them, without the article itself.
Xapian::Query Searcher::like_query(const std::string& ref) {
  const Xapian::docid docid = resolve_article(ref);
  Xapian::RSet rset;
  rset.add_document(docid);
  Xapian::Enquire enquire(db_);
  const LikeTerms decider(db_);
  const Xapian::ESet eset = enquire.get_eset(kLikeTerms, rset, &decider);
  std::vector<Xapian::Query> terms;
  double sum = 0;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight());
    sum += it.get_weight();
  }
  // The countries and officials it names, weighted as an average word: they are the
  // same terms in every language, so an English article finds its Arabic neighbours.
  const double entity_weight = terms.empty() ? 1.0 : sum / static_cast<double>(terms.size());
  const Xapian::Document doc = db_.get_document(docid);
  for (const auto prefix : {schema::kCountryPrefix, schema::kOfficialPrefix}) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      t.skip_to(std::string(prefix));
      if (t == doc.termlist_end() || (*t).rfind(prefix, 0) != 0) break;
      if (db_.get_termfreq(*t) >= 2)
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), entity_weight);
    }
  }
  if (terms.empty()) throw UsageError("--like '" + ref + "': the article has no words to compare");
  const Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());
  const std::string self = schema::id_term(decode(db_.get_document(docid).get_data()).path);
  return Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(self));
}

// The query's terms plus every spelling, in every script, of each entity it names, so a
// snippet bolds قطر in an Arabic article found through `Qatar`.
Xapian::Query Searcher::highlight_query(const Xapian::Query& query) const {
  std::vector<Xapian::Query> terms;
  std::set<std::string> seen;
  auto add = [&](const std::string& t) {
    if (!t.empty() && seen.insert(t).second) terms.emplace_back(t);
  };
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string term = *t;
    add(term);
    const entities::Entity* e = nullptr;
    if (term.rfind(schema::kCountryPrefix, 0) == 0)
      e = gazetteer_.by_id(entities::Kind::Country, ascii_upper(term.substr(schema::kCountryPrefix.size())));
    else if (term.rfind(schema::kOfficialPrefix, 0) == 0)
      e = gazetteer_.by_id(entities::Kind::Official, term.substr(schema::kOfficialPrefix.size()));
    if (!e) continue;
    // A one-word name whole; of a longer name only the words that name the entity on
    // their own (Abdollahian, طاجيكستان), not "Republic" or "Hossein".
    for (const auto& name : gazetteer_.names_of(*e)) {
      const auto tokens = analyzer_.analyze(name);
      for (const auto& token : tokens) {
        if (tokens.size() > 1 && gazetteer_.resolve_name(e->kind, token.term) != e) continue;
        add(token.term);
        add("Z" + token.stem);
      }
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

void Searcher::fill_copies(Hit& hit, const Xapian::Query& query, const std::string& key) {
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(std::string(schema::kCopyPrefix) + key)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet copies = enquire.get_mset(0, kMaxCopiesListed);
  for (auto it = copies.begin(); it != copies.end(); ++it) {
    if (*it == hit.docid) continue;
    const StoredFields f = decode(it.get_document().get_data());
    hit.also_in.push_back(f.source_name.empty() ? (f.source.empty() ? f.path : f.source) : f.source_name);
    hit.also_in_paths.push_back(f.path);
  }
}

std::vector<std::string> Searcher::suggestion_names(const std::string& original, const std::string& corrected) const {
  std::vector<std::string> names;
  const auto before = util::split(analyzer_.normalize(original), ' ');
  for (const auto& word : util::split(corrected, ' ')) {
    if (word.empty() || std::find(before.begin(), before.end(), word) != before.end()) continue;
    for (const auto kind : {entities::Kind::Official, entities::Kind::Country}) {
      const auto* e = gazetteer_.resolve_name(kind, word);
      if (!e) continue;
      std::string name = e->name_en;
      const std::string& other = !e->name_ar.empty() ? e->name_ar : e->name_fa;
      if (!other.empty()) name += (name.empty() ? "" : " ") + std::string("(") + other + ")";
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      break;
    }
  }
  return names;
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
  // Officials the gazetteer does not list are labelled from the index (index/discovered.h).
  std::optional<std::map<std::string, DiscoveredInfo>> discovered;
  auto is_discovered = [&](const std::string& id) {
    if (gazetteer_.by_id(entities::Kind::Official, id)) return false;
    if (!discovered) discovered = discovered_officials(db_);
    return discovered->count(id) > 0;
  };
  auto official_label = [&](const std::string& id) {
    return is_discovered(id) ? discovered->at(id).name : facet_label(gazetteer_, "official", id);
  };
  result.query = request.query;
  result.latest_indexed = latest_ingest_stamp(db_);
  const bool has_text = !util::trim(request.query).empty();
  const bool has_like = !util::trim(request.like).empty();
  const Xapian::Query filter = filters(request, &result.notes);
  auto filtered = [&](const Xapian::Query& q) {
    return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
  };

  // All the words; when no article (within the filters) has them all, any of them.
  Xapian::Query text_query = Xapian::Query::MatchAll;
  if (has_text) {
    std::string corrected;
    text_query = parse_query(request.query, request.any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, &corrected);
    result.matched = request.any ? "any" : "all";
    if (!corrected.empty() && corrected != analyzer_.normalize(request.query)) {
      result.suggestion = corrected;
      result.suggestion_names = suggestion_names(request.query, corrected);
    }
    if (!request.any) {
      Xapian::Enquire probe(db_);
      probe.set_query(filtered(text_query));
      probe.set_weighting_scheme(Xapian::BoolWeight());
      if (probe.get_mset(0, 1).empty()) {
        const Xapian::Query any = parse_query(request.query, Xapian::Query::OP_OR, nullptr);
        if (any.get_description() != text_query.get_description()) {
          text_query = any;
          result.matched = "any";
        }
      }
    }
  }
  Xapian::Query query = text_query;
  if (has_like) {
    const Xapian::Query like = like_query(request.like);
    query = has_text ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, text_query, like) : like;
  }
  query = filtered(query);
  result.parsed = query.get_description();

  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  const SortOrder sort = request.sort.value_or(has_text || has_like ? SortOrder::Relevance : SortOrder::Newest);
  const OldestFirst oldest_first;
  if (sort == SortOrder::Newest) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
  else if (sort == SortOrder::Oldest) enquire.set_sort_by_key_then_relevance(const_cast<OldestFirst*>(&oldest_first), false);
  if (!request.all_copies) enquire.set_collapse_key(schema::kCopySlot);

  std::vector<std::unique_ptr<FacetSpy>> spies;
  if (request.want_facets) {
    for (const auto& f : kFacetSlots) {
      spies.push_back(std::make_unique<FacetSpy>(f.slot, db_));
      enquire.add_matchspy(spies.back().get());
    }
  }
  DateSpy dates;
  if (request.histogram) enquire.add_matchspy(&dates);
  // Stories, exactly (MSet's figures are estimates once it collapses, even with
  // checkatleast = all): the distinct copy keys, plus the articles that have none.
  CountSpy articles;
  FacetSpy copy_keys(schema::kCopySlot, db_);
  if (!request.all_copies) {
    enquire.add_matchspy(&articles);
    enquire.add_matchspy(&copy_keys);
  }
  // checkatleast = every document: the total and the facet counts are exact, not estimates.
  const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, db_.get_doccount());
  result.total = mset.get_matches_estimated();
  if (!request.all_copies) {
    Xapian::doccount keyed = 0;
    for (const auto& [key, n] : copy_keys.counts()) keyed += n;
    const auto stories = static_cast<Xapian::doccount>(copy_keys.counts().size()) + (articles.count() - keyed);
    result.total = stories;
    result.copies_hidden = articles.count() - stories;
  }

  // Snippets from a query that also holds every spelling of the names matched.
  std::optional<Xapian::MSet> highlight;
  if (request.want_snippets && (has_text || has_like) && !mset.empty()) {
    Xapian::Enquire hl(db_);
    hl.set_query(highlight_query(has_text ? text_query : query));
    highlight = hl.get_mset(0, 0);
  }

  Xapian::doccount rank = request.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = ++rank;
    hit.docid = *it;
    hit.weight = it.get_weight();
    hit.percent = it.get_percent();
    const Xapian::Document doc = it.get_document();
    hit.fields = decode(doc.get_data());
    hit.indexed = doc.get_value(schema::kIndexedSlot);
    for (const auto& c : hit.fields.countries) hit.country_names.push_back(facet_label(gazetteer_, "country", c));
    for (const auto& o : hit.fields.officials) hit.official_names.push_back(official_label(o));
    if (highlight) {
      hit.snippet = util::unescape_html(highlight->snippet(hit.fields.body, kSnippetBytes, analyzer_.stemmer(),
                                                           Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                                               Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                           std::string(1, kHighlightStart),
                                                           std::string(1, kHighlightEnd), "…"));
    }
    if (request.want_snippets && hit.snippet.empty()) hit.snippet = lead_of(hit.fields.body);
    hit.fields.body.clear();  // not needed past here; keeps JSON and memory small
    if (!request.all_copies && it.get_collapse_count() > 0) {
      hit.copies = it.get_collapse_count();
      fill_copies(hit, query, it.get_collapse_key());
    }
    result.hits.push_back(std::move(hit));
  }

  for (std::size_t i = 0; i < spies.size(); ++i) {
    Facet facet{kFacetSlots[i].name, {}};
    for (const auto& [value, count] : spies[i]->counts())
      facet.values.push_back({value, facet.name == "official" ? official_label(value) : facet_label(gazetteer_, facet.name, value),
                              count, facet.name == "official" && is_discovered(value)});
    const bool chronological = facet.name == "month";
    std::stable_sort(facet.values.begin(), facet.values.end(), [&](const FacetValue& a, const FacetValue& b) {
      // Newest month first, undated last.
      if (chronological) return b.value == "undated" ? a.value != "undated" : a.value != "undated" && a.value > b.value;
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    result.facets.push_back(std::move(facet));
  }
  if (request.histogram) result.histogram = make_histogram(dates.counts(), *request.histogram);
  return result;
}

}  // namespace iran::index
