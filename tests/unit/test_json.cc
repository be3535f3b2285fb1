#include <doctest/doctest.h>

#include "util/json.h"

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
