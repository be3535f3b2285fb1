#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "index/stored_fields.h"

using namespace iran::index;

TEST_CASE("stored fields survive encoding, including tabs, newlines and backslashes") {
  StoredFields f;
  f.path = "sub dir/مقالة.txt";
  f.title = "Iran\tand \\ Qatar";
  f.date = "2022-05";
  f.lang = "ar";
  f.countries = {"IR", "QA"};
  f.officials = {"ali-bagheri-kani"};
  f.body = "line one\nline two\\n not a newline";
  const StoredFields g = decode(encode(f));
  CHECK(g.path == f.path);
  CHECK(g.title == f.title);
  CHECK(g.date == f.date);
  CHECK(g.countries == f.countries);
  CHECK(g.officials == f.officials);
  CHECK(g.body == f.body);
  CHECK(g.url.empty());
}

TEST_CASE("decode ignores unknown keys and malformed lines") {
  const StoredFields f = decode("future_key\tvalue\nno tab here\ntitle\tT\n");
  CHECK(f.title == "T");
}

TEST_CASE("decode unescapes runs, escapes side by side, at either end, and a lone trailing backslash") {
  // Every string of up to 5 characters over an alphabet with each escaped byte: what
  // encode wrote, decode gives back.
  const std::string alphabet = "a\\\t\nb";
  std::vector<std::string> strings = {""};
  for (std::size_t n = 0, begin = 0; n < 5; ++n) {
    const std::size_t end = strings.size();
    for (std::size_t i = begin; i < end; ++i)
      for (const char c : alphabet) strings.push_back(strings[i] + c);
    begin = end;
  }
  for (const auto& s : strings) {
    StoredFields f;
    f.body = s;
    f.title = s + "x";
    const StoredFields g = decode(encode(f));
    CHECK(g.body == s);
    CHECK(g.title == s + "x");
  }
  // Not written by encode: an unknown escape is the byte itself, a backslash at the very
  // end is kept.
  CHECK(decode("title\ta\\qb\\").title == "aqb\\");
  CHECK(decode("body\t\\\\\\n\\t\\").body == "\\\n\t\\");
}
