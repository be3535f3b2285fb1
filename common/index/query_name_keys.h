// Free-text words that are names meet their spellings in the other script: a query word
// the index treats as a name (below) also matches the transliteration key terms (XN,
// entities/name_key.h) the indexer gave the name-like words of articles, so `Kanaani`
// finds an Arabic article that writes كنعاني and the reverse, whether or not the
// gazetteer lists the person.
//
// Which words: the ones the index reads as names. At indexing, a word gets an XN term
// when it is name-like (a capitalized Latin word, a word of an official's name, listed
// or discovered); a query word is name-like when most articles that contain it carry
// its key, i.e. where the word occurs it was indexed as a name (Kanaani, Jalili), which
// a common word is not (said, وزير: mostly written where they are no name), or, when no
// article contains it in its own script, when some article carries its key. Stop words
// never qualify this way, since they are everywhere and no name. A key of one sound
// (Ali) and Latin words of fewer than three letters are not indexed, so never expanded.
//
// How: the word's term becomes `term OR 0 * (XNkey...)`: the key terms are boolean and
// weightless, so an article found only across scripts ranks after every article that
// has the word itself, and the word is never replaced.
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace iran::text { class Analyzer; }

namespace iran::index {

// The XN terms of a query word (`term`: the word's unstemmed term, `written`: the word as
// typed, which keeps ى and ی apart) when the index reads it as a name; empty otherwise.
std::vector<std::string> query_name_key_terms(const Xapian::Database& db, const std::string& term,
                                              std::string_view written);

// What the rewrite read from the index for one search, so that every parse of it (all
// the words, then any of them, then the spelling correction) asks the shards once: each
// term's frequency, and each word's verdict (its key terms, or none). Valid for one
// revision of one database: one per search.
struct NameKeyCache {
  std::map<std::string, Xapian::doccount> frequencies;
  std::map<std::string, std::vector<std::string>> keys;  // term + '\0' + word as typed

  // Deferred: while `defer` is set, a word that may be a name is left as it is (no
  // keys), and the terms its verdict needs are collected in `wanted` instead of read.
  // The caller puts them in a match it runs anyway (weightless: index/searcher.cc), whose
  // statistics hold their frequencies, and calls settle().
  bool defer = false;
  std::set<std::string> wanted;
  std::vector<std::pair<std::string, std::string>> deferred;  // (term, word as typed)

  // The frequencies of `wanted` from `mset` (a match whose query held them), then each
  // deferred word's verdict; true when none of them is a name, so that the deferred
  // parse gave the query a full one gives. Ends the deferral.
  bool settle(const Xapian::Database& db, const Xapian::MSet& mset);

  // The key of `keys` for a word: its term, '\0', the word as typed.
  static std::string key_of(std::string_view term, std::string_view written);
  // A term's frequency as read for this search, else db's.
  Xapian::doccount frequency(const Xapian::Database& db, const std::string& term) const;
};

// Every word leaf of `query` (a term or a stem, not a filter, not inside a phrase) whose
// word is name-like gets its key terms beside it. `parser` is the one that parsed `text`
// (its unstem map gives the words behind a stem); `text` is the query as typed. `cache`,
// when given, holds what earlier parses of the same search read, and gains what this one
// reads.
Xapian::Query expand_name_keys(const Xapian::Query& query, const Xapian::Database& db, const Xapian::QueryParser& parser,
                               const text::Analyzer& analyzer, std::string_view text, NameKeyCache* cache = nullptr);

}  // namespace iran::index
