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

TEST_CASE("days and ISO weeks from date intervals; coarser dates counted apart") {
  DateCounts dates{{{"20211211", "20211211"}, 1}, {{"20211213", "20211213"}, 2},
                   {{"20211201", "20211231"}, 4}, {{"", ""}, 1}};
  const Histogram days = make_histogram(dates, HistogramUnit::Day);
  REQUIRE(days.buckets.size() == 3);
  CHECK(days.buckets[0].period == "2021-12-11");
  CHECK(days.buckets[1].count == 0);
  CHECK(days.month_unknown == 4);
  CHECK(days.undated == 1);
  const Histogram weeks = make_histogram(dates, HistogramUnit::Week);
  REQUIRE(weeks.buckets.size() == 2);
  CHECK(weeks.buckets[0].period == "2021-W49");
  CHECK(weeks.buckets[1].period == "2021-W50");
  CHECK(weeks.buckets[1].count == 2);
  // The month interval is one month: counted by month, not apart.
  CHECK(make_histogram(dates, HistogramUnit::Month).buckets.at(0).count == 7);
}

TEST_CASE("ISO weeks at year ends") {
  // 2021-01-03 is a Sunday in 2020-W53; 2024-12-30 is a Monday in 2025-W01.
  const Histogram a = make_histogram(DateCounts{{{"20210103", "20210103"}, 1}}, HistogramUnit::Week);
  CHECK(a.buckets.at(0).period == "2020-W53");
  const Histogram b = make_histogram(DateCounts{{{"20241230", "20241230"}, 1}}, HistogramUnit::Week);
  CHECK(b.buckets.at(0).period == "2025-W01");
}

TEST_CASE("empty runs") {
  Histogram h;
  for (const auto c : {1u, 0u, 0u, 0u, 0u, 2u, 0u, 3u}) h.buckets.push_back({"p", c});
  const auto runs = empty_runs(h, 4);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0] == std::pair<std::size_t, std::size_t>{1, 5});
  CHECK(parse_histogram_unit("week") == HistogramUnit::Week);
  CHECK(!parse_histogram_unit("fortnight"));
}
