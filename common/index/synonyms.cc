#include "index/synonyms.h"

#include <cstdio>
#include <set>
#include <vector>

#include "entities/gazetteer.h"
#include "index/schema.h"
#include "text/analyzer.h"
#include "text/utf8.h"
#include "util/strings.h"

namespace iran::index {
namespace {

std::string entity_term(const entities::Entity& e) {
  const auto prefix = e.kind == entities::Kind::Country ? schema::kCountryPrefix : schema::kOfficialPrefix;
  return std::string(prefix) + util::ascii_lower(e.id);
}

bool is_short_acronym(const std::string& name) {
  if (name.size() > 4) return false;
  for (const char c : name)
    if (!(c >= 'A' && c <= 'Z') && c != '.') return false;
  return true;
}

// A name's stem is a synonym key only when it still reads as the name: the name itself
// or the name without the article (اليمن → يمن), or four letters or more. A shorter
// stem is what the stemmer made by cutting letters of a foreign name that look like
// affixes, and such a stem is usually a common word's: الفلبين → بين "between", the
// Persian مالت → مال "money". Keyed, every query with that word would also match the
// country. The name as written stays a key.
bool stem_is_key(const std::string& term, const std::string& stem) {
  const std::u32string t = text::utf8::decode(term), s = text::utf8::decode(stem);
  if (s.size() >= 4 || s == t) return true;
  return t.size() == s.size() + 2 && t.compare(0, 2, U"\u0627\u0644") == 0 && t.compare(2, s.size(), s) == 0;
}

// The keys under which QueryParser looks a typed name up: a single word as typed
// (capitalised words are not stemmed) and as its Z-stem (lowercase words are); several
// words by their unstemmed terms joined with spaces.
std::vector<std::string> keys_for(const std::string& name, const text::Analyzer& analyzer) {
  const auto tokens = analyzer.analyze(name);
  if (tokens.empty()) return {};
  if (tokens.size() == 1) {
    // "US", "UAE": no key at all. QueryParser tries the unstemmed key for lowercase words
    // too, so any key "us" would expand the pronoun. Such names still match as typed,
    // and --country US finds every spelling.
    if (is_short_acronym(name)) return {};
    if (!stem_is_key(tokens[0].term, tokens[0].stem)) return {tokens[0].term};
    return {tokens[0].term, "Z" + tokens[0].stem};
  }
  std::string key;
  for (const auto& t : tokens) key += (key.empty() ? "" : " ") + t.term;
  return {key};
}

}  // namespace

std::string gazetteer_fingerprint(const entities::Gazetteer& gazetteer) {
  // The version changes when the rules turning names into synonym keys do. The data
  // hash covers every field of every row (alias types, roles, dates), not only names.
  std::uint64_t h = util::fnv1a64("iran.gazetteer.v3");
  h = util::fnv1a64(util::hex64(gazetteer.data_hash()), h);
  for (const auto kind : {entities::Kind::Country, entities::Kind::Official, entities::Kind::Source}) {
    for (const auto* e : gazetteer.all(kind)) {
      h = util::fnv1a64(e->id, h);
      for (const auto& name : gazetteer.names_of(*e)) h = util::fnv1a64(name + '\x1f', h);
    }
  }
  return util::hex64(h);
}

void write_synonyms(Xapian::WritableDatabase& db, const entities::Gazetteer& gazetteer,
                    const text::Analyzer& analyzer) {
  std::vector<std::string> old_keys(db.synonym_keys_begin(), db.synonym_keys_end());
  for (const auto& key : old_keys) db.clear_synonyms(key);
  for (const auto kind : {entities::Kind::Country, entities::Kind::Official}) {
    for (const auto* e : gazetteer.all(kind)) {
      const std::string term = entity_term(*e);
      std::set<std::string> keys;
      for (const auto& name : gazetteer.names_of(*e)) {
        for (auto& key : keys_for(name, analyzer)) keys.insert(std::move(key));
        // Every spelling is a word did-you-mean may offer (Rowhani → rouhani).
        for (const auto& token : analyzer.analyze(name))
          if (token.term.size() > 2) db.add_spelling(token.term);
      }
      for (const auto& key : keys) db.add_synonym(key, term);
    }
  }
}

}  // namespace iran::index
