// The document data: what a hit shows without reading the corpus. Stored as
// "key\tvalue\n" lines (tabs, newlines and backslashes escaped) so `delve -d` is readable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iran::index {

struct StoredFields {
  std::string path;         // relative to the corpus root
  std::string title;
  std::string source;       // slug
  std::string source_name;  // display name
  std::string date;         // yyyy-mm-dd, yyyy-mm, yyyy or empty
  std::string date_origin;
  std::string lang;
  std::string url;
  std::vector<std::string> countries;  // ISO codes, uppercase
  std::vector<std::string> officials;  // slugs
  std::string conversion;              // how the file was decoded, if not plain UTF-8
  std::string body;                    // indexed text, for snippets
};

std::string encode(const StoredFields& fields);
// Unknown keys are ignored so that newer indexes stay readable by older searchers.
StoredFields decode(std::string_view data);

}  // namespace iran::index
