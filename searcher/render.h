// Turning a SearchResult into what a person or a program reads.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "index/histogram.h"
#include "index/search_request.h"
#include "index/searcher.h"

namespace iran::util { class JsonWriter; }

namespace iran::searcher {

enum class Format { Text, Json, Jsonl, Csv, Tsv, Paths };
std::optional<Format> parse_format(std::string_view name);  // "text", "json", ...

struct RenderOptions {
  bool bold = false;    // ANSI bold for highlights and titles (--color)
  bool facets = false;  // print the facet counts (JSON always has them)
  unsigned width = 0;   // wrap snippets to this many columns (a terminal's); 0: one line
  // Facet values shown per facet: 0 = all. Text defaults to 10, JSON to all.
  std::size_t facet_limit = 0;
  bool quiet_when_empty = false;  // print nothing at all when nothing matched (--new, for cron mail)
  // Deprecated: SearchResult::histogram is used when set; kept for callers that fill it.
  std::optional<index::Histogram> histogram;
};

void render_text(std::ostream& out, const index::SearchResult& result, const index::SearchRequest& request,
                 const RenderOptions& options);

// The JSON document described in README.md ("JSON output"); one object, one line.
void render_json(std::ostream& out, const index::SearchResult& result, const index::SearchRequest& request,
                 const RenderOptions& options);

// One hit as the JSON object `render_json` puts in "hits" (also a line of --format jsonl).
std::string hit_json(const index::Hit& hit);

// --format jsonl: one hit object a line. csv / tsv: a header row, then one row a hit
// (TSV fields have tabs and newlines turned into spaces, and no quoting; in both, control
// and bidi characters are escaped as util/terminal.h says). paths: one path a line.
void render_jsonl(std::ostream& out, const index::SearchResult& result);
void render_table(std::ostream& out, const index::SearchResult& result, char separator);
// --format paths: a path that is terminal-safe is written as it is; one holding a
// control, bidi or non-UTF-8 byte is written quoted (util::quote_name), so no name can
// forge a line or reach the terminal raw. With --print0 (-0) each path ends with a NUL
// byte and is written exactly, for `xargs -0`, unless stdout is a terminal.
struct PathsOptions {
  bool null_separated = false;
  bool terminal = false;  // stdout is a terminal
};
// Returns how many paths were written quoted.
std::size_t render_paths(std::ostream& out, const index::SearchResult& result, const PathsOptions& options);

// `iransearch show`: the article whole, with metadata and entities.
void render_article_text(std::ostream& out, const index::Article& article, const RenderOptions& options);
void render_article_json(std::ostream& out, const index::Article& article);
// An article's stored fields and entities as JSON members (path, path_bytes when the
// path is not UTF-8, title, date, date_origin,
// source, source_name, lang, url, countries, officials, country_names, official_names): one
// writer for search hits, `show --format json` and GET /api/article.
void write_article_fields(util::JsonWriter& json, const index::StoredFields& fields,
                          const std::vector<std::string>& country_names,
                          const std::vector<std::string>& official_names);

}  // namespace iran::searcher
