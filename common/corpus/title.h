// A title for the results list when the metadata gives none.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace iran::corpus {

inline constexpr std::size_t kMaxTitleChars = 120;

// From a body with its boilerplate already stripped: a headline line when the story
// has one (a short first line without final punctuation standing alone above the
// text), else the first sentence of the lead paragraph (hard-wrapped lines joined)
// without dateline or attribution, shortened. Date stamps and bylines are skipped.
std::string derive_title(std::string_view body);

// The first sentence of text: up to . ! ? or ؟ followed by a space, skipping
// abbreviations (Mr., Jan., U.S.) and decimals.
std::string_view first_sentence(std::string_view text);

// At most max_chars code points, cut with "…" when shortened: at the last comma if that
// keeps at least 60% of the length, else at a word boundary.
std::string shorten(std::string_view text, std::size_t max_chars = kMaxTitleChars);

}  // namespace iran::corpus
