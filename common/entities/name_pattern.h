// What a row of the data files makes of a name: its type, and what each of its words
// demands of the text. Shared by the loader (which builds patterns) and the trie and
// disambiguation (which read them). Internal to the entities module.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "entities/gazetteer.h"

namespace iran::entities::detail {

// What a row of a data file says a name is. See the headers of data/*.tsv.
enum class NameType : std::uint8_t {
  Name,      // countries: en/ar/fa/name; officials: en/ar/fa/full; sources: en/ar/fa/name
  Short,     // officials: a distinctive short form (Raisi, Bagheri Kani)
  Guarded,   // a country name that is also a person's name (Jordan, Chad)
  Demonym,
  Capital,
  Place,
  Surname,   // officials: counted only when the text also names them in full
  Credit,    // sources
  Not,       // a phrase that contains a name but does not mean it (New Jersey)
};

// Lower is preferred when one span could be read several ways.
inline int priority(NameType t) {
  switch (t) {
    case NameType::Name: case NameType::Short: case NameType::Guarded: case NameType::Credit: return 0;
    case NameType::Demonym: return 1;
    case NameType::Capital: case NameType::Place: return 2;
    case NameType::Surname: return 3;
    case NameType::Not: return -1;
  }
  return 4;
}

inline MatchKind match_kind(NameType t) {
  switch (t) {
    case NameType::Demonym: return MatchKind::Demonym;
    case NameType::Capital: return MatchKind::Capital;
    case NameType::Place: return MatchKind::Place;
    case NameType::Surname: return MatchKind::Surname;
    case NameType::Credit: return MatchKind::Credit;
    default: return MatchKind::Name;
  }
}

// What a word of a name demands of the word in the text. Names are matched without
// regard to case, except that a capitalized word of a name must be capitalized in the
// text (so "china" the porcelain and "turkey" the bird are not countries) and a name
// word written in capitals must be in capitals (US, not the pronoun "us").
enum class Need : std::uint8_t { None, Capital, Capitals };

struct PatternWord {
  std::string key;
  Need need = Need::None;
  bool parens = false;         // written "(MNA)": must be in parentheses in the text
  bool possessive = false;
  bool allow_article = true;   // text may carry an Arabic article the name does not have
  bool need_article = false;   // the name has one (الكاميرون, not the name كاميرون)
};

struct Entry {
  std::vector<PatternWord> words;
  const Entity* entity = nullptr;
  NameType type = NameType::Name;
  std::uint32_t order = 0;
};

// Particles inside Latin-script names that newspapers write either way (al-Hammadi,
// Al-Hammadi; bin, Bin): they carry no case requirement.
inline bool is_particle(std::string_view key) {
  static const std::unordered_set<std::string_view> particles = {
      "al", "el", "ul", "ud", "bin", "ibn", "bint", "ben", "abu", "of", "the", "and",
      "de", "du", "la", "le", "von", "van", "der", "da"};
  return particles.count(key) > 0;
}

}  // namespace iran::entities::detail
