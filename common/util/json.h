// A minimal streaming JSON writer: enough for iransearch --json and iranidx --json,
// with correct escaping of any UTF-8 string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iran::util {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(std::uint64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(unsigned n) { return value(static_cast<std::uint64_t>(n)); }
  JsonWriter& value(double d);
  JsonWriter& value(bool b);
  JsonWriter& null();
  JsonWriter& string_array(const std::vector<std::string>& items);
  // A member holding a file name or path: `key` with the name (bytes that are not UTF-8
  // as U+FFFD) and, only when the name is not valid UTF-8, `key`_bytes with its exact
  // bytes in hex, so a program can always get the real name back ("path_bytes").
  JsonWriter& path_member(std::string_view key, std::string_view path);

  const std::string& str() const { return out_; }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// A JSON string literal, quotes included; valid UTF-8 and valid JSON whatever `s` holds.
std::string json_escape(std::string_view s);
// The same, appended to `out` (no string made per value: what JsonWriter writes with).
void append_json_string(std::string& out, std::string_view s);

}  // namespace iran::util
