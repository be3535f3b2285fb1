#include "util/terminal.h"

#include <unicode/utf8.h>

#include <cstdint>

namespace iran::util {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_byte_escape(std::string& out, unsigned char b) {
  out += "\\x";
  out += kHex[b >> 4];
  out += kHex[b & 15];
}

void append_code_point_escape(std::string& out, char32_t c) {
  switch (c) {
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  if (c < 0x80) {
    append_byte_escape(out, static_cast<unsigned char>(c));
    return;
  }
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 15];
}

enum class Mode { Line, Multiline, Quoted };

// The one walk all the escapes share: code point by code point (ICU's U8_NEXT), the
// safe ones copied as they are, the others escaped.
std::string escape(std::string_view s, Mode mode) {
  std::string out;
  out.reserve(s.size() + (mode == Mode::Quoted ? 2 : 0));
  if (mode == Mode::Quoted) out += '"';
  for_each_code_point(s, [&](UChar32 c, std::string_view bytes) {
    if (c < 0) {
      for (const char b : bytes) append_byte_escape(out, static_cast<std::uint8_t>(b));
      return;
    }
    const auto cp = static_cast<char32_t>(c);
    if (mode == Mode::Multiline && (cp == '\n' || cp == '\t')) {
      out += static_cast<char>(cp);
    } else if (is_unsafe_code_point(cp)) {
      append_code_point_escape(out, cp);
    } else if (mode == Mode::Quoted && (cp == '"' || cp == '\\')) {
      out += '\\';
      out += static_cast<char>(cp);
    } else {
      out.append(bytes);
    }
  });
  if (mode == Mode::Quoted) out += '"';
  return out;
}

}  // namespace

// util/json.cc's fast path knows the two-byte cases below (C1, U+061C) by their bytes;
// tests/unit/test_json.cc compares it with this function.
bool is_unsafe_code_point(char32_t c) {
  if (c < 0x20 || c == 0x7F) return true;                // C0, DEL
  if (c >= 0x80 && c <= 0x9F) return true;               // C1 (CSI U+009B, OSC U+009D, ...)
  if (c == 0x061C || c == 0x200E || c == 0x200F) return true;  // ALM, LRM, RLM
  if (c >= 0x2028 && c <= 0x202E) return true;           // line/paragraph separators, LRE..RLO
  if (c >= 0x2066 && c <= 0x2069) return true;           // LRI, RLI, FSI, PDI
  return false;
}

bool is_terminal_safe(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    if (p[i] >= 0x20 && p[i] < 0x7F) {  // the common case: printable ASCII
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || is_unsafe_code_point(static_cast<char32_t>(c))) return false;
  }
  return true;
}

std::string escape_controls(std::string_view s) {
  return is_terminal_safe(s) ? std::string(s) : escape(s, Mode::Line);
}

std::string escape_controls_multiline(std::string_view s) { return escape(s, Mode::Multiline); }

std::string quote_name(std::string_view name) {
  if (is_terminal_safe(name) && (name.empty() || name.front() != '"')) return std::string(name);
  return escape(name, Mode::Quoted);
}

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](UChar32 c, std::string_view bytes) {
    if (c < 0) out += "\xEF\xBF\xBD";
    else out.append(bytes);
  });
  return out;
}

std::string hex_bytes(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (const unsigned char b : s) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace iran::util
