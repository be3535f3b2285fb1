#include "index/searcher.h"

#include <unistd.h>

#include <chrono>
#include <thread>
#include <algorithm>
#include <map>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <set>

#include "entities/gazetteer.h"
#include "index/boolean_match.h"
#include "index/discovered.h"
#include "index/discovered_merge.h"
#include "index/discovered_merge_cache.h"
#include "index/discovered_summary.h"
#include "index/facet_table.h"
#include "index/facets.h"
#include "index/filters.h"
#include "index/ingest.h"
#include "index/query_builder.h"
#include "index/schema.h"
#include "index/snippets.h"
#include "index/summary_file.h"
#include "text/analyzer.h"
#include "text/utf8.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::index {
namespace {

// Whether a marked snippet is valid UTF-8 but for its markers (kHighlightStart and
// kHighlightEnd, bytes UTF-8 never holds).
bool valid_between_markers(std::string_view marked) {
  static constexpr char kMarkers[] = {kHighlightStart, kHighlightEnd};
  std::size_t from = 0;
  while (from <= marked.size()) {
    std::size_t to = marked.find_first_of(std::string_view(kMarkers, 2), from);
    if (to == std::string_view::npos) to = marked.size();
    if (util::find_invalid_utf8(marked.substr(from, to - from)) != std::string_view::npos) return false;
    from = to + 1;
  }
  return true;
}

constexpr int kMaxReopens = 16;
constexpr std::size_t kSnippetBytes = 300;
constexpr Xapian::termcount kLikeTerms = 40;     // terms taken from a --like article
constexpr Xapian::doccount kMaxCopiesListed = 50;
// A search that finds fewer stories than this is offered a spelling correction.
constexpr Xapian::doccount kSuggestBelow = 3;
// A word at least this many articles hold is no misspelling worth a correction when a
// search finds little: the filters are why (index/searcher.cc, did you mean).
constexpr Xapian::doccount kCommonWord = 100;

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

// The slots of the facet table: the facets in kFacetSlots' order, then these.
constexpr std::size_t kTableInterval = std::size(kFacetSlots);
constexpr std::size_t kTableCopy = kTableInterval + 1;
const std::vector<Xapian::valueno>& table_slots() {
  static const std::vector<Xapian::valueno> slots = [] {
    std::vector<Xapian::valueno> v;
    for (const auto& f : kFacetSlots) v.push_back(f.slot);
    v.push_back(schema::kIntervalSlot);
    v.push_back(schema::kCopySlot);
    return v;
  }();
  return slots;
}

// Facet i's joined values with their counts → each value's count, once per distinct
// joined string; values through `aliases` when given (index/facets.h).
ValueCounts split_counts(const TableSpy& spy, std::size_t i, const FacetAliases* aliases) {
  JoinedCounts out(aliases);  // views of the table's values and the aliases' IDs
  const auto& counts = spy.counts(i);
  const auto& values = spy.table().values(i);
  for (std::size_t id = 1; id < counts.size(); ++id)
    if (counts[id] > 0) out.add(values[id - 1], counts[id]);
  return out.views();
}

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

Searcher::Searcher(const fs::path& db, const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer,
                   const ShardOptions& shard_options)
    : Searcher(ShardSet(db, shard_options), gazetteer, analyzer) {}

Searcher::Searcher(ShardSet shards, const entities::Gazetteer& gazetteer, const text::Analyzer& analyzer)
    : shards_(std::move(shards)), gazetteer_(gazetteer), analyzer_(analyzer) {
  // Remote shards serve no synonyms: names expand from a local catalog instead.
  shards_.use_synonym_catalog(gazetteer_, analyzer_);
}

Xapian::Query Searcher::parse_query(const std::string& text, Xapian::Query::op default_op, std::string* corrected,
                                    NameKeyCache* name_keys) {
  // The parser configuration and the ranking rules live in index/query_builder.h.
  return build_text_query(shards_.parser_database(), gazetteer_, analyzer_, text, default_op, corrected,
                          kExactFormWeight, name_keys);
}

Xapian::Query Searcher::filters(const SearchRequest& r, std::vector<std::string>* notes, const DiscoveredMerge* merge) const {
  std::vector<Xapian::Query> parts;
  // Dates first: a bad date is reported as such, and roles resolve over valid ones.
  if (!r.from.empty() || !r.to.empty()) parts.push_back(date_query(r.from, r.to));
  const Period when{r.from, r.to};
  auto add = [&](Field field, const std::vector<std::string>& values) {
    for (const auto& v : values) parts.push_back(filter_query(gazetteer_, field, v, when, {&shards_.database(), notes, merge}));
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
      shards_.database().get_document(docid);
      return docid;
    } catch (const Xapian::DocNotFoundError&) {
      throw UsageError("'" + ref + "': no article with that docid in the index");
    }
  }
  // corpus/003_x.txt, ./003_x.txt, /abs/corpus/003_x.txt → the shortest suffix that is indexed.
  std::string path = trimmed;
  while (!path.empty()) {
    const std::string id = schema::id_term(path);
    if (shards_.moving()) {
      // A layout with an article in flight between shards: the copy searches see.
      Xapian::Enquire enquire(shards_.database());
      enquire.set_query(shards_.visible(Xapian::Query(id)));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      const Xapian::MSet found = enquire.get_mset(0, 1);
      if (!found.empty()) return *found.begin();
    } else {
      Xapian::PostingIterator p = shards_.database().postlist_begin(id);
      if (p != shards_.database().postlist_end(id)) return *p;
    }
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
  Xapian::Enquire enquire(shards_.database());
  const LikeTerms decider(shards_.database());
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
  const Xapian::Document doc = shards_.database().get_document(docid);
  for (const auto prefix : {schema::kCountryPrefix, schema::kOfficialPrefix}) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      t.skip_to(std::string(prefix));
      if (t == doc.termlist_end() || (*t).rfind(prefix, 0) != 0) break;
      if (shards_.database().get_termfreq(*t) >= 2)
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), entity_weight);
    }
  }
  if (terms.empty()) throw UsageError("--like '" + ref + "': the article has no words to compare");
  const Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());
  const std::string self = schema::id_term(decode(shards_.database().get_document(docid).get_data()).path);
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

