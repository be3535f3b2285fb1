// Matched articles over time: the counts behind `iransearch --histogram
// day|week|month|year`, with empty periods filled in so gaps show.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iran::index {

struct Facet;

enum class HistogramUnit { Day, Week, Month, Year };

std::string_view unit_name(HistogramUnit unit);               // "day", "week", ...
std::optional<HistogramUnit> parse_histogram_unit(std::string_view name);

struct HistogramBucket {
  std::string period;  // yyyy-mm-dd, yyyy-Www (ISO week), yyyy-mm or yyyy
  Xapian::doccount count = 0;
};

struct Histogram {
  HistogramUnit unit = HistogramUnit::Month;
  std::vector<HistogramBucket> buckets;  // oldest first, no gaps
  Xapian::doccount month_unknown = 0;    // dated less precisely than the unit (by year only, for months)
  Xapian::doccount undated = 0;
};

// Article dates as intervals (first and last day, yyyymmdd; empty when undated) with
// the number of matching articles that have each.
using DateCounts = std::map<std::pair<std::string, std::string>, Xapian::doccount>;
Histogram make_histogram(const DateCounts& dates, HistogramUnit unit);

// `month_facet` is the "month" facet of a SearchResult (values yyyy-mm, yyyy, undated).
Histogram make_histogram(const Facet& month_facet, HistogramUnit unit);

// Runs of empty buckets, for text output: [first, last) index ranges of at least
// `min_run` consecutive zero counts.
std::vector<std::pair<std::size_t, std::size_t>> empty_runs(const Histogram& h, std::size_t min_run);

}  // namespace iran::index
