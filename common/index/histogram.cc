#include "index/histogram.h"

#include <cstdio>
#include <map>

namespace iran::index {
namespace {

std::string next_period(const std::string& period, HistogramUnit unit) {
  int year = std::stoi(period.substr(0, 4));
  char buf[16];
  if (unit == HistogramUnit::Year) {
    std::snprintf(buf, sizeof buf, "%04d", year + 1);
  } else {
    int month = std::stoi(period.substr(5, 2)) + 1;
    if (month > 12) {
      month = 1;
      ++year;
    }
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  }
  return buf;
}

}  // namespace

Histogram make_histogram(const Facet& month_facet, HistogramUnit unit) {
  Histogram h;
  h.unit = unit;
  std::map<std::string, Xapian::doccount> counts;
  for (const auto& v : month_facet.values) {
    if (v.value == "undated") {
      h.undated += v.count;
    } else if (unit == HistogramUnit::Year) {
      counts[v.value.substr(0, 4)] += v.count;
    } else if (v.value.size() == 7) {
      counts[v.value] += v.count;
    } else {
      h.month_unknown += v.count;
    }
  }
  if (counts.empty()) return h;
  const std::string last = counts.rbegin()->first;
  for (std::string p = counts.begin()->first;; p = next_period(p, unit)) {
    const auto it = counts.find(p);
    h.buckets.push_back({p, it == counts.end() ? 0 : it->second});
    if (p == last) break;
  }
  return h;
}

}  // namespace iran::index