std::vector<std::vector<Xapian::docid>> Searcher::copies_of(const Xapian::MSet& mset, const std::vector<Xapian::doccount>& folded,
                                                             const Xapian::Query& query) {
  std::vector<std::vector<Xapian::docid>> copies(mset.size());
  std::map<std::string, std::size_t> hit_of;  // copy key → the hit it was folded into
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const auto i = static_cast<std::size_t>(it.get_rank() - mset.get_firstitem());
    if (folded[i] > 0) hit_of.emplace(it.get_collapse_key(), i);
  }
  if (hit_of.empty()) return copies;
  // Each key's articles are its term's (the indexer gives an article the key's term and
  // value together, index/copies.cc); a collapse on the key keeps the first
  // kMaxCopiesListed of each by docid, as a match of its own per key would (BoolWeight:
  // every weight equal, so the docid decides), and reports each article's key.
  std::vector<Xapian::Query> keys;
  for (const auto& [key, hit] : hit_of) keys.emplace_back(std::string(schema::kCopyPrefix) + key);
  Xapian::Enquire enquire(shards_.database());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_OR, keys.begin(), keys.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_collapse_key(schema::kCopySlot, kMaxCopiesListed);
  const Xapian::MSet found = enquire.get_mset(0, kMaxCopiesListed * static_cast<Xapian::doccount>(hit_of.size()));
  bool apart = true;
  for (auto it = found.begin(); apart && it != found.end(); ++it) {
    const auto h = hit_of.find(it.get_collapse_key());
    if (h != hit_of.end()) copies[h->second].push_back(*it);
    else apart = false;
  }
  if (!apart) {
    // An article carrying a key's term without its value (in no index a build wrote):
    // each key in a match of its own.
    for (auto& c : copies) c.clear();
    for (const auto& [key, hit] : hit_of) {
      Xapian::Enquire one(shards_.database());
      one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(std::string(schema::kCopyPrefix) + key)));
      one.set_weighting_scheme(Xapian::BoolWeight());
      one.set_docid_order(Xapian::Enquire::ASCENDING);
      const Xapian::MSet listed = one.get_mset(0, kMaxCopiesListed);
      for (auto it = listed.begin(); it != listed.end(); ++it) copies[hit].push_back(*it);
    }
  }
  // The hit itself is not its own copy.
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto& c = copies[static_cast<std::size_t>(it.get_rank() - mset.get_firstitem())];
    c.erase(std::remove(c.begin(), c.end(), *it), c.end());
  }
  return copies;
}

void Searcher::name_officials(std::vector<std::string>& ids, std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& o : ids) {
    std::string id = o, name = facet_label(gazetteer_, "official", o);
    if (gazetteer_.by_id(entities::Kind::Official, o) == nullptr) {
      if (const auto spelled = discovered_now().name(o)) {
        // A person's spellings as one official, under the facet's ID and label. (The
        // name copied first: the merge may read the officials again.)
        std::string spelling(*spelled);
        const auto* person = discovered_merge_now().person(o);
        id = person ? person->ids.front() : o;
        name = person ? person->label : std::move(spelling);
      }
    }
    if (std::find(out.begin(), out.end(), id) != out.end()) continue;
    out.push_back(std::move(id));
    names.push_back(std::move(name));
  }
  ids = std::move(out);
}

ValueCounts Searcher::table_facet_counts(const std::shared_ptr<const FacetTable>& table,
                                                                    const TableSpy& spy, std::size_t i,
                                                                    const FacetAliases* aliases) {
  // One search splits the joined values it met; a Searcher that searches again splits
  // every value of the table once (the first time costs what a broad search's split
  // does) and then only adds integers.
  if (searches_ < 2) return split_counts(spy, i, aliases);
  SplitCache& c = split_cache_;
  if (c.table != table) c = SplitCache{table, std::vector<SplitFacet>(table->slots().size())};
  if (i >= c.facets.size()) return split_counts(spy, i, aliases);
  SplitFacet& f = c.facets[i];
  const std::uint64_t print = aliases ? merge_print_ : 0;
  if (!f.split || f.aliases != aliases || f.print != print) {
    f.split.emplace(table->values(i), aliases);
    f.aliases = aliases;
    f.print = print;
  }
  return f.split->counts(spy.counts(i));
}

