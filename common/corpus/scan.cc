#include "corpus/scan.h"

#include <unicode/utf8.h>

namespace iran::corpus::scan {

Step next_cp(std::string_view s, std::size_t i) {
  UChar32 c = 0;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  if (c < 0) c = 0xFFFD;
  return {static_cast<char32_t>(c), static_cast<std::size_t>(pos)};
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == 0xFEFF;
}

std::string_view trim(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size()) {
    auto st = next_cp(s, b);
    if (!is_space(st.cp)) break;
    b = st.next;
  }
  std::size_t e = s.size();
  while (e > b) {
    // Step back to the start of the previous code point.
    std::size_t p = e - 1;
    while (p > b && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    if (!is_space(next_cp(s, p).cp)) break;
    e = p;
  }
  return s.substr(b, e - b);
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i = next_cp(s, i).next) ++n;
  return n;
}

std::vector<Line> lines(std::string_view s) {
  std::vector<Line> out;
  std::size_t b = 0;
  while (b <= s.size()) {
    std::size_t e = s.find('\n', b);
    if (e == std::string_view::npos) e = s.size();
    out.push_back({b, e});
    if (e == s.size()) break;
    b = e + 1;
  }
  return out;
}

namespace {

constexpr std::size_t kMaxStarBytes = 200;

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Matches pattern[pi..] at text[ti..]; returns the end of the match in text.
std::optional<std::size_t> match_at(std::string_view text, std::size_t ti, std::string_view pattern,
                                    std::size_t pi) {
  while (pi < pattern.size()) {
    char pc = pattern[pi];
    if (pc == '*') {
      // Lazy: the shortest stretch that lets the rest match, never past the line and
      // never long, so a pattern tried at every position stays linear in the text.
      for (std::size_t t = ti;; t = next_cp(text, t).next) {
        if (auto end = match_at(text, t, pattern, pi + 1)) return end;
        if (t >= text.size() || text[t] == '\n' || t - ti > kMaxStarBytes) return std::nullopt;
      }
    }
    if (ti >= text.size()) return std::nullopt;
    auto st = next_cp(text, ti);
    if (pc == ' ') {
      if (!is_space(st.cp) || st.cp == '\n') return std::nullopt;
      ti = st.next;
      while (ti < text.size()) {
        auto more = next_cp(text, ti);
        if (!is_space(more.cp) || more.cp == '\n') break;
        ti = more.next;
      }
      ++pi;
    } else if (pc == '\'') {
      if (!is_apostrophe(st.cp)) return std::nullopt;
      ti = st.next;
      ++pi;
    } else {
      if (ascii_lower(text[ti]) != ascii_lower(pc)) return std::nullopt;
      ++ti;
      ++pi;
    }
  }
  return ti;
}

}  // namespace

std::optional<std::size_t> match_loose_at(std::string_view text, std::size_t at, std::string_view pattern) {
  return match_at(text, at, pattern, 0);
}

std::optional<Span> find_loose(std::string_view text, std::string_view pattern, std::size_t from) {
  const char first = pattern.empty() ? '\0' : pattern[0];
  const auto byte = static_cast<unsigned char>(first);
  // A pattern that opens with a plain byte (not a space, apostrophe or star, nor a UTF-8
  // continuation byte) can only match where the text has that byte (either ASCII case),
  // and such a byte always begins a code point, one the step-by-step scan below would
  // try: so the text is skipped to each such byte instead of decoded and tried at every
  // code point (boilerplate rules run over every line of every article).
  if (!pattern.empty() && first != ' ' && first != '\'' && first != '*' && (byte & 0xC0) != 0x80) {
    const char lower = ascii_lower(first);
    const char upper = (lower >= 'a' && lower <= 'z') ? static_cast<char>(lower - 'a' + 'A') : lower;
    for (std::size_t i = from; i < text.size(); ++i) {
      if (text[i] != lower && text[i] != upper) continue;
      if (auto end = match_at(text, i, pattern, 0)) return Span{i, *end};
    }
    return std::nullopt;
  }
  for (std::size_t i = from; i < text.size(); i = next_cp(text, i).next) {
    if (auto end = match_at(text, i, pattern, 0)) return Span{i, *end};
  }
  return std::nullopt;
}

bool equals_loose(std::string_view text, std::string_view pattern) {
  text = trim(text);
  auto end = match_at(text, 0, pattern, 0);
  return end && *end == text.size();
}

}  // namespace iran::corpus::scan
