// The opening of a news story before its first real word: a dateline ("TEHRAN -",
// "Tehran(IP):", "TEHRAN, Jan. 04 (MNA) -") and, in Arabic, an attribution
// ("وأفادت وكالة مهر للأنباء، انه"). Titles leave them out; source detection reads them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iran::corpus {

struct Dateline {
  std::size_t end = 0;  // byte offset of the first word after the dateline
  std::string city;     // "TEHRAN", "Tehran", "طهران"
  std::string agency;   // the code in parentheses ("MNA", "IP"), or empty
  std::string when;     // a month and day if given ("Jan. 04"); never a full date here
};

// A dateline at the very start of `text`. A city in capitals, or any city followed by
// an agency code, then a dash or colon: "In a meeting - ..." is not a dateline.
std::optional<Dateline> find_dateline(std::string_view text);

// An attribution opening `text` ("وأفادت وكالة مهر للأنباء، انه ..."): the byte offset of
// the first word after it, or nullopt.
std::optional<std::size_t> find_attribution(std::string_view text);

// Offset past both, in that order: where the story's own first sentence starts.
std::size_t lead_end(std::string_view text);

}  // namespace iran::corpus
