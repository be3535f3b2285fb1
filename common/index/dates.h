// Dates as the index stores and filters them: intervals of days, so that a partial
// date ("2022-05") is findable by any range that overlaps it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iran::index {

struct DayInterval {
  std::string first;  // yyyymmdd
  std::string last;   // yyyymmdd
};

// "2021-12-13", "2021-12" or "2021" → the days it covers; nullopt if malformed or not a
// real calendar date (2021-02-30).
std::optional<DayInterval> parse_date_interval(std::string_view date);

}  // namespace iran::index
