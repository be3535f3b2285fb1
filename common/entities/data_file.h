// Reading the gazetteer's data files: rows of `id <TAB> type <TAB> value`, their checks
// (UTF-8, codes, slugs, dates) and errors that name the file and line. Internal to the
// entities module.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "entities/gazetteer.h"

namespace iran::entities::detail {

struct Row {
  std::string id, type, value;
  std::size_t line;
};

// Throws std::runtime_error("FILE:LINE: what").
[[noreturn]] void fail(const std::filesystem::path& file, std::size_t line, const std::string& what);

bool valid_utf8(std::string_view s);
std::string trim(std::string_view s);

// Rows of `id <TAB> type <TAB> value`; blank lines and lines starting with # skipped.
// A missing file is an error when `required`, else no rows.
std::vector<Row> read_rows(const std::filesystem::path& file, bool required = true);
// A local gazetteer file: the same rows, in sections opened by a line "[countries]",
// "[officials]" or "[sources]"; rows before the first such line are `first_section`'s.
std::map<std::string, std::vector<Row>> read_sections(const std::filesystem::path& file,
                                                     const std::string& first_section, bool required = true);

bool is_country_code(std::string_view s);  // two capitals
bool is_slug(std::string_view s);          // lowercase letters, digits, inner hyphens
std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);
inline std::size_t kind_index(Kind k) { return static_cast<std::size_t>(k); }

// yyyy, yyyy-mm or yyyy-mm-dd.
bool valid_date(std::string_view d);
// The first and last day a partial date can mean, as comparable strings; an empty
// date is open.
std::string date_low(std::string_view d);
std::string date_high(std::string_view d);

}  // namespace iran::entities::detail