const DiscoveredMerge& Searcher::discovered_merge_now() {
  (void)discovered_now();
  if (merge_ && merge_generation_ == discovered_generation_) return *merge_;
  // The officials are read again when a shard or the database changed; the join (a few
  // ms per thousand names) is redone only when what it is made of changed too, and then
  // taken from the cache folder when a process joined the same officials before
  // (index/discovered_merge_cache.h), with each name's keys as the index's summaries
  // store them (index/discovered_summary.h).
  const std::uint64_t print = discovered_->fingerprint();
  if (!merge_ || print != merge_print_) merge_.emplace(cached_discovered_merge(discovered_, cache_dir_));
  merge_print_ = print;
  merge_generation_ = discovered_generation_;
  return *merge_;
}

const DiscoveredSummary& Searcher::discovered_now() {
  // Kept per revision of a single local database (read again when a build committed);
  // over shards while no shard changed (ShardSet::changes(): remote shards have no
  // revision to key it by, but keep theirs until reopened).
  const bool single_local = !shards_.any_remote() && shards_.answering().size() == 1;
  if (single_local && discovered_ && discovered_uuid_ == shards_.database().get_uuid() &&
      discovered_revision_ == shards_.database().get_revision())
    return *discovered_;
  if (!single_local && discovered_ && discovered_changes_ == shards_.changes()) return *discovered_;
  // Each shard's summary, stored by its writer (else made from its terms), read on its
  // own, remote shards all at once, or when the shards were opened
  // (ShardOptions::read_discovered).
  const auto& metas = shards_.shard_metas();
  std::vector<std::shared_ptr<const DiscoveredSummary>> summaries(metas.size());
  for (std::size_t i = 0; i < metas.size(); ++i) summaries[i] = metas[i].discovered;
  if (std::any_of(summaries.begin(), summaries.end(), [](const auto& s) { return !s; }))
    shards_.for_each_shard([&](std::size_t i, const Xapian::Database& shard) {
      if (summaries[i]) return;
      summaries[i] = shards_.answering()[i].remote() ? remote_summary(shard, cache_dir_)
                                                     : std::make_shared<const DiscoveredSummary>(DiscoveredSummary::of(shard));
    });
  // One shard: its officials and keys as they are; several: combined (their tallies
  // summed, as their combination's terms would give), from the cache folder when a
  // process combined the same shards' summaries before (index/summary_file.h).
  discovered_ = summaries.size() == 1 ? summaries.front() : combined_summary(summaries, cache_dir_);
  ++discovered_generation_;
  discovered_changes_ = shards_.changes();
  if (single_local) {
    discovered_uuid_ = shards_.database().get_uuid();
    discovered_revision_ = shards_.database().get_revision();
  } else {
    discovered_uuid_.clear();
  }
  return *discovered_;
}

bool Searcher::has_unknown_word(const Xapian::Query& query, const Xapian::MSet& mset) const {
  // The match's own statistics hold every term of its query, summed over the shards:
  // no round trip per term and remote shard.
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
    if (mset.get_termfreq(*t) == 0) return true;
  return false;
}

bool Searcher::has_rare_word(const Xapian::Query& query, const Xapian::MSet& mset) {
  // The words as typed: unprefixed terms and stems (Z + the word's stem); the terms the
  // parse added beside them (entities, name keys, other prefixes) are not what was typed.
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
    if (schema::is_typed_word_term(*t) && mset.get_termfreq(*t) < kCommonWord) return true;
  return false;
}

namespace {
// Levenshtein distance in code points.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::u32string x = text::utf8::decode(a), y = text::utf8::decode(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] != y[j - 1] ? 1 : 0)});
      diagonal = above;
    }
  }
  return row[y.size()];
}
}  // namespace

