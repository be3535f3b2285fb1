#include <doctest/doctest.h>
#include <xapian.h>

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

TEST_CASE("the data is stored as one zstd frame, plain when too short to gain; both decode, a damaged frame is named") {
  StoredFields f;
  f.path = "reuters/1.txt";
  f.title = "Oil prices";
  for (int i = 0; i < 40; ++i) f.body += "Oil prices rose on Monday as OPEC met in Vienna. ";
  const std::string data = encode(f);
  REQUIRE(data.size() > 4);
  CHECK(data.substr(0, 4) == std::string("\x28\xB5\x2F\xFD"));  // zstd's magic number
  CHECK(data.size() < f.body.size() / 4);
  CHECK(decode(data).body == f.body);
  CHECK(decode(data).path == f.path);
  // The plain form (an index of schema 4, or a short document) decodes as before.
  CHECK(decode("path\tq.txt\ntitle\tT\n").path == "q.txt");
  CHECK(decode_plain("path\tq.txt\n").path == "q.txt");
  StoredFields tiny;
  tiny.path = "a";
  CHECK(encode(tiny) == "path\ta\n");
  CHECK(decode(encode(tiny)).path == "a");
  // A damaged frame: an error that says so, not fields made of noise.
  std::string damaged = data;
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x5A);
  damaged[damaged.size() / 2 + 1] = static_cast<char>(damaged[damaged.size() / 2 + 1] ^ 0x33);
  CHECK_THROWS_AS(decode(damaged), Xapian::DatabaseCorruptError);
  CHECK_THROWS_AS(decode(data.substr(0, data.size() / 2)), Xapian::DatabaseCorruptError);
  CHECK_THROWS_AS(decode(std::string("\x28\xB5\x2F\xFD", 4)), Xapian::DatabaseCorruptError);
}
