// Text normalization shared by documents, queries and gazetteer names.
#pragma once

#include <string>
#include <string_view>

namespace iran::text {

// NFKC; Arabic harakat (U+064B..U+0652, U+0670) and tatweel removed; alef forms
// (أ إ آ ٱ) → ا; ى → ي; Persian ی → ي, ک → ك; Arabic-Indic and Persian digits → ASCII;
// ZWNJ → space; a final alef written with fathatan (the accusative tanween: نوعاً → نوع)
// removed with it. ASCII passes through unchanged, so query syntax (AND, quotes, field:)
// survives; Xapian lowercases terms itself. Invalid UTF-8 never reaches here (the
// corpus reader rejects it), but the function must not crash on it.
std::string normalize(std::string_view utf8);

// normalize() plus lowercasing of every letter: for matching names (gazetteers).
std::string normalize_folded(std::string_view utf8);

// The term Xapian makes of one word after normalize() (ASCII letters lowercased), when
// that needs no ICU: the word is ASCII and Arabic-script letters, harakat, tatweel and
// digits that NFKC leaves alone (not the marks U+0653..U+0655, which compose). Stores it
// in `out` and returns true; false (and `out` unspecified) for any other word. Cheap: what
// snippets use on every word of a hit's text.
bool simple_word_term(std::string_view word, std::string& out);

}  // namespace iran::text
