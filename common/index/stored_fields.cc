#include "index/stored_fields.h"

#include "util/strings.h"

namespace iran::index {
namespace {

void put(std::string& out, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  out += key;
  out += '\t';
  for (const char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  out += '\n';
}

// Runs between escapes copied whole (a body is kilobytes with few escapes: copied a byte
// at a time it was 6% of a search).
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t slash = s.find('\\', i);
    if (slash == std::string_view::npos || slash + 1 == s.size()) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, slash - i));
    const char next = s[slash + 1];
    out += next == 't' ? '\t' : next == 'n' ? '\n' : next;
    i = slash + 2;
  }
  return out;
}

std::vector<std::string> list(const std::string& joined) {
  if (joined.empty()) return {};
  return util::split(joined, ',');
}

}  // namespace

std::string encode(const StoredFields& f) {
  std::string out;
  put(out, "path", f.path);
  put(out, "title", f.title);
  put(out, "source", f.source);
  put(out, "source_name", f.source_name);
  put(out, "date", f.date);
  put(out, "date_origin", f.date_origin);
  put(out, "lang", f.lang);
  put(out, "url", f.url);
  put(out, "countries", util::join(f.countries, ","));
  put(out, "officials", util::join(f.officials, ","));
  put(out, "conversion", f.conversion);
  put(out, "body", f.body);
  return out;
}

StoredFields decode(std::string_view data) {
  StoredFields f;
  std::size_t start = 0;
  while (start < data.size()) {
    auto eol = data.find('\n', start);
    if (eol == std::string_view::npos) eol = data.size();
    const auto line = data.substr(start, eol - start);
    start = eol + 1;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    const auto key = line.substr(0, tab);
    std::string value = unescape(line.substr(tab + 1));
    if (key == "path") f.path = std::move(value);
    else if (key == "title") f.title = std::move(value);
    else if (key == "source") f.source = std::move(value);
    else if (key == "source_name") f.source_name = std::move(value);
    else if (key == "date") f.date = std::move(value);
    else if (key == "date_origin") f.date_origin = std::move(value);
    else if (key == "lang") f.lang = std::move(value);
    else if (key == "url") f.url = std::move(value);
    else if (key == "countries") f.countries = list(value);
    else if (key == "officials") f.officials = list(value);
    else if (key == "conversion") f.conversion = std::move(value);
    else if (key == "body") f.body = std::move(value);
  }
  return f;
}

}  // namespace iran::index
