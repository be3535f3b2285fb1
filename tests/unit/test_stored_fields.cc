#include <doctest/doctest.h>

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
