#include "searcher/http_api.h"

#include <charconv>
#include <set>
#include <sstream>

#include "index/schema.h"
#include "index/store.h"
#include "searcher/render.h"
#include "searcher/saved_searches.h"
#include "searcher/search_params.h"
#include "text/analyzer.h"
#include "util/json.h"
#include "util/strings.h"

namespace iran::searcher {
namespace {

struct HttpError {
  int status;
  std::string message;
};

// Checks a request's parameters once, then hands out their values.
class ParamReader {
 public:
  ParamReader(const Params& params, std::initializer_list<std::string_view> single,
              std::initializer_list<std::string_view> repeatable)
      : params_(params) {
    if (params.size() > kMaxParams)
      throw HttpError{400, "too many parameters (" + std::to_string(params.size()) + ", at most " +
                               std::to_string(kMaxParams) + ")"};
    std::set<std::string_view> known_single(single), known_repeatable(repeatable);
    for (const auto& [key, value] : params) {
      if (util::find_invalid_utf8(key) != std::string::npos)
        throw HttpError{400, "a parameter name is not valid UTF-8"};
      const bool is_single = known_single.count(key) > 0;
      if (!is_single && !known_repeatable.count(key)) {
        std::string known;
        for (auto list : {&known_single, &known_repeatable})
          for (auto k : *list) known += (known.empty() ? "" : ", ") + std::string(k);
        throw HttpError{400, "unknown parameter '" + key.substr(0, 40) + "' (known: " + known + ")"};
      }
      if (util::find_invalid_utf8(value) != std::string::npos)
        throw HttpError{400, "parameter '" + key + "' is not valid UTF-8"};
      if (value.size() > kMaxValueBytes)
        throw HttpError{400, "parameter '" + key + "' is too long (" + std::to_string(value.size()) +
                                 " bytes, at most " + std::to_string(kMaxValueBytes) + ")"};
      const auto n = params.count(key);
      if (is_single && n > 1) throw HttpError{400, "parameter '" + key + "' given " + std::to_string(n) + " times"};
      if (n > kMaxRepeats)
        throw HttpError{400, "parameter '" + key + "' given " + std::to_string(n) + " times (at most " +
                                 std::to_string(kMaxRepeats) + ")"};
    }
  }

  std::string get(const std::string& key) const {
    auto it = params_.find(key);
    return it == params_.end() ? std::string() : it->second;
  }

  bool has(const std::string& key) const { return params_.count(key) > 0; }

  // Every non-empty value of a repeatable parameter, in request order.
  std::vector<std::string> all(const std::string& key) const {
    std::vector<std::string> out;
    auto [begin, end] = params_.equal_range(key);
    for (auto it = begin; it != end; ++it)
      if (!util::trim(it->second).empty()) out.push_back(it->second);
    return out;
  }

  Xapian::doccount number(const std::string& key, Xapian::doccount fallback, Xapian::doccount max) const {
    const std::string text = get(key);
    if (text.empty()) return fallback;
    unsigned long long n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size())
      throw HttpError{400, "parameter '" + key + "': '" + text + "' is not a whole number"};
    if (n > max) throw HttpError{400, "parameter '" + key + "': " + text + " is more than " + std::to_string(max)};
    return static_cast<Xapian::doccount>(n);
  }

  bool flag(const std::string& key) const {
    const std::string v = util::ascii_lower(get(key));
    if (v.empty() && !has(key)) return false;
    if (v.empty() || v == "1" || v == "true" || v == "yes" || v == "on") return true;
    if (v == "0" || v == "false" || v == "no" || v == "off") return false;
    throw HttpError{400, "parameter '" + key + "': '" + v + "' is not 1 or 0"};
  }

 private:
  const Params& params_;
};

}  // namespace

ApiResponse error_response(int status, std::string_view message) {
  util::JsonWriter json;
  json.begin_object().key("error").value(message).key("status").value(status).end_object();
  return {status, json.str() + "\n"};
}

Api::Api(SearcherPool& pool, const index::Suggester& suggester) : pool_(pool), suggester_(suggester) {}

