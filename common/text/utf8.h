// Small UTF-8 helpers for the text module: decoding that never fails (bad bytes become
// U+FFFD, as ICU does) and encoding, so code that walks letters needs no ICU objects.
#pragma once

#include <string>
#include <string_view>

namespace iran::text::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at s[i] and advances i; malformed or truncated sequences,
// overlongs and surrogates yield U+FFFD and consume one byte, so the walk always ends.
char32_t next(std::string_view s, size_t& i);

std::u32string decode(std::string_view s);
void append(std::string& out, char32_t c);
std::string encode(std::u32string_view s);

inline bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

}  // namespace iran::text::utf8
