// A light Arabic stemmer: strips clitic prefixes and common suffixes with length guards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iran::text {

// `word` is one normalized word (see normalizer.h) in Arabic script; returns its stem.
std::string arabic_light_stem(std::string_view word);

// Strips only the clitic prefixes (و ف ب ك ل ال وال بال كال فال لل ...), with length
// guards; used by the entity matcher so that وقطر and بطاجيكستان find their names.
std::string strip_arabic_clitics(std::string_view word);

// Every way to read `word` as grammatical clitics (و/ف, ب/ك/ل, ال, لل) + a remainder of
// at least three letters: the most stripped reading first, the word itself last. For a
// matcher that checks each against a list of names, so that a name whose first letter
// looks like a clitic (بوروندي, وارسو) is still found as written and with clitics (وبوروندي).
std::vector<std::string> arabic_clitic_readings(std::string_view word);

// For a quick "cannot have that stem" (snippets, index/snippets.cc). The letters of a
// word made only of the letters U+0621..U+065F, one bit each (bit c - 0x0620) in `mask`;
// false for a word with any other code point.
bool arabic_letter_mask(std::string_view word, std::uint64_t& mask);
// The letters a stem may hold that its word does not (ة, ي and ا, which the rules write,
// and whatever a broken plural's singular in the lexicon adds to its plural's): every
// letter of arabic_light_stem(w) is w's or one of these, for every w with a letter mask
// (tests/unit/test_arabic_stemmer.cc checks it over the corpus's words). ~0 when a
// singular holds a letter outside the mask's range (no word can then be ruled out).
std::uint64_t arabic_stem_added_letters();

}  // namespace iran::text
