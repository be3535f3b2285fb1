#include <doctest/doctest.h>

#include "index/histogram.h"
#include "index/search_request.h"

using namespace iran::index;

TEST_CASE("months are filled in, year-only and undated articles counted apart") {
  Facet month{"month", {{"2022-02", "", 2}, {"2021-11", "", 1}, {"2024", "", 4}, {"undated", "", 3}}};
  const Histogram h = make_histogram(month, HistogramUnit::Month);
  REQUIRE(h.buckets.size() == 4);
  CHECK(h.buckets[0].period == "2021-11");
  CHECK(h.buckets[1].period == "2021-12");
  CHECK(h.buckets[1].count == 0);
  CHECK(h.buckets[2].period == "2022-01");
  CHECK(h.buckets[3].count == 2);
  CHECK(h.month_unknown == 4);
  CHECK(h.undated == 3);
}

TEST_CASE("years aggregate months and year-only dates") {
  Facet month{"month", {{"2022-02", "", 2}, {"2022-07", "", 1}, {"2024", "", 4}}};
  const Histogram h = make_histogram(month, HistogramUnit::Year);
  REQUIRE(h.buckets.size() == 3);
  CHECK(h.buckets[0].count == 3);
  CHECK(h.buckets[1].count == 0);
  CHECK(h.buckets[2].count == 4);
}

TEST_CASE("nothing dated gives no buckets") {
  const Histogram h = make_histogram(Facet{"month", {{"undated", "", 2}}}, HistogramUnit::Month);
  CHECK(h.buckets.empty());
  CHECK(h.undated == 2);
}
