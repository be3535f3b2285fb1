#include <string>
#include <vector>

#include "searcher/render.h"
#include "util/json.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace iran::searcher {
namespace {

// Splits a marked snippet into its plain text and the highlighted words.
void split_snippet(const std::string& marked, std::string& plain, std::vector<std::string>& highlights) {
  bool inside = false;
  for (const char c : marked) {
    if (c == index::kHighlightStart) {
      inside = true;
      highlights.emplace_back();
    } else if (c == index::kHighlightEnd) {
      inside = false;
    } else {
      plain += c;
      if (inside) highlights.back() += c;
    }
  }
}

void write_strings(util::JsonWriter& json, const char* name, const std::vector<std::string>& values) {
  json.key(name).string_array(values);
}

void write_hit(util::JsonWriter& json, const index::Hit& hit) {
  const auto& f = hit.fields;
  std::string snippet;
  std::vector<std::string> highlights;
  split_snippet(hit.snippet, snippet, highlights);
  json.begin_object();
  json.key("rank").value(static_cast<std::uint64_t>(hit.rank));
  write_article_fields(json, f, hit.country_names, hit.official_names);
  json.key("score").value(hit.weight);
  json.key("percent").value(hit.percent);
  json.key("snippet").value(snippet);
  write_strings(json, "highlights", highlights);
  json.key("docid").value(static_cast<std::uint64_t>(hit.docid));
  json.key("indexed").value(hit.indexed);
  json.key("copies").value(static_cast<std::uint64_t>(hit.copies));
  json.key("also_in").begin_array();
  for (std::size_t i = 0; i < hit.also_in.size(); ++i)
    json.begin_object().key("source").value(hit.also_in[i]).path_member("path", hit.also_in_paths[i]).end_object();
  json.end_array();
  json.end_object();
}

void write_histogram(util::JsonWriter& json, const index::Histogram& h) {
  json.key("histogram").begin_object();
  json.key("unit").value(index::unit_name(h.unit));
  json.key("buckets").begin_array();
  for (const auto& b : h.buckets)
    json.begin_object().key("period").value(b.period).key("count").value(static_cast<std::uint64_t>(b.count)).end_object();
  json.end_array();
  // Dated less precisely than the unit (for months: by year only).
  json.key("month_unknown").value(static_cast<std::uint64_t>(h.month_unknown));
  json.key("undated").value(static_cast<std::uint64_t>(h.undated));
  json.end_object();
}

}  // namespace

std::string hit_json(const index::Hit& hit) {
  util::JsonWriter json;
  write_hit(json, hit);
  return json.str();
}

void render_json(std::ostream& out, const index::SearchResult& result, const index::SearchRequest& request,
                 const RenderOptions& options) {
  util::JsonWriter json;
  json.begin_object();
  json.key("version").value(1);
  json.key("query").value(result.query);
  json.key("parsed").value(result.parsed);  // the Xapian query, as --explain prints it
  json.key("filters").begin_object();
  write_strings(json, "country", request.countries);
  write_strings(json, "official", request.officials);
  write_strings(json, "source", request.sources);
  write_strings(json, "lang", request.langs);
  json.key("from").value(request.from);
  json.key("to").value(request.to);
  json.end_object();
  json.key("total").value(static_cast<std::uint64_t>(result.total));
  json.key("shards").begin_object();
  json.key("asked").value(static_cast<std::uint64_t>(result.shards_asked));
  json.key("answered").value(static_cast<std::uint64_t>(result.shards_answered));
  write_strings(json, "missing", result.shards_missing);
  json.end_object();
  json.key("offset").value(static_cast<std::uint64_t>(request.offset));
  json.key("limit").value(static_cast<std::uint64_t>(request.limit));
  json.key("matched").value(result.matched);
  json.key("question").value(result.question);
  json.key("suggestion").value(result.suggestion);
  write_strings(json, "suggestion_names", result.suggestion_names);
  json.key("copies_hidden").value(static_cast<std::uint64_t>(result.copies_hidden));
  // What each number counts, so that a program does not have to guess.
  json.key("counts").begin_object();
  json.key("total").value(request.all_copies ? "articles" : "stories: syndicated copies counted once");
  json.key("facets").value("articles: every copy counted");
  json.end_object();
  json.key("hits").begin_array();
  for (const auto& hit : result.hits) write_hit(json, hit);
  json.end_array();
  json.key("facets").begin_object();
  for (const auto& facet : result.facets) {
    json.key(facet.name).begin_array();
    std::size_t shown = 0;
    for (const auto& v : facet.values) {
      if (options.facet_limit && shown++ >= options.facet_limit) break;
      json.begin_object();
      json.key("value").value(v.value);
      json.key("label").value(v.label);
      if (v.discovered) json.key("discovered").value(true);
      if (!v.merged_ids.empty()) {
        json.key("merged_ids").begin_array();
        for (const auto& id : v.merged_ids) json.value(id);
        json.end_array();
      }
      json.key("count").value(static_cast<std::uint64_t>(v.count));
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
  if (result.histogram) write_histogram(json, *result.histogram);
  else if (options.histogram) write_histogram(json, *options.histogram);
  json.end_object();
  out << json.str() << '\n';
}

void render_jsonl(std::ostream& out, const index::SearchResult& result) {
  for (const auto& hit : result.hits) out << hit_json(hit) << '\n';
}

void write_article_fields(util::JsonWriter& json, const index::StoredFields& f,
                          const std::vector<std::string>& country_names,
                          const std::vector<std::string>& official_names) {
  // A name that is not UTF-8: "path" with U+FFFD for its bad bytes, "path_bytes" exact.
  json.path_member("path", f.path);
  json.key("title").value(f.title);
  json.key("date").value(f.date);
  json.key("date_origin").value(f.date_origin);
  json.key("source").value(f.source);
  json.key("source_name").value(f.source_name);
  json.key("lang").value(f.lang);
  json.key("url").value(f.url);
  json.key("countries").string_array(f.countries);
  json.key("officials").string_array(f.officials);
  json.key("country_names").string_array(country_names);
  json.key("official_names").string_array(official_names);
}

void render_article_json(std::ostream& out, const index::Article& a) {
  const auto& f = a.fields;
  util::JsonWriter json;
  json.begin_object();
  json.key("version").value(1);
  json.key("id").value(static_cast<std::uint64_t>(a.docid));  // as GET /api/article
  write_article_fields(json, f, a.country_names, a.official_names);
  json.key("indexed").value(a.indexed);
  write_strings(json, "copies", a.copies);
  // As "path_bytes": when a copy's name is not UTF-8, its exact bytes in hex (null for
  // the names that are), index for index with "copies".
  bool odd_copy = false;
  for (const auto& c : a.copies) odd_copy = odd_copy || util::find_invalid_utf8(c) != std::string::npos;
  if (odd_copy) {
    json.key("copies_bytes").begin_array();
    for (const auto& c : a.copies) {
      if (util::find_invalid_utf8(c) != std::string::npos) json.value(util::hex_bytes(c));
      else json.null();
    }
    json.end_array();
  }
  json.key("conversion").value(f.conversion);
  json.key("body").value(f.body);
  json.end_object();
  out << json.str() << '\n';
}

}  // namespace iran::searcher
