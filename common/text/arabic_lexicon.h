// Small hand-written tables of general Arabic news vocabulary used by the light stemmer.
// They hold knowledge that no affix rule can recover: which plurals are broken plurals
// of which singular, and which common words begin with a letter that only looks like a
// clitic. Entries are written in ordinary spelling; the stemmer normalizes them.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace iran::text::lexicon {

// Broken plural → singular.
const std::vector<std::pair<std::string_view, std::string_view>>& broken_plurals();

// Words whose first letter (و ف ب ك ل) is part of the word, not a clitic.
const std::vector<std::string_view>& radical_initial_words();

// Function words and fixed forms that no affix rule may touch (الله, الذي, فيه).
const std::vector<std::string_view>& frozen_words();

// Common three-letter words of the hollow shape CاC/CوC/CيC that take clitics (وقال,
// وكان, ليوم): the stemmer otherwise keeps four-letter words of that shape whole.
const std::vector<std::string_view>& short_words_taking_clitics();

// Nouns ending in ة whose form without ة is a different word (مدرسة school / مدرس
// teacher, شرطة police / شرط condition, منطقة region / منطق logic): their stem keeps ة.
const std::vector<std::string_view>& lexical_feminine_nouns();

}  // namespace iran::text::lexicon
