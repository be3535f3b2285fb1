// A light Arabic stemmer: strips clitic prefixes and common suffixes with length guards.
#pragma once

#include <string>
#include <string_view>

namespace iran::text {

// `word` is one normalized word (see normalizer.h) in Arabic script; returns its stem.
std::string arabic_light_stem(std::string_view word);

// Strips only the clitic prefixes (و ف ب ك ل ال وال بال كال فال لل ...), with length
// guards; used by the entity matcher so that وقطر and بطاجيكستان find their names.
std::string strip_arabic_clitics(std::string_view word);

}  // namespace iran::text
