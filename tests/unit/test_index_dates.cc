#include <doctest/doctest.h>

#include "index/dates.h"

using iran::index::parse_date_interval;

TEST_CASE("a date is the interval of days it covers") {
  auto day = parse_date_interval("2021-12-13");
  REQUIRE(day);
  CHECK(day->first == "20211213");
  CHECK(day->last == "20211213");
  auto month = parse_date_interval("2024-02");
  REQUIRE(month);
  CHECK(month->first == "20240201");
  CHECK(month->last == "20240229");  // leap year
  auto year = parse_date_interval("2023");
  REQUIRE(year);
  CHECK(year->first == "20230101");
  CHECK(year->last == "20231231");
}

TEST_CASE("malformed and impossible dates are refused") {
  for (const char* bad : {"", "202", "2021-13", "2021-00", "2021-02-29", "2021-04-31", "2021/12/13",
                          "2021-12-1", "21-12-13", "2021-12-13T10:00", "abcd"})
    CHECK_MESSAGE(!parse_date_interval(bad), bad);
  CHECK(parse_date_interval("2000-02-29"));  // divisible by 400
  CHECK(!parse_date_interval("1900-02-29"));
}
