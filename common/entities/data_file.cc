#include "entities/data_file.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <stdexcept>

#include <unicode/utf8.h>

namespace iran::entities::detail {
namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& file, std::size_t line, const std::string& what) {
  throw std::runtime_error(file.string() + ":" + std::to_string(line) + ": " + what);
}

bool valid_utf8(std::string_view s) {
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    if (c < 0) return false;
  }
  return true;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::map<std::string, std::vector<Row>> read_sections(const fs::path& file, const std::string& first_section,
                                                     bool required) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    if (!required) return {};
    throw std::runtime_error(file.string() + ": cannot open");
  }
  std::map<std::string, std::vector<Row>> sections;
  std::string section = first_section;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!valid_utf8(line)) fail(file, n, "not valid UTF-8");
    if (const std::string t = trim(line); t.size() > 2 && t.front() == '[' && t.back() == ']') {
      section = t.substr(1, t.size() - 2);
      if (section != "countries" && section != "officials" && section != "sources")
        fail(file, n, "unknown section \"" + t + "\" (known: [countries], [officials], [sources])");
      continue;
    }
    std::vector<std::string> fields;
    std::size_t pos = 0;
    for (;;) {
      auto tab = line.find('\t', pos);
      fields.push_back(trim(std::string_view(line).substr(pos, tab == std::string::npos ? std::string::npos : tab - pos)));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // a line of spaces
    if (fields.size() != 3)
      fail(file, n, "expected 3 tab-separated fields (id, type, value), found " + std::to_string(fields.size()));
    for (std::size_t f = 0; f < 3; ++f)
      if (fields[f].empty()) fail(file, n, "field " + std::to_string(f + 1) + " is empty");
    sections[section].push_back({fields[0], fields[1], fields[2], n});
  }
  return sections;
}

std::vector<Row> read_rows(const fs::path& file, bool required) {
  auto sections = read_sections(file, "rows", required);
  if (sections.size() > 1 || (sections.size() == 1 && !sections.count("rows")))
    throw std::runtime_error(file.string() + ": sections ([officials] ...) belong in a local gazetteer file only");
  return sections.empty() ? std::vector<Row>{} : std::move(sections.begin()->second);
}

bool is_country_code(std::string_view s) {
  return s.size() == 2 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_slug(std::string_view s) {
  return !s.empty() && s.front() != '-' && s.back() != '-' &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

bool valid_date(std::string_view d) {
  static constexpr std::string_view shapes[] = {"dddd", "dddd-dd", "dddd-dd-dd"};
  for (auto shape : shapes) {
    if (d.size() != shape.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < d.size() && ok; ++i)
      ok = shape[i] == 'd' ? (d[i] >= '0' && d[i] <= '9') : d[i] == shape[i];
    if (ok) return true;
  }
  return false;
}

// The first and last day a partial date can mean, as comparable strings.
std::string date_low(std::string_view d) {
  if (d.empty()) return "0000-00-00";
  return std::string(d) + std::string("0000-00-00").substr(d.size());
}
std::string date_high(std::string_view d) {
  if (d.empty()) return "9999-99-99";
  return std::string(d) + std::string("9999-99-99").substr(d.size());
}

}  // namespace iran::entities::detail
