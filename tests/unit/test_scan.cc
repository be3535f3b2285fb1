#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/scan.h"

namespace scan = iran::corpus::scan;

namespace {

// find_loose as its contract reads: try a match at every code point from `from` on.
std::optional<scan::Span> reference(std::string_view text, std::string_view pattern, std::size_t from) {
  for (std::size_t i = from; i < text.size(); i = scan::next_cp(text, i).next)
    if (auto end = scan::match_loose_at(text, i, pattern)) return scan::Span{i, *end};
  return std::nullopt;
}

// Texts made of pieces that the patterns below care about: both cases, spaces of
// several kinds, apostrophes, Arabic, line breaks and malformed bytes.
std::vector<std::string> texts() {
  const std::vector<std::string> pieces = {
      "Read", "READ", "read", " ", "\xC2\xA0", "  ", "More", "MORE", ":", "\n", "'", "\xE2\x80\x99",
      "s", "S", "x", "/", "\xD8\xA7\xD9\x86\xD8\xAA\xD9\x87\xD9\x89",  // انتهى
      "\xD8\xB1\xD8\xA7\xD8\xA8\xD8\xB7", "\xD8\xAA \xD9\x85",          // رابط, ت م
      "17", "\xFF", "\xE0", "\x80", "\xD8", "All", "Content by", "is licensed under", "a", "A"};
  std::vector<std::string> out;
  std::uint32_t state = 12345;
  for (int n = 0; n < 3000; ++n) {
    std::string t;
    const int parts = 1 + static_cast<int>(n % 12);
    for (int k = 0; k < parts; ++k) {
      state = state * 1103515245u + 12345u;
      t += pieces[(state >> 16) % pieces.size()];
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

TEST_CASE("find_loose finds what trying every code point finds, from every start") {
  const std::vector<std::string> patterns = {
      "Read More:", "read more", "'s", " x", "x", "/\xD8\xA7\xD9\x86\xD8\xAA\xD9\x87\xD9\x89/",
      "\xD8\xB1\xD8\xA7\xD8\xA8\xD8\xB7 *:", "*:* \xD8\xAA \xD9\x85", "All Content by * is licensed under",
      "a", "A:", "17:", "\xD8\xA7", "*x", ":", "\x80", "\x80x", ""};
  std::size_t found = 0, tried = 0;
  for (const auto& text : texts()) {
    for (const auto& pattern : patterns) {
      for (std::size_t from = 0; from <= text.size(); from += 1 + text.size() / 3) {
        const auto want = reference(text, pattern, from);
        const auto got = scan::find_loose(text, pattern, from);
        ++tried;
        REQUIRE(got.has_value() == want.has_value());
        if (want) {
          ++found;
          CHECK(got->begin == want->begin);
          CHECK(got->end == want->end);
        }
      }
    }
  }
  // The texts do hold matches of every kind, not only misses.
  CHECK(found > tried / 20);
}

TEST_CASE("find_loose: case, spaces, apostrophes and stars") {
  const auto m = scan::find_loose("Say READ\xC2\xA0  more: now", "read more:");
  REQUIRE(m);
  CHECK(m->begin == 4);
  CHECK(m->end == 17);
  CHECK(scan::find_loose("Iran\xE2\x80\x99s", "'s"));
  CHECK_FALSE(scan::find_loose("read\nmore", "read more"));
  CHECK(scan::find_loose("All Content by Mehr is licensed under", "all content by * is licensed under"));
  CHECK_FALSE(scan::find_loose("All Content by Mehr\nis licensed under", "All Content by * is licensed under"));
  // From a later start, the next occurrence.
  const auto second = scan::find_loose("a.a", "a", 1);
  REQUIRE(second);
  CHECK(second->begin == 2);
}

TEST_CASE("match_loose_at: a match only where it is asked to begin") {
  CHECK(scan::match_loose_at("Read More: x", 0, "read more:") == std::optional<std::size_t>(10));
  CHECK_FALSE(scan::match_loose_at("x Read More:", 0, "read more:"));
  CHECK(scan::match_loose_at("x Read More:", 2, "read more:"));
}
