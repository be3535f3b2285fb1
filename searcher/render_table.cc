// Hits as rows for spreadsheets and scripts: CSV (RFC 4180), TSV, one path a line.
#include <string>

#include "searcher/render.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace iran::searcher {
namespace {

std::string plain_snippet(const std::string& marked) {
  std::string out;
  for (const char c : marked)
    if (c != index::kHighlightStart && c != index::kHighlightEnd) out += c;
  return out;
}

// A field: TSV turns tabs and line breaks into spaces; both formats then escape what
// could act on a terminal (util/terminal.h: a newline in CSV is "\n", never a line),
// and CSV quotes fields holding a comma or a quote.
std::string cell(const std::string& raw, char separator) {
  std::string value = raw;
  if (separator == '\t')
    for (char& c : value)
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  value = util::escape_controls(value);
  if (separator == '\t' || value.find_first_of(",\"") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void render_table(std::ostream& out, const index::SearchResult& result, char separator) {
  const char* header[] = {"rank", "path", "title", "date", "source", "lang", "url",
                          "countries", "officials", "score", "copies", "also_in", "snippet"};
  for (std::size_t i = 0; i < std::size(header); ++i) out << (i ? std::string(1, separator) : "") << header[i];
  out << '\n';
  char score[32];
  for (const auto& hit : result.hits) {
    const auto& f = hit.fields;
    std::snprintf(score, sizeof score, "%.3f", hit.weight);
    const std::string row[] = {std::to_string(hit.rank), f.path, f.title, f.date,
                               f.source_name.empty() ? f.source : f.source_name, f.lang, f.url,
                               util::join(f.countries, ";"), util::join(f.officials, ";"), score,
                               std::to_string(hit.copies), util::join(hit.also_in, ";"),
                               plain_snippet(hit.snippet)};
    for (std::size_t i = 0; i < std::size(row); ++i) out << (i ? std::string(1, separator) : "") << cell(row[i], separator);
    out << '\n';
  }
}

std::size_t render_paths(std::ostream& out, const index::SearchResult& result, const PathsOptions& options) {
  std::size_t quoted = 0;
  for (const auto& hit : result.hits) {
    const std::string& path = hit.fields.path;
    if (options.null_separated && !options.terminal) {
      out << path << '\0';
      continue;
    }
    const std::string shown = util::quote_name(path);
    quoted += shown != path;
    out << shown << (options.null_separated ? '\0' : '\n');
  }
  return quoted;
}

}  // namespace iran::searcher
