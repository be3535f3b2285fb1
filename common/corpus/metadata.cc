#include "corpus/metadata.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "corpus/article.h"
#include "corpus/dates.h"
#include "corpus/scan.h"

namespace iran::corpus {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Commas of either script separate list items.
std::vector<std::string> split_list(std::string_view value) {
  std::vector<std::string> out;
  std::size_t b = 0;
  auto flush = [&](std::size_t e) {
    auto item = scan::trim(value.substr(b, e - b));
    if (!item.empty()) out.emplace_back(item);
  };
  static constexpr std::string_view kArabicComma = "\u060C";
  for (std::size_t i = 0; i < value.size();) {
    if (value[i] == ',') {
      flush(i);
      b = ++i;
    } else if (value.substr(i).starts_with(kArabicComma)) {
      flush(i);
      i += kArabicComma.size();
      b = i;
    } else {
      ++i;
    }
  }
  flush(value.size());
  return out;
}

bool valid_lang(std::string_view s) {
  // ISO 639-1 or -3, optionally with a region or script subtag (fa-AF, az-Latn).
  std::size_t i = 0;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
  if (i < 2 || i > 3) return false;
  if (i == s.size()) return true;
  if (s[i] != '-' || i + 1 == s.size()) return false;
  for (char c : s.substr(i + 1))
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

[[noreturn]] void fail(std::string_view origin, std::size_t line, const std::string& what) {
  throw MetadataError(std::string(origin) + " line " + std::to_string(line) + ": " + what);
}

}  // namespace

const std::vector<std::string_view>& metadata_keys() {
  static const std::vector<std::string_view> keys{"title", "source",    "date",      "lang",
                                                  "url",   "countries", "officials", "note"};
  return keys;
}

MetadataFields parse_metadata(std::string_view text, std::string_view origin,
                              std::size_t first_line) {
  MetadataFields f;
  std::set<std::string> seen;
  std::size_t number = first_line;
  for (const auto& ln : scan::lines(text)) {
    std::size_t here = number++;
    auto line = scan::trim(text.substr(ln.begin, ln.end - ln.begin));
    if (line.empty() || line.front() == '#') continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos)
      fail(origin, here, "expected 'key: value', got '" + std::string(line) + "'");
    std::string key = lower_ascii(scan::trim(line.substr(0, colon)));
    std::string value(scan::trim(line.substr(colon + 1)));
    const auto& keys = metadata_keys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      std::string known;
      for (auto k : keys) known += (known.empty() ? "" : ", ") + std::string(k);
      fail(origin, here, "unknown key '" + key + "' (known keys: " + known + ")");
    }
    if (!seen.insert(key).second) fail(origin, here, "key '" + key + "' given twice");
    if (value.empty()) continue;  // "not known", the same as leaving the key out

    if (key == "title") {
      f.title = value;
    } else if (key == "source") {
      f.source = value;
    } else if (key == "date") {
      auto date = normalize_date(value);
      if (!date)
        fail(origin, here,
             "date '" + value + "' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY");
      f.date = *date;
    } else if (key == "lang") {
      std::string lang = lower_ascii(value);
      if (!valid_lang(lang))
        fail(origin, here, "lang '" + value + "' is not an ISO 639 language code (en, ar, fa)");
      f.lang = lang;
    } else if (key == "url") {
      if (value.find("://") == std::string::npos)
        fail(origin, here, "url '" + value + "' has no scheme (https://...)");
      f.url = value;
    } else if (key == "note") {
      f.note = value;
    } else if (key == "countries") {
      f.countries = split_list(value);
    } else if (key == "officials") {
      f.officials = split_list(value);
    }
  }
  return f;
}

FrontMatter split_front_matter(std::string_view text) {
  FrontMatter fm;
  auto all = scan::lines(text);
  auto is_marker = [&](const scan::Line& l) {
    auto s = text.substr(l.begin, l.end - l.begin);
    if (s.ends_with('\r')) s.remove_suffix(1);
    while (s.ends_with(' ') || s.ends_with('\t')) s.remove_suffix(1);
    return s == "---";
  };
  if (all.empty() || !is_marker(all.front())) {
    fm.rest = text;
    return fm;
  }
  for (std::size_t i = 1; i < all.size(); ++i) {
    if (!is_marker(all[i])) continue;
    fm.present = true;
    std::size_t block_begin = std::min(all[0].end + 1, text.size());
    fm.block = text.substr(block_begin, all[i].begin - block_begin);
    std::size_t rest_begin = std::min(all[i].end + 1, text.size());
    fm.rest = text.substr(rest_begin);
    fm.first_line = 2;
    return fm;
  }
  throw MetadataError("front matter line 1: '---' opens front matter but no '---' line closes it");
}

std::string slugify(std::string_view name) {
  std::string out;
  bool dash = false;
  for (std::size_t i = 0; i < name.size();) {
    auto st = scan::next_cp(name, i);
    bool keep = st.cp != 0xFFFD && u_isalnum(static_cast<UChar32>(st.cp));
    if (keep) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      if (st.cp >= 'A' && st.cp <= 'Z')
        out += static_cast<char>(st.cp - 'A' + 'a');
      else
        out.append(name.substr(i, st.next - i));
    } else {
      dash = true;
    }
    i = st.next;
  }
  return out;
}

}  // namespace iran::corpus
