// Bulk dumps: JSON Lines (.jsonl, .ndjson, and either compressed with xz), one article
// a line. Read as a stream, so a dump of any size needs memory for one line at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/page.h"

namespace iran::corpus {

// Which JSON fields hold what. Each entry lists field names tried in order; a name may
// be a dotted path into nested objects ("meta.title"). Overridable from the config file
// (`jsonl-title = "headline|title"`, README "JSON Lines dumps").
struct JsonlMapping {
  std::vector<std::string> id = {"id"};
  std::vector<std::string> title = {"title"};
  std::vector<std::string> text = {"text", "content", "body"};
  std::vector<std::string> date = {"date", "published"};
  // A record date that is not the publication's (a crawl time): used only when neither
  // `date`, the URL nor the text gives one.
  std::vector<std::string> crawled = {"date_extracted", "crawled"};
  std::vector<std::string> source = {"source"};
  std::vector<std::string> url = {"url"};
  std::vector<std::string> lang = {"lang"};

  // "a|b|c" → {"a","b","c"}; an empty string keeps the default.
  static std::vector<std::string> fields(std::string_view alternatives);
  // Changes when any list does: stored with a dump's stamps so a new mapping rereads it.
  std::string fingerprint() const;
};

struct JsonlRecord {
  std::size_t line = 0;  // 1-based
  std::string id;        // the id field, else the url field, else "line-N"
  std::string text;
  PageMetadata meta;     // origin "jsonl", per_item
};

struct JsonlProblem {
  std::size_t line = 0;
  std::string problem;  // "not JSON (at byte 7)", "not a JSON object", "field date: 'soon' is not a date"
  bool empty = false;   // a well-formed record with neither text nor title: skipped, not failed
};

// Thrown by parse_jsonl_line for a record with neither text nor title.
struct EmptyRecord : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

struct JsonlStats {
  std::uint64_t hash = 0;       // of the file's bytes as stored (compressed or not)
  std::size_t lines = 0;        // non-blank lines
  std::string compression;      // "xz" or empty
};

// Whether the name is a dump's: .jsonl, .ndjson, .jsonl.xz, .ndjson.xz.
bool is_jsonl_name(std::string_view filename);

// Reads one record per line: a JSON object. A line that is not one is a problem for that
// line; the rest are read. Throws FileError for a file that cannot be read or whose
// compression is damaged (records before the damage have been emitted).
JsonlStats read_jsonl(const std::filesystem::path& path, const JsonlMapping& mapping,
                      const std::function<void(JsonlRecord&&)>& emit,
                      const std::function<void(JsonlProblem&&)>& problem,
                      std::size_t max_line_bytes = 64 << 20);

// One line → a record (for tests and `iranidx show`); a JsonlProblem is thrown as
// std::invalid_argument with the problem text.
JsonlRecord parse_jsonl_line(std::string_view line, std::size_t line_number, const JsonlMapping& mapping);

}  // namespace iran::corpus
