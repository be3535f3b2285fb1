// The document data: what a hit shows without reading the corpus. Its plain form is
// "key\tvalue\n" lines (tabs, newlines and backslashes escaped), stored as one zstd frame
// (schema 5): Xapian's own zlib finds nothing left to compress and stores it as it is,
// and a search reads a hit's data in half the time zlib's inflate took. `dump_index` and
// `iransearch show` print it; `xapian-delve -d` shows the frame (plain when the data is
// too short to gain, and in indexes of schema 4).
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
// The plain form or a zstd frame of it. Unknown keys are ignored so that newer indexes
// stay readable by older searchers. A frame that does not decompress throws
// Xapian::DatabaseCorruptError (a damaged index, reported as one).
StoredFields decode(std::string_view data);
// The plain form only.
StoredFields decode_plain(std::string_view data);

}  // namespace iran::index
