#include <doctest/doctest.h>

#include <cstdio>
#include <iterator>

#include "util/json.h"
#include "util/terminal.h"

using iran::util::JsonWriter;

TEST_CASE("json_escape escapes quotes, backslashes and control characters, keeps UTF-8") {
  CHECK(iran::util::json_escape("a\"b\\c") == R"("a\"b\\c")");
  CHECK(iran::util::json_escape("line\nnext\t\x01") == R"("line\nnext\t\u0001")");
  CHECK(iran::util::json_escape("قطر") == "\"قطر\"");
}

TEST_CASE("json_escape: always valid UTF-8 and safe to look at; C1 and bidi as \\u escapes") {
  CHECK(iran::util::json_escape("a\xff" "b") == "\"a\xef\xbf\xbd" "b\"");
  CHECK(iran::util::json_escape("\xe2\x80") == "\"\xef\xbf\xbd\"");
  CHECK(iran::util::json_escape("\x1b[31m\x7f") == R"("\u001b[31m\u007f")");
  CHECK(iran::util::json_escape("\xc2\x9b\xe2\x80\xae\xe2\x80\xa8") == R"("\u009b\u202e\u2028")");
  CHECK(iran::util::json_escape("می‌خواهم") == "\"می‌خواهم\"");
}

TEST_CASE("path_member: path_bytes only for a name that is not UTF-8") {
  JsonWriter plain;
  plain.begin_object().path_member("path", "a/قطر.txt").end_object();
  CHECK(plain.str() == R"({"path":"a/قطر.txt"})");
  JsonWriter odd;
  odd.begin_object().path_member("path", "a\xff\n.txt").key("n").value(1).end_object();
  CHECK(odd.str() == "{\"path\":\"a\xef\xbf\xbd\\n.txt\",\"path_bytes\":\"61ff0a2e747874\",\"n\":1}");
}

TEST_CASE("JsonWriter separates members and elements") {
  JsonWriter json;
  json.begin_object();
  json.key("n").value(3);
  json.key("list").string_array({"a", "b"});
  json.key("empty").begin_array().end_array();
  json.key("nested").begin_object().key("ok").value(true).key("none").null().end_object();
  json.key("x").value(1.5);
  json.end_object();
  CHECK(json.str() == R"({"n":3,"list":["a","b"],"empty":[],"nested":{"ok":true,"none":null},"x":1.5})");
}

namespace {

// json_escape one code point at a time, as it was written before its fast path for
// runs of plain ASCII: the reference the fast path must agree with.
std::string escape_by_code_point(std::string_view s) {
  std::string out = "\"";
  iran::util::for_each_code_point(s, [&](UChar32 c, std::string_view bytes) {
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0) out += "\xEF\xBF\xBD";
    else if (iran::util::is_unsafe_code_point(static_cast<char32_t>(c))) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c) & 0xFFFFu);
      out += buf;
    } else out.append(bytes);
  });
  return out + "\"";
}

}  // namespace

TEST_CASE("json_escape's fast path for plain ASCII and two-byte letters agrees with escaping each code point") {
  // Random strings over bytes that matter: plain letters, quotes, backslashes, controls,
  // DEL, bytes of Arabic and bidi characters, C1, and stray continuation or lead bytes.
  const std::string pieces[] = {"a", "Z", " ", "\"", "\\", "\n", "\t", "\r", "\x01", "\x7f", "\xd8\xa7", "\xd9\x84",
                                "\xe2\x80\xae", "\xc2\x9b", "\x80", "\xd8", "\xf0\x9f\x98\x80", "\xed\xa0\x80", "~",
                                "\xd8\x9c", "\xc2\x85", "\xc2\xa0", "\xdf\xbf", "\xc3", "\xc1\xbf", "\xd9\x8b"};
  std::uint64_t seed = 12345;
  auto next = [&] { return (seed = seed * 6364136223846793005ull + 1442695040888963407ull) >> 33; };
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const auto length = next() % 12;
    for (std::uint64_t i = 0; i < length; ++i) s += pieces[next() % std::size(pieces)];
    REQUIRE_MESSAGE(iran::util::json_escape(s) == escape_by_code_point(s), "input " << iran::util::hex_bytes(s));
    std::string appended = "x";
    iran::util::append_json_string(appended, s);
    CHECK(appended == "x" + escape_by_code_point(s));
  }
}
