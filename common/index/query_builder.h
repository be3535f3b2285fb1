// The text of a search → a Xapian::Query: QueryParser syntax with the project's field
// prefixes, ranges and stemming, and the ranking rules that questions typed as they come
// need (text/query_text.h for the string rules; names below).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>

namespace iran::entities { class Gazetteer; }
namespace iran::text { class Analyzer; }

namespace iran::index {

struct NameKeyCache;  // index/query_name_keys.h

// What one query may hold. Matching, spelling correction and the name rewrite all cost
// more per term as terms are added (10,000 terms took seconds, a 1 MB query tens of
// seconds), so a query is bounded before it is parsed (bytes) and after (terms, as
// QueryParser counts them: every word, phrase word and field value). A typed question
// or a pasted paragraph fits; a document pasted whole does not.
inline constexpr std::size_t kMaxQueryBytes = 8192;
inline constexpr std::size_t kMaxQueryTerms = 256;

// The words as they are typed rank above their other forms: each query word that its
// stem does not spell (sanctions, والعلاقات, الاستخدامات) also adds its exact term, the
// unstemmed one the index keeps beside the stem, at kExactFormWeight of its weight,
// as AND_MAYBE: what matches is unchanged, and among the articles that have the stem,
// those that use the word as asked come first. The light Arabic stemmer joins many forms
// (clitics, the imperfect's persons, a masdar and its verb), and the form still says
// something the stem does not. `prepared` is the text QueryParser read (text/query_text.h);
// only its words whose stem is in `query` count, so operators and field names add
// nothing. Measured on XQuAD-R (scripts/eval-retrieval --exact W, issue 8).
inline constexpr double kExactFormWeight = 0.25;
Xapian::Query add_exact_forms(const Xapian::Query& query, const text::Analyzer& analyzer,
                              const std::string& prepared, double weight = kExactFormWeight);

// Throws UsageError for a query over the bounds above, for text that does not parse or a field value that names nothing.
// Names: a recognised name expands to its entity term next to its own words,
// `(words) OR entity`, never as one synonym that merges a rare word's weight with
// common ones; words that form no entity's name are never grouped. Names typed
// hyphenated or run together are spaced first (index/query_names.h). Words the index
// reads as names also match their transliteration keys, weightless, beside them
// (index/query_name_keys.h): Kanaani finds كنعاني. The words as typed rank above their
// other forms (add_exact_forms, below). With `corrected`,
// spelling correction is on and the corrected query string is stored there.
// `exact_weight` is add_exact_forms's weight (a measurement may change it; 0: none).
// `name_keys`: what earlier parses of the same search read for the name keys (one
// search parses its text up to three times), and gains what this one reads.
Xapian::Query build_text_query(const Xapian::Database& db, const entities::Gazetteer& gazetteer,
                               const text::Analyzer& analyzer, const std::string& text,
                               Xapian::Query::op default_op = Xapian::Query::OP_OR,
                               std::string* corrected = nullptr, double exact_weight = kExactFormWeight,
                               NameKeyCache* name_keys = nullptr);

// A question typed as a sentence (text/query_text.h, is_typed_question), judged on the
// text as build_text_query reads it: iransearch ranks it on any of its words.
bool is_question(const text::Analyzer& analyzer, const std::string& text);

// `query` with each subquery passed through `rewrite`: the one walk the query rewrites
// share (expand_names, index/query_name_keys.h). A leaf, a node whose operator holds a
// parameter besides its subqueries (NEAR, PHRASE, ELITE_SET, SCALE_WEIGHT: nothing
// inside them needs rewriting), and a node none of whose subqueries changed come back
// as they are.
Xapian::Query rewrite_subqueries(const Xapian::Query& query,
                                 const std::function<Xapian::Query(const Xapian::Query&)>& rewrite);

// The synonym rewrite on its own: every OP_SYNONYM QueryParser built for a name becomes
// OR(the name's words or word, its entity terms); a group without entity terms becomes
// its words. Other nodes are kept.
Xapian::Query expand_names(const Xapian::Query& query);

}  // namespace iran::index