template <class Body>
ApiResponse Api::guarded(Body&& body) {
  try {
    return body();
  } catch (const HttpError& e) {
    return error_response(e.status, e.message);
  } catch (const index::UsageError& e) {
    return error_response(400, e.what());
  } catch (const index::IndexError& e) {
    return error_response(503, e.what());
  } catch (const Xapian::DatabaseOpeningError& e) {
    return error_response(503, "cannot open the index: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return error_response(500, e.get_description());
  } catch (const std::exception& e) {
    return error_response(500, e.what());
  }
}

ApiResponse Api::search(const Params& params) {
  return guarded([&] {
    ParamReader in(params, {"q", "from", "to", "sort", "offset", "limit", "facets", "histogram", "any", "like",
                            "all_copies", "facet_limit"},
                   {"country", "official", "source", "lang"});
    SearchParams p;
    p.query = in.get("q");
    p.countries = in.all("country");
    p.officials = in.all("official");
    p.sources = in.all("source");
    p.langs = in.all("lang");
    p.from = in.get("from");
    p.to = in.get("to");
    p.sort = in.get("sort");
    p.histogram = in.get("histogram");
    p.offset = in.number("offset", 0, kMaxOffset);
    p.limit = in.number("limit", 10, kMaxApiLimit);
    p.facets = in.flag("facets");
    p.any = in.flag("any");
    p.like = in.get("like");
    p.all_copies = in.flag("all_copies");
    if (in.has("facet_limit")) p.facet_limit = in.number("facet_limit", 0, kMaxFacetLimit);
    p.json = true;  // as `iransearch --json`: the facets are always there
    auto prepared = prepare_search(p);
    auto searcher = pool_.acquire();
    const auto result = run_search(*searcher, prepared);
    std::ostringstream out;
    render_json(out, result, prepared.request, prepared.render);
    return ApiResponse{200, out.str()};
  });
}

ApiResponse Api::article(const Params& params) {
  return guarded([&] {
    ParamReader in(params, {"path", "id", "q"}, {});
    index::ArticleRequest request;
    request.path = in.get("path");
    request.query = in.get("q");
    if (request.path.empty()) {
      if (!in.has("id")) throw HttpError{400, "give path= (relative to the corpus) or id= (a hit's docid)"};
      request.docid = in.number("id", 0, 0xFFFFFFFFu);
    }
    auto searcher = pool_.acquire();
    const auto found = searcher->article(request);
    if (!found)
      throw HttpError{404, request.path.empty() ? "no article with id " + std::to_string(request.docid)
                                                : "no article at '" + request.path + "'"};
    const auto& a = *found;
    const auto& f = a.fields;
    util::JsonWriter json;
    json.begin_object();
    json.key("version").value(1);
    json.key("id").value(static_cast<std::uint64_t>(a.docid));
    write_article_fields(json, f, a.country_names, a.official_names);
    json.key("conversion").value(f.conversion);
    // The text as runs of plain and highlighted text, so a page never parses markers.
    json.key("segments").begin_array();
    std::string run;
    bool inside = false;
    std::size_t highlights = 0;
    auto flush = [&] {
      if (run.empty()) return;
      json.begin_object().key("text").value(run);
      if (inside) json.key("highlight").value(true);
      json.end_object();
      run.clear();
    };
    for (const char c : a.text) {
      if (c == index::kHighlightStart) {
        flush();
        inside = true;
        ++highlights;
      } else if (c == index::kHighlightEnd) {
        flush();
        inside = false;
      } else {
        run += c;
      }
    }
    flush();
    json.end_array();
    json.key("highlights").value(static_cast<std::uint64_t>(highlights));
    json.end_object();
    return ApiResponse{200, json.str() + "\n"};
  });
}

ApiResponse Api::suggest(const Params& params) {
  return guarded([&] {
    ParamReader in(params, {"q", "limit"}, {});
    const std::string q = in.get("q");
    const auto limit = in.number("limit", 8, 50);
    auto searcher = pool_.acquire();
    const auto suggestions = suggester_.suggest(q, searcher->database(), limit);
    util::JsonWriter json;
    json.begin_object();
    json.key("version").value(1);
    json.key("query").value(q);
    json.key("suggestions").begin_array();
    for (const auto& s : suggestions) {
      json.begin_object();
      json.key("field").value(s.field);
      json.key("id").value(s.id);
      json.key("label").value(s.label);
      json.key("name").value(s.name);
      json.key("count").value(static_cast<std::uint64_t>(s.count));
      json.end_object();
    }
    json.end_array();
    json.end_object();
    return ApiResponse{200, json.str() + "\n"};
  });
}

ApiResponse Api::health() {
  try {
    auto searcher = pool_.acquire();
    const auto& db = searcher->database();
    util::JsonWriter json;
    json.begin_object();
    json.key("status").value("ok");
    json.key("articles").value(static_cast<std::uint64_t>(db.get_doccount()));
    json.key("revision").value(static_cast<std::uint64_t>(db.get_revision()));
    json.key("analyzer").value(db.get_metadata(std::string(schema::kMetaAnalyzer)));
    json.key("last_build").value(db.get_metadata(std::string(schema::kMetaLastBuild)));
    json.end_object();
    return {200, json.str() + "\n"};
  } catch (const std::exception& e) {
    util::JsonWriter json;
    json.begin_object().key("status").value("no index").key("error").value(e.what()).end_object();
    return {503, json.str() + "\n"};
  } catch (const Xapian::Error& e) {
    util::JsonWriter json;
    json.begin_object().key("status").value("no index").key("error").value(e.get_msg()).end_object();
    return {503, json.str() + "\n"};
  }
}

ApiResponse Api::saved(const Params& params) {
  return guarded([&] {
    ParamReader in(params, {}, {});
    return ApiResponse{200, saved_searches_json() + "\n"};
  });
}

}  // namespace iran::searcher