// Xapian offers the closest spelling it knows and, of two as close, the more frequent one:
// for Rowhani, rohani (a spelling the gazetteer lists) as readily as rouhani. A corrected
// word that names an entity is written as the entity's English, Arabic or Persian name
// spells it when that spelling is as close to what was typed: Rowhani → Rouhani,
// Tajikistn → Tajikistan, روحانى stays روحاني.
std::string Searcher::entity_spellings(const std::string& original, const std::string& corrected) const {
  const auto before = util::split(analyzer_.normalize(original), ' ');
  auto after = util::split(corrected, ' ');
  if (before.size() != after.size()) return corrected;
  for (std::size_t i = 0; i < after.size(); ++i) {
    if (after[i].empty() || after[i] == before[i]) continue;
    for (const auto kind : {entities::Kind::Official, entities::Kind::Country}) {
      const auto* e = gazetteer_.resolve_name(kind, after[i]);
      if (!e) continue;
      std::size_t best = edit_distance(before[i], after[i]) + 1;
      std::string chosen;
      for (const std::string* name : {&e->name_en, &e->name_ar, &e->name_fa})
        for (const auto& word : util::split(*name, ' ')) {
          const std::string normalized = analyzer_.normalize(word);
          if (normalized.empty() || normalized == before[i]) continue;
          const std::size_t d = edit_distance(before[i], normalized);
          if (d < best) {
            best = d;
            chosen = word;
          }
        }
      if (!chosen.empty()) after[i] = chosen;
      break;
    }
  }
  return util::join(after, " ");
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

void Searcher::keep_facet_table() {
  if (cache_dir_.empty()) return;
  // A folder that cannot be written to would have every process make a table it cannot
  // keep: none is made.
  std::error_code ec;
  fs::create_directories(cache_dir_, ec);
  if (::access(cache_dir_.c_str(), W_OK | X_OK) != 0) return;
  try {
    // The stored discovered summaries this process read from local shards, for the next
    // process to map (index/summary_file.h).
    for (const auto& meta : shards_.shard_metas())
      if (meta.summary_to_keep && meta.discovered) (void)save_summary_file(cache_dir_, *meta.summary_to_keep, *meta.discovered);
    if (shards_.any_remote() || shards_.answering().size() != 1) return;
    (void)FacetTable::of(shards_.database(), table_slots(), cache_dir_, table_place_now());
  } catch (const Xapian::Error&) {
    // Only a cache: a commit that reused the blocks read is the next search's to meet.
  } catch (const std::exception&) {
    // Nor is memory or a file system error at this point a reason to fail the search.
  }
}

std::string Searcher::table_place_now() const {
  return shards_.answering().size() == 1 ? table_place(shards_.answering().front().path) : std::string();
}

SearchResult Searcher::search(const SearchRequest& request) {
  bool stale = false;
  for (int attempt = 0;; ++attempt) {
    try {
      // Inside the try: the reopen itself can meet the same race (a table's root read
      // while a commit reuses its blocks) and must be retried like the search.
      if (stale) shards_.reopen();
      return run(request);
    } catch (const Xapian::DatabaseModifiedError&) {
      // A build committed twice while we read, reusing blocks of our revision: start
      // again on the new revision, so every result comes from one revision.
      if (attempt >= kMaxReopens) throw IndexError("the index kept changing during the search; try again");
      stale = true;
    } catch (const Xapian::DatabaseCorruptError&) {
      // The same race can surface as "Expected block N to be level 1" when the blocks
      // were reused before Xapian saw the revision go. Damage that is really there
      // stays after the reopens and is reported as it is.
      if (attempt >= kMaxReopens) throw;
      stale = true;
    } catch (const Xapian::NetworkError& e) {
      // A remote shard went away or timed out mid-search: name it, or with --partial
      // answer from the others.
      if (attempt >= kMaxReopens) throw IndexError("shards kept failing during the search: " + e.get_msg());
      const std::string context = e.get_context();
      shards_.drop_failed_shards(e.get_msg() + (context.empty() ? "" : " (" + context + ")"));
      continue;
    }
    // A build committing every document (--batch 1) can overtake a search several times
    // in a row: wait a little longer each time (at most about 0.3 s in all).
    std::this_thread::sleep_for(std::chrono::milliseconds(2 * (attempt + 1)));
  }
}

SearchResult Searcher::run(const SearchRequest& request) {
  SearchResult result;
  // Officials the gazetteer does not list are labelled from the index (index/discovered.h).
  const DiscoveredSummary* discovered = nullptr;
  // One person spelled in two scripts is one value (index/discovered_merge.h).
  const DiscoveredMerge* merge = nullptr;
  auto merged = [&]() -> const DiscoveredMerge& {
    if (!merge) merge = &discovered_merge_now();
    return *merge;
  };
  result.query = request.query;
  if (request.want_latest_indexed) result.latest_indexed = shards_.latest_ingest_stamp();
  const bool has_text = !util::trim(request.query).empty();
  const bool has_like = !util::trim(request.like).empty();
  const Xapian::Query filter = filters(request, &result.notes, request.officials.empty() ? nullptr : &merged());
  // Over a layout iranidx is moving articles in, their copies in flight are left out
  // (index/shard_state.h), so each article counts once.
  auto filtered = [&](const Xapian::Query& q) {
    return shards_.visible(filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter));
  };

  // All the words; when no article (within the filters) has them all, any of them. A
  // question typed as a sentence is ranked on any of its words from the start: its words
  // are the asker's, and an article that has them all is often not the one that answers.
  // Whether a word is a name (index/query_name_keys.h) is decided from its frequencies,
  // which come with the main match: the text is parsed as if none were, the match holds
  // the terms that decide it, weightless, and only a word that turns out to be one makes
  // the search parse and match again. Every later parse takes them from name_keys.
  NameKeyCache name_keys;
  Xapian::Query text_query = match_all();
  Xapian::Query::op text_op = Xapian::Query::OP_AND;
  bool may_fall_back = false;
  if (has_text) {
    result.question = !request.any && is_question(analyzer_, request.query);
    const bool any = request.any || result.question;
    text_op = any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
    // Deferred only over remote shards, where reading the frequencies first costs a
    // round trip per shard; on local databases it is a cheap lookup, and deferring would
    // make the main match (with every facet) run twice whenever a word is a name.
    name_keys.defer = shards_.any_remote();
    text_query = parse_query(request.query, text_op, nullptr, &name_keys);
    name_keys.defer = false;
    result.matched = any ? "any" : "all";
    may_fall_back = !any;
  }
  std::optional<Xapian::Query> like;
  if (has_like) like = like_query(request.like);
  // The text (with --like beside it: AND_MAYBE keeps the text's matches) within the filters.
  auto full_query = [&](const Xapian::Query& text) {
    if (!like) return filtered(text);
    return filtered(has_text ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, text, *like) : *like);
  };

  const SortOrder sort = request.sort.value_or(has_text || has_like ? SortOrder::Relevance : SortOrder::Newest);
  // Counting: our own spies on local databases; over remote shards Xapian's
  // ValueCountMatchSpy, which stock servers run (index/facets.h).
  const bool remote = shards_.any_remote();
  const FacetLayout layout = !remote ? FacetLayout::Local
                             : shards_.all_remote() ? FacetLayout::AllRemote : FacetLayout::Mixed;
  std::vector<Xapian::valueno> slots;
  if (request.want_facets)
    for (const auto& f : kFacetSlots) slots.push_back(f.slot);
  // Remote: the histogram counts date intervals, and the uncollapsed total is the
  // number of documents any remote spy saw (each counts every document it is shown,
  // with a value or not: FacetCounters::seen). A spy costs the servers a value read per
  // match, so the interval spy is there for the histogram alone.
  const std::size_t interval_spy = slots.size();
  if (remote && request.histogram) slots.push_back(schema::kIntervalSlot);
  const std::size_t copy_spy = slots.size();
  if (remote && !request.all_copies) slots.push_back(schema::kCopySlot);
  // One local database searched again and again (the web server, a benchmark): every
  // count from one spy over the integer table of the revision (index/facet_table.h).
  // The first search of a Searcher makes none (one search does not repay it) but uses
  // the one a file of the cache folder holds for this revision (a process per query
  // maps it).
  const bool single_local = !remote && shards_.answering().size() == 1;
  const bool wants_counts = request.want_facets || request.histogram || !request.all_copies;
  std::shared_ptr<const FacetTable> table;
  if (single_local && wants_counts)
    table = searches_ > 0 ? FacetTable::of(shards_.database(), table_slots(), cache_dir_, table_place_now())
                          : FacetTable::cached(shards_.database(), table_slots(), cache_dir_, table_place_now());
  const bool use_table = table != nullptr;
  ++searches_;
  if (use_table) slots.clear();
  // The official facet counts a discovered person's spellings as one ID, once per article.
  std::size_t official_facet = 0;
  while (official_facet < std::size(kFacetSlots) && kFacetSlots[official_facet].slot != schema::kOfficialsSlot) ++official_facet;
  const FacetAliases* official_aliases = request.want_facets && !merged().aliases().empty() ? &merged().aliases() : nullptr;
  const bool count_spies = !slots.empty() || request.histogram || !request.all_copies;

  // The match and its counters, made afresh for each query run (the any-words one after
  // an all-words one that found nothing starts from zero).
  Xapian::Query query;
  std::optional<Xapian::Enquire> enquire;
  std::optional<TableSpy> table_spy;
  std::optional<FacetCounters> counters;
  std::optional<DateSpy> dates;
  // Stories, exactly (MSet's figures are estimates once it collapses, even with
  // checkatleast = all): the distinct copy keys, plus the articles that have none.
  std::optional<CountSpy> articles;
  std::optional<FacetSpy> copy_keys;
  Xapian::MSet mset;
  // Whether the match was asked for its page alone (its counts are then estimates; the
  // exact ones are the table spy's).
  bool page_only = false;
  // Every match of `query` shown to `spies` in a match that weighs, sorts and collapses
  // nothing (BoolWeight; checkatleast = every document).
  auto count_apart = [&](const std::vector<Xapian::MatchSpy*>& spies) {
    Xapian::Enquire counting(shards_.database());
    counting.set_query(query);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    for (auto* spy : spies) counting.add_matchspy(spy);
    (void)counting.get_mset(0, 0, shards_.database().get_doccount());
  };
  auto match = [&](const Xapian::Query& text) {
    page_only = false;
    query = full_query(text);
    enquire.emplace(shards_.database());
    // AND_MAYBE a weightless side: the same matches, weights and percentages (its terms
    // count for neither), and the statistics of its terms.
    const std::set<std::string>& wanted = name_keys.wanted;
    enquire->set_query(wanted.empty() ? query
                                      : Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                                                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                                    Xapian::Query(Xapian::Query::OP_OR, wanted.begin(), wanted.end()), 0.0)));
    // Ties break on the order slots (date, then path), not on docids, so equal scores and
    // equal dates come out in the same order over one index and over any spread of shards
    // (and a KeyMaker, which remote shards cannot run, is not needed for oldest first).
    if (sort == SortOrder::Newest) enquire->set_sort_by_value_then_relevance(schema::kOrderSlot, true);
    else if (sort == SortOrder::Oldest) enquire->set_sort_by_value_then_relevance(schema::kOldestSlot, false);
    else enquire->set_sort_by_relevance_then_value(schema::kOrderSlot, true);
    if (!request.all_copies) enquire->set_collapse_key(schema::kCopySlot);
    if (use_table) table_spy.emplace(table);
    counters.emplace(slots, layout, shards_.answering().size() == 1 ? &shards_.database() : nullptr);
    if (official_aliases && !slots.empty()) counters->set_aliases(official_facet, official_aliases);
    dates.emplace();
    articles.emplace();
    if (!remote) {
      if (shards_.answering().size() == 1) copy_keys.emplace(schema::kCopySlot, shards_.database());
      else copy_keys.emplace(schema::kCopySlot);
    }
    // checkatleast = every document: the total and the facet counts are exact, not estimates.
    if (layout == FacetLayout::Mixed && count_spies) {
      // Counted in a match of its own, in plain relevance order and returning nothing,
      // where Xapian does not count remote documents twice (see ServerValueCountSpy).
      Xapian::Enquire counting(shards_.database());
      counting.set_query(query);
      if (!request.all_copies) counting.set_collapse_key(schema::kCopySlot);
      counters->attach(counting);
      (void)counting.get_mset(0, 0, shards_.database().get_doccount());
    } else if (table_spy) {
      // Counted apart from the page, in a match of its own that weighs, sorts and
      // collapses nothing: the page's match then needs no exact count, so Xapian keeps
      // only the documents that can still make the page and reads collapse keys and sort
      // values for those alone (السعودية on 44,779 articles: 34 M instructions in
      // get_mset → 4 M, the same answer). The counting match walks the postings
      // itself where it can (index/boolean_match.h: في, 23,600 matches, 17 M → 5 M),
      // else it is Xapian's with the table's spy.
      if (!for_each_match(shards_.database(), query, [&](Xapian::docid did) { table_spy->count(did); }))
        count_apart({&*table_spy});
      page_only = true;
    } else if (!remote && count_spies) {
      // The same apart from the page for local shards and a first search without a
      // table: our spies in a boolean match of their own (the count of every match
      // too, for the total).
      std::vector<Xapian::MatchSpy*> spies = counters->spies();
      if (request.histogram) spies.push_back(&*dates);
      spies.push_back(&*articles);
      if (!request.all_copies) spies.push_back(&*copy_keys);
      count_apart(spies);
      page_only = true;
    } else {
      counters->attach(*enquire);
      if (!remote && request.histogram) enquire->add_matchspy(&*dates);
      if (!remote && !request.all_copies) {
        enquire->add_matchspy(&*articles);
        enquire->add_matchspy(&*copy_keys);
      }
    }
    mset = enquire->get_mset(request.offset, request.limit, page_only ? 0 : shards_.database().get_doccount());
    // A file whose ids do not fit its values: forgotten, and the search run again (by
    // search(), as for a damaged block), which makes the table afresh.
    if (table_spy && table_spy->damaged()) {
      table->discard(cache_dir_);
      throw Xapian::DatabaseCorruptError("the facet table in " + cache_dir_.string() + " was damaged");
    }
  };
  match(text_query);
  if (!name_keys.wanted.empty() || !name_keys.deferred.empty()) {
    if (!name_keys.settle(shards_.parser_database(), mset)) {
      // A word of the text is a name: its keys beside it, searched again.
      text_query = parse_query(request.query, text_op, nullptr, &name_keys);
      match(text_query);
    }
  }
  // Every match was counted (apart from the page, or with checkatleast = every
  // document), so none seen is an all-words query that nothing within the filters
  // matches: the any-words one instead, unless it is the same query (one word).
  // counted(): every match the counting saw, when the page was matched alone.
  auto counted = [&] { return table_spy ? table_spy->seen() : articles->count(); };
  auto matched_none = [&] { return page_only ? counted() == 0 : mset.get_matches_upper_bound() == 0; };
  if (may_fall_back && matched_none()) {
    const Xapian::Query any_words = parse_query(request.query, Xapian::Query::OP_OR, nullptr, &name_keys);
    if (any_words.get_description() != text_query.get_description()) {
      text_query = any_words;
      result.matched = "any";
      match(text_query);
    }
  }
  result.parsed = query.get_description();
  result.total = page_only ? counted() : mset.get_matches_estimated();
  DateCounts date_counts;
  if (request.histogram && remote) {
    Xapian::doccount dated = 0;
    for (const auto& [interval, n] : counters->raw_counts(interval_spy)) {
      date_counts[{interval.substr(0, 8), interval.substr(8)}] += n;
      dated += n;
    }
    if (counters->seen() > dated) date_counts[{std::string(), std::string()}] += counters->seen() - dated;
  }
  if (request.histogram && table_spy) {
    const auto& counts = table_spy->counts(kTableInterval);
    const auto& values = table_spy->table().values(kTableInterval);
    if (counts[0] > 0) date_counts[{std::string(), std::string()}] = counts[0];
    for (std::size_t id = 1; id < counts.size(); ++id)
      if (counts[id] > 0)
        date_counts[{std::string(values[id - 1].substr(0, 8)), std::string(values[id - 1].substr(8))}] += counts[id];
  }
  if (!request.all_copies && table_spy) {
    const auto& counts = table_spy->counts(kTableCopy);
    Xapian::doccount distinct = 0;
    for (std::size_t id = 1; id < counts.size(); ++id) distinct += counts[id] > 0;
    const Xapian::doccount stories = distinct + counts[0];
    result.total = stories;
    result.copies_hidden = table_spy->seen() - stories;
  } else if (!request.all_copies) {
    const Xapian::doccount seen = remote ? counters->seen() : articles->count();
    std::map<std::string, Xapian::doccount> keys;
    if (remote) keys = counters->raw_counts(copy_spy);
    Xapian::doccount keyed = 0, distinct = 0;
    if (remote) {
      for (const auto& [key, n] : keys) keyed += n;
      distinct = static_cast<Xapian::doccount>(keys.size());
    } else {
      for (const auto& [key, n] : copy_keys->counts()) keyed += n;
      distinct = static_cast<Xapian::doccount>(copy_keys->counts().size());
    }
    const Xapian::doccount stories = distinct + (seen - keyed);
    result.total = stories;
    result.copies_hidden = seen - stories;
  }

  // Did you mean: asked of Xapian's spelling data only when a word of the query is in no
  // article or the search finds little. The correction looks up every word's spelling
  // neighbours (64 ms for وزير الخارجية on 50,000 articles), which a query that finds
  // plenty has no use for.
  // A search that finds little only because of its filters, every word of it held by
  // many articles, asks for none: Xapian's QueryParser asks its spelling data about every
  // word, and an Arabic word shares its fragments with most of the vocabulary (a search
  // the filters emptied cost 21-78 ms in get_spelling_suggestion, README "Benchmarks").
  if (has_text && (has_unknown_word(text_query, mset) || (result.total < kSuggestBelow && has_rare_word(text_query, mset)))) {
    std::string corrected;
    (void)parse_query(request.query, request.any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, &corrected, &name_keys);
    if (!corrected.empty() && corrected != analyzer_.normalize(request.query)) {
      result.suggestion = entity_spellings(request.query, corrected);
      result.suggestion_names = suggestion_names(request.query, corrected);
    }
  }

  // Snippets from a query that also holds every spelling of the names matched, by our
  // own analysis of the stored text (index/snippets.h): every form the search matched
  // is marked, and the passage is the one with most of the query's words.
  std::optional<Highlighter> highlight;
  if (request.want_snippets && (has_text || has_like) && !mset.empty())
    highlight.emplace(highlight_query(has_text ? text_query : query), analyzer_);
  // The copies folded into the page's hits, all in one match.
  std::vector<std::vector<Xapian::docid>> copies;
  // How many articles each hit stands for: Xapian's collapse count is exact only when
  // the match saw every document; a page-only match takes it from the counts of copy
  // keys (the matches that share the hit's key, the hit left out).
  std::vector<Xapian::doccount> folded;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (!page_only) {
      folded.push_back(it.get_collapse_count());
      continue;
    }
    if (!table_spy) {
      const auto n = copy_keys->counts().find(it.get_collapse_key());
      folded.push_back(n == copy_keys->counts().end() || n->second == 0 ? 0 : n->second - 1);
      continue;
    }
    const std::uint32_t id = table_spy->table().id(kTableCopy, *it);
    const auto& keyed = table_spy->counts(kTableCopy);
    folded.push_back(id == 0 || id >= keyed.size() || keyed[id] == 0 ? 0 : keyed[id] - 1);
  }
  if (!request.all_copies && !mset.empty()) copies = copies_of(mset, folded, query);
  // Remote shards: every hit's document, then its copies', read from its shard, the
  // shards at once (Xapian 1.4's MSet::fetch() and get_document() ask for one document
  // at a time).
  std::vector<Xapian::Document> documents;
  if (remote && !mset.empty()) {
    std::vector<Xapian::docid> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
    for (const auto& c : copies) ids.insert(ids.end(), c.begin(), c.end());
    documents = shards_.documents(ids);
  }
  // Percentages are relative to the best match. Sorted by date, Xapian sees only the
  // first page of each remote shard, so it may miss the best one: take the scale from a
  // one-document match in relevance order, as one index would.
  std::optional<Xapian::MSet> best;
  if (remote && sort != SortOrder::Relevance && (has_text || has_like) && !mset.empty()) {
    Xapian::Enquire relevance(shards_.database());
    relevance.set_query(query);
    if (!request.all_copies) relevance.set_collapse_key(schema::kCopySlot);
    best = relevance.get_mset(0, 1);
  }

  Xapian::doccount rank = request.offset;
  std::size_t next_copy = mset.size();  // in documents
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = ++rank;
    hit.docid = *it;
    hit.weight = it.get_weight();
    hit.percent = best ? best->convert_to_percent(it.get_weight()) : it.get_percent();
    const Xapian::Document doc = documents.empty() ? it.get_document() : documents[rank - request.offset - 1];
    hit.fields = decode(doc.get_data());
    hit.indexed = doc.get_value(schema::kIndexedSlot);
    for (const auto& c : hit.fields.countries) hit.country_names.push_back(facet_label(gazetteer_, "country", c));
    name_officials(hit.fields.officials, hit.official_names);
    // The text reaches the highlighter as valid UTF-8 (marker_free), so no byte of it reads
    // as a marker (bytes UTF-8 never holds); the highlighter scans a bounded part of it.
    if (highlight) {
      // The text as stored: the snippet is cut at word starts and spaces and leaves out
      // marker bytes, so a valid text (every text iranidx stores) gives a valid snippet;
      // only one that is not valid UTF-8 (a foreign index) is redone over the text made
      // valid (marker_free). Validating and copying every hit's whole text first was
      // 5% of a search.
      hit.snippet = highlight->snippet(hit.fields.body, kSnippetBytes, kHighlightStart, kHighlightEnd);
      if (!valid_between_markers(hit.snippet))
        hit.snippet = highlight->snippet(marker_free(hit.fields.body), kSnippetBytes, kHighlightStart, kHighlightEnd);
    }
    if (request.want_snippets && hit.snippet.empty()) hit.snippet = lead_of(marker_free(hit.fields.body.substr(0, 4 * kSnippetBytes)));
    hit.fields.body.clear();  // not needed past here; keeps JSON and memory small
    if (!request.all_copies && folded[rank - request.offset - 1] > 0) {
      hit.copies = folded[rank - request.offset - 1];
      for (const Xapian::docid id : copies[rank - request.offset - 1]) {
        const StoredFields f = decode((remote ? documents[next_copy++] : shards_.database().get_document(id)).get_data());
        hit.also_in.push_back(f.source_name.empty() ? (f.source.empty() ? f.path : f.source) : f.source_name);
        hit.also_in_paths.push_back(f.path);
      }
    }
    result.hits.push_back(std::move(hit));
  }

  // An official's label, and whether the gazetteer lists them, with one lookup of each
  // kind (a broad search's official facet holds hundreds of discovered people), kept for
  // the Searcher's later searches while the discovered officials they were made from
  // stay the same (official_labels_).
  bool labels_checked = false;
  auto describe_official = [&](FacetValue& v) {
    if (!labels_checked) {
      labels_checked = true;
      if (!official_labels_.empty()) {
        if (!discovered) discovered = &discovered_now();
        if (official_labels_generation_ != discovered_generation_ || official_labels_.size() > kMaxOfficialLabels)
          official_labels_.clear();
        official_labels_generation_ = discovered_generation_;
      }
    }
    auto [it, fresh] = official_labels_.try_emplace(v.value);
    OfficialLabel& known = it->second;
    if (fresh) {
      if (const entities::Entity* e = gazetteer_.by_id(entities::Kind::Official, v.value)) {
        known.label = e->name_en.empty() ? v.value : e->name_en;
      } else {
        if (!discovered) discovered = &discovered_now();
        official_labels_generation_ = discovered_generation_;
        const std::optional<std::string_view> spelled = discovered->name(v.value);
        if (!spelled) {
          known.label = v.value;
        } else if (const auto* person = merged().person(v.value)) {
          known.discovered = true;
          known.label = person->label;
          known.merged_ids.assign(person->ids.begin() + 1, person->ids.end());
        } else {
          known.discovered = true;
          known.label = std::string(*spelled);
        }
      }
    }
    v.label = known.label;
    v.discovered = known.discovered;
    v.merged_ids = known.merged_ids;
  };
  for (std::size_t i = 0; request.want_facets && i < std::size(kFacetSlots); ++i) {
    Facet facet{kFacetSlots[i].name, {}};
    const FacetAliases* aliases = i == official_facet ? official_aliases : nullptr;
    // The counts in value order, as views (of the table's values, or of the spies' map),
    // put in the order shown before any value is made: by count descending, then value;
    // months newest first, undated last.
    std::map<std::string, Xapian::doccount> spied;
    ValueCounts counts;
    if (table_spy) {
      counts = table_facet_counts(table, *table_spy, i, aliases);
    } else {
      spied = counters->counts(i);
      counts.assign(spied.begin(), spied.end());
    }
    if (facet.name == "month") {
      std::reverse(counts.begin(), counts.end());
      std::stable_partition(counts.begin(), counts.end(), [](const auto& e) { return e.first != "undated"; });
    } else {
      std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    }
    const bool official = facet.name == "official";
    facet.values.reserve(counts.size());
    for (const auto& [value, count] : counts) {
      FacetValue& v = facet.values.emplace_back();
      v.value = value;
      v.count = count;
      if (official) describe_official(v);
      else v.label = facet_label(gazetteer_, facet.name, v.value);
    }
    result.facets.push_back(std::move(facet));
  }
  if (request.histogram)
    result.histogram = make_histogram(remote || table_spy ? date_counts : dates->counts(), *request.histogram);
  const ShardReport& shards = shards_.report();
  result.shards_asked = shards.asked;
  result.shards_answered = shards.answered;
  result.shards_missing = shards.missing;
  result.shards_missing_why = shards.missing_why;
  return result;
}

}  // namespace iran::index
