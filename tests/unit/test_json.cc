#include <doctest/doctest.h>

#include "util/json.h"

using iran::util::JsonWriter;

TEST_CASE("json_escape escapes quotes, backslashes and control characters, keeps UTF-8") {
  CHECK(iran::util::json_escape("a\"b\\c") == R"("a\"b\\c")");
  CHECK(iran::util::json_escape("line\nnext\t\x01") == R"("line\nnext\t\u0001")");
  CHECK(iran::util::json_escape("قطر") == "\"قطر\"");
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
