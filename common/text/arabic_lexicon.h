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

// Common three-letter nouns of the hollow shape CاC/CوC/CيC that take clitics (ليوم,
// بدار, وجيش): the stemmer otherwise keeps four-letter words of that shape whole.
const std::vector<std::string_view>& short_words_taking_clitics();

// The same shape, but verbs and particles (قال, كان, بين, ليس): they take the conjunctions
// و ف (وقال, فكان, وبين) and never the prepositions ب ك ل, which govern nouns. So بقال
// (grocer) is not ب + قال, and the لبين left of الفلبين is not ل + بين "between".
const std::vector<std::string_view>& short_verbs_and_particles();

// Nouns ending in ة whose form without ة is a different word (مدرسة school / مدرس
// teacher, شرطة police / شرط condition, منطقة region / منطق logic): their stem keeps ة.
const std::vector<std::string_view>& lexical_feminine_nouns();

}  // namespace iran::text::lexicon
