#include "index/histogram.h"

#include <cstdio>

#include "index/search_request.h"

namespace iran::index {
namespace {

// Days since 1970-01-01 and back (H. Hinnant's civil calendar algorithms).
long days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

struct Civil {
  int y;
  unsigned m, d;
};
Civil civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2), m, d};
}

long day_of(const std::string& yyyymmdd) {
  return days_from_civil(std::stoi(yyyymmdd.substr(0, 4)), static_cast<unsigned>(std::stoi(yyyymmdd.substr(4, 2))),
                         static_cast<unsigned>(std::stoi(yyyymmdd.substr(6, 2))));
}

long monday_of(long day) { return day - ((day + 3) % 7 + 7) % 7; }  // 1970-01-01 was a Thursday

// The first day of the period holding `day`.
long period_start(long day, HistogramUnit unit) {
  const Civil c = civil_from_days(day);
  switch (unit) {
    case HistogramUnit::Day: return day;
    case HistogramUnit::Week: return monday_of(day);
    case HistogramUnit::Month: return days_from_civil(c.y, c.m, 1);
    case HistogramUnit::Year: return days_from_civil(c.y, 1, 1);
  }
  return day;
}

long next_start(long start, HistogramUnit unit) {
  const Civil c = civil_from_days(start);
  switch (unit) {
    case HistogramUnit::Day: return start + 1;
    case HistogramUnit::Week: return start + 7;
    case HistogramUnit::Month: return c.m == 12 ? days_from_civil(c.y + 1, 1, 1) : days_from_civil(c.y, c.m + 1, 1);
    case HistogramUnit::Year: return days_from_civil(c.y + 1, 1, 1);
  }
  return start + 1;
}

std::string label(long start, HistogramUnit unit) {
  const Civil c = civil_from_days(start);
  char buf[64];
  switch (unit) {
    case HistogramUnit::Day: std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d); break;
    case HistogramUnit::Week: {
      // ISO 8601: the week belongs to the year of its Thursday.
      const int iso_year = civil_from_days(start + 3).y;
      const long week = (start + 3 - days_from_civil(iso_year, 1, 1)) / 7 + 1;
      std::snprintf(buf, sizeof buf, "%04d-W%02ld", iso_year, week);
      break;
    }
    case HistogramUnit::Month: std::snprintf(buf, sizeof buf, "%04d-%02u", c.y, c.m); break;
    case HistogramUnit::Year: std::snprintf(buf, sizeof buf, "%04d", c.y); break;
  }
  return buf;
}

}  // namespace

std::string_view unit_name(HistogramUnit unit) {
  switch (unit) {
    case HistogramUnit::Day: return "day";
    case HistogramUnit::Week: return "week";
    case HistogramUnit::Month: return "month";
    case HistogramUnit::Year: return "year";
  }
  return "month";
}

std::optional<HistogramUnit> parse_histogram_unit(std::string_view name) {
  for (const auto u : {HistogramUnit::Day, HistogramUnit::Week, HistogramUnit::Month, HistogramUnit::Year})
    if (name == unit_name(u)) return u;
  return std::nullopt;
}

Histogram make_histogram(const DateCounts& dates, HistogramUnit unit) {
  Histogram h;
  h.unit = unit;
  std::map<long, Xapian::doccount> counts;  // period start → count
  for (const auto& [span, count] : dates) {
    const auto& [first, last] = span;
    if (first.size() != 8 || last.size() != 8) {
      h.undated += count;
      continue;
    }
    const long a = day_of(first), b = day_of(last);
    const long start = period_start(a, unit);
    if (period_start(b, unit) != start) {
      h.month_unknown += count;  // dated less precisely than the unit
      continue;
    }
    counts[start] += count;
  }
  if (counts.empty()) return h;
  const long end = counts.rbegin()->first;
  for (long p = counts.begin()->first; p <= end; p = next_start(p, unit)) {
    const auto it = counts.find(p);
    h.buckets.push_back({label(p, unit), it == counts.end() ? 0 : it->second});
  }
  return h;
}

Histogram make_histogram(const Facet& month_facet, HistogramUnit unit) {
  DateCounts dates;
  for (const auto& v : month_facet.values) {
    if (v.value == "undated") {
      dates[{"", ""}] += v.count;
    } else if (v.value.size() == 7) {
      const std::string m = v.value.substr(0, 4) + v.value.substr(5, 2);
      dates[{m + "01", m + "28"}] += v.count;
    } else if (v.value.size() == 4) {
      dates[{v.value + "0101", v.value + "1231"}] += v.count;
    } else {
      dates[{"", ""}] += v.count;
    }
  }
  return make_histogram(dates, unit);
}

std::vector<std::pair<std::size_t, std::size_t>> empty_runs(const Histogram& h, std::size_t min_run) {
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  std::size_t i = 0;
  while (i < h.buckets.size()) {
    if (h.buckets[i].count != 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < h.buckets.size() && h.buckets[j].count == 0) ++j;
    if (j - i >= min_run) runs.emplace_back(i, j);
    i = j;
  }
  return runs;
}

}  // namespace iran::index
