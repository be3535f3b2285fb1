// Small string helpers with no other home.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace iran::util {

// Hash for unordered maps keyed by std::string that look a string_view up without making
// a string (with std::equal_to<>).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

std::string_view trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string ascii_lower(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);

// First invalid byte offset of s as UTF-8 (overlongs, surrogates and >U+10FFFF are
// invalid too), or npos when valid.
std::size_t find_invalid_utf8(std::string_view s);

// Where to cut s to at most max_bytes without splitting a UTF-8 sequence or, when there
// is white space in the last KiB before the limit, a word: s.size() when it fits.
std::size_t cut_point(std::string_view s, std::size_t max_bytes);

// Reverses the HTML escaping that Xapian::MSet::snippet applies.
std::string unescape_html(std::string_view s);

// 64-bit FNV-1a: a fast content fingerprint, not a security hash.
std::uint64_t fnv1a64(std::string_view data, std::uint64_t seed = 0xcbf29ce484222325ULL);

// 16 lowercase hex digits: how hashes are written into the index.
std::string hex64(std::uint64_t value);
// Whether `text` is such a string (what hex64 writes).
bool is_hex64(std::string_view text);

}  // namespace iran::util
