// Matched articles over time, from the month facet: the counts behind
// `iransearch --histogram month|year`, with empty periods filled in so gaps show.
#pragma once

#include <string>
#include <vector>

#include "index/search_request.h"

namespace iran::index {

enum class HistogramUnit { Month, Year };

struct HistogramBucket {
  std::string period;  // yyyy-mm or yyyy
  Xapian::doccount count = 0;
};

struct Histogram {
  HistogramUnit unit = HistogramUnit::Month;
  std::vector<HistogramBucket> buckets;  // oldest first, no gaps
  Xapian::doccount month_unknown = 0;    // by month: articles dated only by year
  Xapian::doccount undated = 0;
};

// `month_facet` is the "month" facet of a SearchResult (values yyyy-mm, yyyy, undated).
Histogram make_histogram(const Facet& month_facet, HistogramUnit unit);

}  // namespace iran::index
