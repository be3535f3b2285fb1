#include <doctest/doctest.h>

#include "util/terminal.h"

using namespace iran::util;

TEST_CASE("escape_controls: C0, DEL, C1, bidi controls and bad bytes become visible escapes") {
  CHECK(escape_controls("plain name.txt") == "plain name.txt");
  CHECK(escape_controls("قطر و ایران") == "قطر و ایران");
  CHECK(escape_controls("می‌خواهم") == "می‌خواهم");  // ZWNJ (U+200C) is Persian spelling, kept
  CHECK(escape_controls("\x1b]0;pwned\x07title") == "\\x1b]0;pwned\\x07title");
  CHECK(escape_controls("red\x1b[31m") == "red\\x1b[31m");
  CHECK(escape_controls("a\rb\nc\td") == "a\\rb\\nc\\td");
  CHECK(escape_controls(std::string("nul\0x", 5)) == "nul\\x00x");
  CHECK(escape_controls("del\x7f") == "del\\x7f");
  CHECK(escape_controls("csi\xc2\x9b" "31m") == "csi\\u009b31m");              // C1 CSI, U+009B
  CHECK(escape_controls("rlo\xe2\x80\xaetxt.exe") == "rlo\\u202etxt.exe");     // U+202E
  CHECK(escape_controls("\xe2\x81\xa6x\xe2\x81\xa9") == "\\u2066x\\u2069");    // LRI, PDI
  CHECK(escape_controls("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c") == "\\u200e\\u200f\\u061c");
  CHECK(escape_controls("ls\xe2\x80\xa8sep") == "ls\\u2028sep");
  CHECK(escape_controls("bad\xff\xfe") == "bad\\xff\\xfe");
  CHECK(escape_controls("cut\xe2\x80") == "cut\\xe2\\x80");
  CHECK(escape_controls("\xc0\xaf") == "\\xc0\\xaf");  // overlong '/'
  CHECK(escape_controls("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate
}

TEST_CASE("escape_controls: the result is always safe, and safe text is unchanged") {
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  all += "\xe2\x80\xae\xc2\x85";
  const std::string escaped = escape_controls(all);
  CHECK(is_terminal_safe(escaped));
  CHECK(escaped.find('\x1b') == std::string::npos);
  CHECK(escaped.find('\n') == std::string::npos);
  CHECK(escape_controls(escaped) == escaped);
}

TEST_CASE("escape_controls_multiline keeps newlines and tabs, escapes the rest") {
  CHECK(escape_controls_multiline("one\n\ttwo\r\x1b[2J") == "one\n\ttwo\\r\\x1b[2J");
}

TEST_CASE("quote_name: plain names as they are, odd ones quoted and reversible") {
  CHECK(quote_name("003_d99eb37f37fbe7d6.txt") == "003_d99eb37f37fbe7d6.txt");
  CHECK(quote_name("dir/with space.txt") == "dir/with space.txt");
  CHECK(quote_name("back\\slash.txt") == "back\\slash.txt");
  CHECK(quote_name("a\nb.txt") == "\"a\\nb.txt\"");
  CHECK(quote_name("x\x1b[31m\\y\".txt") == "\"x\\x1b[31m\\\\y\\\".txt\"");
  CHECK(quote_name("\xff.txt") == "\"\\xff.txt\"");
  // A plain name that looks quoted is quoted too, so the two never read alike.
  CHECK(quote_name("\"a\\nb.txt\"") == "\"\\\"a\\\\nb.txt\\\"\"");
  CHECK(quote_name("") == "");
}

TEST_CASE("to_valid_utf8 and hex_bytes") {
  CHECK(to_valid_utf8("ok قطر") == "ok قطر");
  CHECK(to_valid_utf8("a\xff" "b") == "a\xef\xbf\xbd" "b");
  CHECK(to_valid_utf8("\xe2\x80") == "\xef\xbf\xbd");  // one maximal ill-formed subpart
  CHECK(to_valid_utf8("\xfe\xff") == "\xef\xbf\xbd\xef\xbf\xbd");
  CHECK(hex_bytes("a\xff\n") == "61ff0a");
  CHECK(hex_bytes("") == "");
}
