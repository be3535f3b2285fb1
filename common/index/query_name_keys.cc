#include "index/query_name_keys.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <set>

#include "entities/name_key.h"
#include "index/discovered.h"
#include "index/query_builder.h"
#include "index/schema.h"
#include "text/analyzer.h"
#include "text/utf8.h"

namespace iran::index {
namespace {

std::size_t letters(std::string_view word) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < word.size();)
    if (u_isalpha(static_cast<UChar32>(text::utf8::next(word, i)))) ++n;
  return n;
}

// The XN terms a word would be expanded by, before asking the index: a Latin word of
// three letters or more, a key of more than one sound (the index's rule for a word on
// its own, index/document_builder.cc).
std::vector<std::string> candidate_key_terms(std::string_view written) {
  std::vector<std::string> terms;
  const bool latin = !written.empty() && static_cast<unsigned char>(written[0]) < 0x80;
  if (latin && letters(written) < 3) return terms;
  for (const auto& k : entities::name_keys(written))
    if (k.size() >= 2) terms.push_back(name_key_term(k));
  return terms;
}

using Frequency = std::function<Xapian::doccount(const std::string&)>;

std::vector<std::string> name_key_terms(const Xapian::Database& db, const std::string& term, std::string_view written,
                                        const Frequency& frequency) {
  std::vector<std::string> terms = candidate_key_terms(written);
  Xapian::doccount with_key = 0;
  for (const auto& t : terms) with_key += frequency(t);
  if (with_key == 0) return {};
  const Xapian::doccount with_word = frequency(term);
  if (with_word == 0) return terms;  // only its other spellings can be found
  // Most articles with the word carry its key: where it occurs, it is a name.
  const Xapian::doccount half = (with_word + 1) / 2;
  if (with_key < half) return {};
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(term),
                                  Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
  const auto mset = enquire.get_mset(0, 0, half);
  if (mset.get_matches_lower_bound() < half) return {};
  return terms;
}

struct Expander {
  const Xapian::Database& db;
  const Xapian::QueryParser& parser;
  NameKeyCache& cache;
  std::map<std::string, std::string> written;  // a word's term → the word as typed

  std::string_view written_of(const std::string& term) const {
    const auto w = written.find(term);
    return w == written.end() ? std::string_view(term) : std::string_view(w->second);
  }

  // The words behind a leaf: a word's term, or the words a stem was parsed from.
  std::vector<std::string> words_of_leaf(const std::string& term) const {
    std::vector<std::string> words;
    if (schema::is_typed_word_term(term) && !schema::is_word_term(term)) {  // a stem
      for (auto u = parser.unstem_begin(term); u != parser.unstem_end(term); ++u) words.push_back(*u);
    } else if (schema::is_word_term(term)) {
      words.push_back(term);
    }
    return words;
  }

  // Every frequency the rewrite may ask and no earlier parse read, in one match: a match
  // gathers its terms' frequencies from every shard at once, where get_termfreq asks one
  // remote shard after another (two or three round trips per word and shard).
  void prefetch(const Xapian::Query& query) {
    std::set<std::string> terms;
    for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t)
      for (const auto& w : words_of_leaf(*t)) {
        const auto keys = candidate_key_terms(written_of(w));
        if (keys.empty()) continue;
        terms.insert(w);
        terms.insert(keys.begin(), keys.end());
      }
    for (auto t = terms.begin(); t != terms.end();) t = cache.frequencies.count(*t) ? terms.erase(t) : std::next(t);
    if (terms.empty()) return;
    if (cache.defer) {
      cache.wanted.insert(terms.begin(), terms.end());
      return;
    }
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    const auto mset = enquire.get_mset(0, 0);
    for (const auto& t : terms) cache.frequencies.emplace(t, mset.get_termfreq(t));
  }

  Xapian::doccount frequency(const std::string& term) const { return cache.frequency(db, term); }

  const std::vector<std::string>& keys_of(const std::string& term) {
    const std::string_view as_typed = written_of(term);
    const std::string id = NameKeyCache::key_of(term, as_typed);
    auto it = cache.keys.find(id);
    if (it != cache.keys.end()) return it->second;
    if (cache.defer && !candidate_key_terms(as_typed).empty()) {
      static const std::vector<std::string> undecided;
      cache.deferred.emplace_back(term, std::string(as_typed));
      return undecided;
    }
    return cache.keys[id] = name_key_terms(db, term, as_typed, [this](const std::string& t) { return frequency(t); });
  }

  Xapian::Query rewrite(const Xapian::Query& query) {
    const auto op = query.get_type();
    if (op == Xapian::Query::LEAF_TERM) {
      const auto t = query.get_terms_begin();
      if (t == query.get_terms_end()) return query;
      const std::string term = *t;
      const std::vector<std::string> words = words_of_leaf(term);
      std::vector<Xapian::Query> keys;
      std::vector<std::string> seen;
      for (const auto& w : words)
        for (const auto& k : keys_of(w))
          if (std::find(seen.begin(), seen.end(), k) == seen.end()) {
            seen.push_back(k);
            keys.emplace_back(k);
          }
      if (keys.empty()) return query;
      return Xapian::Query(Xapian::Query::OP_OR, query,
                           Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                         Xapian::Query(Xapian::Query::OP_OR, keys.begin(), keys.end()), 0.0));
    }
    // Phrases and NEAR are left alone (rewrite_subqueries): a key term has no position.
    return rewrite_subqueries(query, [this](const Xapian::Query& sub) { return rewrite(sub); });
  }
};

}  // namespace

std::string NameKeyCache::key_of(std::string_view term, std::string_view written) {
  std::string id(term);
  id.push_back('\0');
  id.append(written);
  return id;
}

Xapian::doccount NameKeyCache::frequency(const Xapian::Database& db, const std::string& term) const {
  const auto it = frequencies.find(term);
  return it == frequencies.end() ? db.get_termfreq(term) : it->second;
}

bool NameKeyCache::settle(const Xapian::Database& db, const Xapian::MSet& mset) {
  for (const auto& t : wanted) frequencies.emplace(t, mset.get_termfreq(t));
  wanted.clear();
  defer = false;
  const Frequency frequency = [&](const std::string& t) { return this->frequency(db, t); };
  bool none = true;
  for (const auto& [term, written] : deferred) {
    const std::string id = key_of(term, written);
    auto it = keys.find(id);
    if (it == keys.end()) it = keys.emplace(id, name_key_terms(db, term, written, frequency)).first;
    none = none && it->second.empty();
  }
  deferred.clear();
  return none;
}

std::vector<std::string> query_name_key_terms(const Xapian::Database& db, const std::string& term,
                                              std::string_view written) {
  return name_key_terms(db, term, written, [&](const std::string& t) { return db.get_termfreq(t); });
}

Xapian::Query expand_name_keys(const Xapian::Query& query, const Xapian::Database& db, const Xapian::QueryParser& parser,
                               const text::Analyzer& analyzer, std::string_view text, NameKeyCache* cache) {
  NameKeyCache own;
  Expander e{db, parser, cache ? *cache : own, {}};
  // The words as typed, by the term each becomes (ى and ی are ي in the term).
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    const auto tokens = analyzer.analyze(word);
    if (tokens.size() == 1) e.written.emplace(tokens.front().term, word);
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const auto c = static_cast<UChar32>(text::utf8::next(text, i));
    if (u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK) word.append(text.substr(at, i - at));
    else flush();
  }
  flush();
  e.prefetch(query);
  return e.rewrite(query);
}

}  // namespace iran::index
