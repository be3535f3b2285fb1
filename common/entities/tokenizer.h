// Words of raw article text, with byte offsets into the original and the keys a
// gazetteer name is looked up by. Internal to the entities module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iran::entities::detail {

enum class Script : std::uint8_t { Latin, Arabic, Other };

// How a Latin word is written; what the gazetteer's case rules look at.
enum class Casing : std::uint8_t { None, Lower, Title, Upper };

// One way to read a word: its key, and whether an Arabic article (ال) was taken off
// to get it, so that person names (which never take one) can refuse الرئيسي for رئيسي.
struct Candidate {
  std::string key;
  bool had_article = false;
  std::uint8_t cost = 0;  // 0: the word itself; more: clitics stripped
};

struct Token {
  std::size_t begin = 0;   // byte offsets of the word in the original text
  std::size_t end = 0;
  Script script = Script::Other;
  Casing casing = Casing::None;
  bool possessive = false;   // followed by 's or ’s, which is skipped
  bool in_parens = false;    // written as "(WORD)"
  bool breaks_before = false;  // a sentence end or line break separates it from the previous word
  bool spaced_before = false;  // only whitespace separates it from the previous word
  std::vector<Candidate> candidates;  // best first; empty for words that cannot match
};

// Splits `text` into words (letters, digits and combining marks; apostrophes, hyphens,
// ZWNJ and punctuation separate) and computes their candidate keys. Arabic-script
// words get one candidate per plausible clitic split (وقطر → قطر, للبنان → لبنان).
std::vector<Token> tokenize(std::string_view text);

// The key of one word as the gazetteer stores it: normalize_folded, and for Arabic
// script a leading ال removed (data and text agree on this, so القطري and قطري meet).
// `had_article` reports whether ال was removed.
std::string word_key(std::string_view word, bool* had_article = nullptr);

// Levenshtein distance in code points, for suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace iran::entities::detail
