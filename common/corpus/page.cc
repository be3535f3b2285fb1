#include "corpus/page.h"

#include <array>
#include <cctype>
#include <cstdio>

#include "corpus/dates.h"
#include "util/strings.h"

namespace iran::corpus {
namespace {

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "11 Dec 2021" as RFC 822 writes it (weekday and time around it are ignored).
std::optional<std::string> rfc822_date(std::string_view s) {
  static constexpr std::array<std::string_view, 12> months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};
  if (const auto comma = s.find(','); comma != std::string_view::npos && comma < 12) s.remove_prefix(comma + 1);
  const auto words = util::split(util::trim(s), ' ');
  std::vector<std::string> parts;
  for (const auto& w : words)
    if (!w.empty()) parts.push_back(w);
  if (parts.size() < 3 || !is_digits(parts[0]) || parts[0].size() > 2 || !is_digits(parts[2]) ||
      (parts[2].size() != 4 && parts[2].size() != 2))
    return std::nullopt;
  const std::string mon = util::ascii_lower(parts[1].substr(0, 3));
  for (std::size_t m = 0; m < months.size(); ++m) {
    if (mon != months[m]) continue;
    int year = std::stoi(parts[2]);
    if (parts[2].size() == 2) year += year < 70 ? 2000 : 1900;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02zu-%02d", year, m + 1, std::stoi(parts[0]));
    return normalize_date(buf);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> normalize_page_date(std::string_view written) {
  const std::string_view s = util::trim(written);
  if (s.empty()) return std::nullopt;
  // ISO 8601: the date part, before any time ('T' or a space).
  if (s.size() >= 4 && is_digits(s.substr(0, 4))) {
    std::size_t end = s.find_first_of("T ");
    const std::string_view date = s.substr(0, end);
    if (auto d = normalize_date(date)) return d;
    // Compact 20211211.
    if (date.size() == 8 && is_digits(date)) {
      const std::string dashed = std::string(date.substr(0, 4)) + "-" + std::string(date.substr(4, 2)) + "-" +
                                 std::string(date.substr(6, 2));
      if (auto d = normalize_date(dashed)) return d;
    }
  }
  if (auto d = rfc822_date(s)) return d;
  if (auto d = find_date(s)) return d->date;
  return std::nullopt;
}

std::optional<std::string> normalize_lang_tag(std::string_view tag) {
  const std::string_view t = util::trim(tag);
  std::size_t end = 0;
  while (end < t.size() && std::isalpha(static_cast<unsigned char>(t[end]))) ++end;
  if (end < 2 || end > 3 || (end < t.size() && t[end] != '-' && t[end] != '_')) return std::nullopt;
  return util::ascii_lower(t.substr(0, end));
}

std::string url_host(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const std::string_view scheme_name = url.substr(0, scheme);
  if (util::ascii_lower(scheme_name) != "http" && util::ascii_lower(scheme_name) != "https") return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host = util::ascii_lower(rest);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

std::string collapse_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool nbsp = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
      if (nbsp) ++i;
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

}  // namespace iran::corpus
