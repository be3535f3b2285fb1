// What may reach a terminal or a log line from text we do not control: file names,
// titles, snippets, sources, names, error messages. One set of rules for every printer
// (iransearch's text, CSV, TSV and paths output, iranidx's lines, warnings and errors,
// check / status reports, the server's log), so none of them escapes by hand.
//
// Unsafe (shown as a visible escape, never written raw):
//   C0 controls U+0000-U+001F (ESC, BEL, CR, backspace, newline, tab ...) and DEL U+007F
//                                 -> \n \r \t, else \xNN
//   C1 controls U+0080-U+009F     -> \u0080 ... \u009f
//   bidi controls: U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, and the line and
//   paragraph separators U+2028, U+2029 (a new line to some viewers) -> \u202e ...
//   bytes that are not UTF-8      -> \xNN (each byte of the ill-formed sequence)
// Everything else, ZWNJ U+200C of Persian text included, is written as it is.
#pragma once

#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace iran::util {

// Calls fn(c, bytes) for each code point of `s` in order (ICU's U8_NEXT): `c` is the
// code point, or negative for an ill-formed sequence, and `bytes` what it was written
// with. The one walk the escapes here and in util/json.h share.
template <class F>
void for_each_code_point(std::string_view s, F&& fn) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const std::size_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    fn(c, s.substr(start, i - start));
  }
}

bool is_unsafe_code_point(char32_t c);

// No unsafe code point and no byte that is not UTF-8.
bool is_terminal_safe(std::string_view s);

// The text with every unsafe code point or byte escaped: one line, whatever it holds.
std::string escape_controls(std::string_view s);

// The same, but newlines and tabs stay: for a text shown whole, line by line (a body).
std::string escape_controls_multiline(std::string_view s);

// A file name or path as a message shows it: unchanged when it is terminal-safe and does
// not start with a double quote; otherwise in double quotes, with the escapes above and
// \" and \\ for a quote and a backslash, so a quoted name never reads as a plain one and
// the exact bytes can be read back from it ("a\x1b[31mb.txt", "\u202etxt.exe").
std::string quote_name(std::string_view name);

// The bytes with every ill-formed UTF-8 sequence replaced by U+FFFD (one per maximal
// ill-formed subpart, as ICU and the WHATWG decoder do): valid UTF-8 for JSON.
std::string to_valid_utf8(std::string_view s);

// Two lowercase hex digits a byte: how JSON carries a name that is not UTF-8 (path_bytes).
std::string hex_bytes(std::string_view s);

}  // namespace iran::util
