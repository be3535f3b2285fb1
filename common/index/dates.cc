#include "index/dates.h"

#include <charconv>
#include <cstdio>

namespace iran::index {
namespace {

bool parse_number(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string ymd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
  return buf;
}

}  // namespace

std::optional<DayInterval> parse_date_interval(std::string_view date) {
  int year = 0, month = 0, day = 0;
  if (date.size() < 4 || !parse_number(date.substr(0, 4), year) || year < 1) return std::nullopt;
  if (date.size() == 4) return DayInterval{ymd(year, 1, 1), ymd(year, 12, 31)};
  if (date.size() < 7 || date[4] != '-' || !parse_number(date.substr(5, 2), month) || month < 1 ||
      month > 12)
    return std::nullopt;
  if (date.size() == 7) return DayInterval{ymd(year, month, 1), ymd(year, month, days_in_month(year, month))};
  if (date.size() != 10 || date[7] != '-' || !parse_number(date.substr(8, 2), day) || day < 1 ||
      day > days_in_month(year, month))
    return std::nullopt;
  return DayInterval{ymd(year, month, day), ymd(year, month, day)};
}

}  // namespace iran::index
