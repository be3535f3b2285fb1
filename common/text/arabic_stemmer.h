// A light Arabic stemmer: strips clitic prefixes and common suffixes with length guards.
#pragma once

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

}  // namespace iran::text
