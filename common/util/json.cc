#include "util/json.h"

#include <unicode/utf8.h>

#include <cmath>
#include <cstdint>
#include <cstdio>

#include "util/strings.h"
#include "util/terminal.h"

namespace iran::util {

// Always valid JSON, whatever the bytes: ill-formed UTF-8 becomes U+FFFD (the exact
// bytes of a name go in a *_bytes field, see write_name), and controls, C1 and bidi
// characters are written as \uXXXX escapes, which parse to the same string but keep
// the raw JSON safe to look at on a terminal.
void append_json_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    // Runs of printable ASCII other than the quote and the backslash go as they are, and
    // so do well-formed two-byte characters (U+0080..U+07FF: Arabic, Persian, accented
    // Latin) but the two kinds that are unsafe (is_unsafe_code_point): C1 controls
    // (C2 80..C2 9F) and the Arabic letter mark U+061C (D8 9C).
    std::size_t run = i;
    while (run < n) {
      const std::uint8_t b = p[run];
      if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
        ++run;
        continue;
      }
      if (b >= 0xC2 && b <= 0xDF && run + 1 < n) {
        const std::uint8_t c = p[run + 1];
        if ((c & 0xC0) == 0x80 && !(b == 0xC2 && c <= 0x9F) && !(b == 0xD8 && c == 0x9C)) {
          run += 2;
          continue;
        }
      }
      break;
    }
    if (run > i) {
      out.append(s.data() + i, run - i);
      i = run;
      if (i == n) break;
    }
    const std::size_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0) {
          out += "\xEF\xBF\xBD";
        } else if (is_unsafe_code_point(static_cast<char32_t>(c))) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c) & 0xFFFFu);
          out += buf;
        } else {
          out.append(s.data() + start, i - start);
        }
    }
  }
  out += '"';
}

std::string json_escape(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_ += '{';
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  first_.pop_back();
  out_ += '}';
  return *this;
}
JsonWriter& JsonWriter::begin_array() {
  separate();
  out_ += '[';
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  first_.pop_back();
  out_ += ']';
  return *this;
}
JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}
JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}
JsonWriter& JsonWriter::value(std::int64_t n) {
  separate();
  out_ += std::to_string(n);
  return *this;
}
JsonWriter& JsonWriter::value(std::uint64_t n) {
  separate();
  out_ += std::to_string(n);
  return *this;
}
JsonWriter& JsonWriter::value(double d) {
  separate();
  if (!std::isfinite(d)) {
    out_ += "null";
    return *this;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  out_ += buf;
  return *this;
}
JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}
JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}
JsonWriter& JsonWriter::string_array(const std::vector<std::string>& items) {
  begin_array();
  for (const auto& item : items) value(std::string_view(item));
  return end_array();
}

JsonWriter& JsonWriter::path_member(std::string_view name, std::string_view path) {
  key(name).value(path);
  if (find_invalid_utf8(path) != std::string_view::npos) key(std::string(name) + "_bytes").value(hex_bytes(path));
  return *this;
}

}  // namespace iran::util
