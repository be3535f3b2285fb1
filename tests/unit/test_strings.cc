#include <doctest/doctest.h>

#include "util/strings.h"

using namespace iran::util;

TEST_CASE("find_invalid_utf8 accepts valid text and points at the first bad byte") {
  CHECK(find_invalid_utf8("plain ascii") == std::string::npos);
  CHECK(find_invalid_utf8("قطر and Türkiye “quoted” 😀") == std::string::npos);
  CHECK(find_invalid_utf8("ab\xff") == 2);
  CHECK(find_invalid_utf8("\xc3") == 0);              // truncated sequence
  CHECK(find_invalid_utf8("\xc0\xaf") == 0);          // overlong '/'
  CHECK(find_invalid_utf8("\xe0\x80\xaf") == 0);      // overlong, 3 bytes
  CHECK(find_invalid_utf8("x\xed\xa0\x80") == 1);     // UTF-16 surrogate
  CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0);  // above U+10FFFF
}

TEST_CASE("split, join and trim") {
  CHECK(split("a,b,,c", ',') == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(split("", ',') == std::vector<std::string>{""});
  CHECK(join({"a", "b"}, ", ") == "a, b");
  CHECK(trim("  x y \n") == "x y");
  CHECK(trim(" \t ").empty());
}

TEST_CASE("unescape_html reverses Xapian's snippet escaping") {
  CHECK(unescape_html("a &amp; b &lt;c&gt; &quot;d&quot;") == "a & b <c> \"d\"");
  CHECK(unescape_html("&unknown; &") == "&unknown; &");
}

TEST_CASE("fnv1a64 is stable and chains") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") != fnv1a64("b"));
  CHECK(fnv1a64("b", fnv1a64("a")) != fnv1a64("a", fnv1a64("b")));
}

TEST_CASE("cut_point: within the limit, at a word when one is near, never inside a UTF-8 sequence") {
  using iran::util::cut_point;
  CHECK(cut_point("short", 10) == 5);
  CHECK(cut_point("one two three", 9) == 8);        // after "two "
  CHECK(cut_point("abcdefgh", 4) == 4);             // no space: at the limit
  const std::string arabic = "قطر";                 // 6 bytes, 2 a letter
  CHECK(cut_point(arabic, 3) == 2);
  CHECK(cut_point(arabic, 1) == 0);
  std::string words(5000, 'x');
  words[100] = ' ';
  CHECK(cut_point(words, 4000) == 4000);            // the space is too far back
}
