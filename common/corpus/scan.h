// Byte-level helpers the article parser shares: UTF-8 stepping, lines, and a
// forgiving phrase match for boilerplate that sites type with varying spaces and quotes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iran::corpus::scan {

// The code point at s[i] and the index after it; malformed bytes read as U+FFFD, one
// byte at a time, so a scan always advances.
struct Step {
  char32_t cp;
  std::size_t next;
};
Step next_cp(std::string_view s, std::size_t i);

// Space-like code points: ASCII white space, NBSP, the U+2000 block spaces, ZWSP, BOM.
bool is_space(char32_t cp);

// Trims space-like code points at both ends.
std::string_view trim(std::string_view s);

// Number of code points.
std::size_t length(std::string_view s);

struct Line {
  std::size_t begin;  // first byte of the line
  std::size_t end;    // the '\n' (or the text's end)
};
std::vector<Line> lines(std::string_view s);

// Where `pattern` occurs in `text` at or after `from`, compared loosely: ASCII case is
// ignored, a space in the pattern matches any run of space-like code points, an
// apostrophe matches ' ’ ‘ and '*' matches a run of up to 200 bytes within the line.
struct Span {
  std::size_t begin;
  std::size_t end;
};
std::optional<Span> find_loose(std::string_view text, std::string_view pattern,
                               std::size_t from = 0);

// Where a loose match of `pattern` that begins at byte `at` of `text` ends, if one does
// (find_loose's rule for a start; `at` is a code point's first byte).
std::optional<std::size_t> match_loose_at(std::string_view text, std::size_t at, std::string_view pattern);

// Whether all of `text` (trimmed) matches `pattern` loosely.
bool equals_loose(std::string_view text, std::string_view pattern);

}  // namespace iran::corpus::scan
