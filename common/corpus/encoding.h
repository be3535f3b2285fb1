// Character sets: what bytes are written in, and turning them into UTF-8.
// Detection is uchardet's (Mozilla's detector, which names short Arabic texts in
// Windows-1256 correctly where ICU's detector often does not); conversion is ICU's.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iran::corpus {

// A byte-order mark at the start of the bytes: the charset it announces (ICU names
// "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE") and its length in bytes.
struct Bom {
  std::string charset;
  std::size_t length = 0;
};
std::optional<Bom> sniff_bom(std::string_view bytes);

// UTF-32 without a BOM, recognised by its structure: a whole number of 4-byte units,
// each a Unicode scalar value, most with two zero bytes. "UTF-32LE", "UTF-32BE" or "".
std::string sniff_utf32(std::string_view bytes);

// The legacy charset of bytes that are not UTF-8, as uchardet names it, lowercased
// ("windows-1256", "iso-8859-6", "iso-8859-1"); empty when it finds none or only
// names a Unicode form (the caller decides those by BOM and structure).
std::string detect_charset(std::string_view bytes);

// The bytes in `charset` (any name ICU knows) as UTF-8; nullopt when ICU has no such
// converter. Unmappable bytes become U+FFFD.
std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset);

// Whether ICU can convert from this charset name.
bool is_known_charset(std::string_view charset);

// HTML's character-set prescan of a page's first bytes: `<meta charset="...">` or
// `<meta http-equiv="Content-Type" content="...; charset=...">`, or an XML declaration's
// encoding="...". Lowercased; empty when the page declares none.
std::string declared_charset(std::string_view head);

}  // namespace iran::corpus
