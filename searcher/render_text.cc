#include <algorithm>
#include <string>

#include "searcher/render.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace iran::searcher {
namespace {

constexpr char kMarkers[] = {index::kHighlightStart, index::kHighlightEnd, '\0'};

// Text from the index as one terminal line: line breaks and tabs as spaces, anything
// else that could act on the terminal escaped (util/terminal.h).
std::string line_text(std::string_view s) {
  std::string flat(s);
  for (char& c : flat)
    if (c == '\n' || c == '\t') c = ' ';
  return util::escape_controls(flat);
}

// A marked snippet for the terminal: each run between the markers escaped, the markers
// turned into bold on and off (or dropped).
std::string highlighted(std::string_view snippet, const RenderOptions& style) {
  std::string out;
  out.reserve(snippet.size());
  std::size_t start = 0;
  while (start <= snippet.size()) {
    const auto marker = snippet.find_first_of(kMarkers, start);
    out += line_text(snippet.substr(start, marker == std::string_view::npos ? std::string_view::npos : marker - start));
    if (marker == std::string_view::npos) break;
    if (style.bold) out += snippet[marker] == index::kHighlightStart ? "\x1b[1m" : "\x1b[0m";
    start = marker + 1;
  }
  return out;
}

std::string bold(const std::string& escaped, const RenderOptions& style) {
  return style.bold ? "\x1b[1m" + escaped + "\x1b[0m" : escaped;
}

// Display columns of UTF-8 text, ignoring our own bold on / off sequences (the text's
// own escapes were made visible) and combining marks: close enough for Latin and
// Arabic, which is what this tool shows.
std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0x1b) {
      while (i + 1 < s.size() && s[i + 1] != 'm') ++i;
      ++i;
      continue;
    }
    if ((c & 0xC0) == 0x80) continue;
    // Arabic harakat U+064B..U+065F (0xD9 0x8B..0x9F) take no column.
    if (c == 0xD9 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x8B &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      continue;
    ++n;
  }
  return n;
}

// Greedy word wrap: the first line starts with `first`, the others with `indent`;
// width 0 leaves the text on one line.
std::string wrap(const std::string& text, unsigned width, const std::string& indent,
                 const std::string& first = "") {
  const std::string& lead = first.empty() ? indent : first;
  if (width <= indent.size() + 20) return lead + text;
  std::string out = lead, word;
  std::size_t used = columns(lead);
  auto flush = [&] {
    if (word.empty()) return;
    const std::size_t w = columns(word);
    if (used > columns(lead) && used + 1 + w > width) {
      out += "\n" + indent;
      used = indent.size();
    } else if (used > indent.size() || (used > 0 && out.back() != ' ')) {
      out += ' ';
      ++used;
    }
    out += word;
    used += w;
    word.clear();
  };
  for (const char c : text) {
    if (c == ' ' || c == '\n') flush();
    else word += c;
  }
  flush();
  return out;
}

std::string dot_join(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += " · ";
    out += p;
  }
  return out;
}

// "2021-12-11 · Press TV · en · path": the line under a title.
std::string meta_line(const index::StoredFields& f) {
  return dot_join({f.date.empty() ? "undated" : line_text(f.date), line_text(f.source_name.empty() ? f.source : f.source_name),
                   line_text(f.lang), util::quote_name(f.path)});
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::Text;
  if (name == "json") return Format::Json;
  if (name == "jsonl") return Format::Jsonl;
  if (name == "csv") return Format::Csv;
  if (name == "tsv") return Format::Tsv;
  if (name == "paths") return Format::Paths;
  return std::nullopt;
}

// A bar per period, scaled to the largest, so the shape of coverage shows at a glance.
// Runs of four or more empty periods are one line, so a decade by month fits a screen.
void render_histogram(std::ostream& out, const index::Histogram& h) {
  constexpr int kWidth = 40;
  constexpr std::size_t kMinRun = 4;
  Xapian::doccount most = 0;
  std::size_t label_width = 0;
  for (const auto& b : h.buckets) {
    most = std::max(most, b.count);
    label_width = std::max(label_width, b.period.size());
  }
  const std::string unit(index::unit_name(h.unit));
  out << "\nover time (by " << unit << "):\n";
  const auto runs = index::empty_runs(h, kMinRun);
  std::size_t next_run = 0;
  for (std::size_t i = 0; i < h.buckets.size(); ++i) {
    if (next_run < runs.size() && runs[next_run].first == i) {
      const auto [first, last] = runs[next_run++];
      out << "  " << pad("", label_width) << "  ┆ " << (last - first) << " empty " << unit << "s, "
          << h.buckets[first].period << " to " << h.buckets[last - 1].period << '\n';
      i = last - 1;
      continue;
    }
    const auto& b = h.buckets[i];
    const int len = most ? static_cast<int>((b.count * kWidth + most - 1) / most) : 0;
    std::string bar;
    for (int k = 0; k < len; ++k) bar += "█";
    out << "  " << pad(b.period, label_width) << "  " << bar << (bar.empty() ? "" : " ") << b.count << '\n';
  }
  if (h.month_unknown)
    out << "  (" << h.month_unknown << (h.unit == index::HistogramUnit::Month ? " dated by year only" : " dated less precisely than a " + unit) << ")\n";
  if (h.undated) out << "  (" << h.undated << " undated)\n";
}

void render_text(std::ostream& out, const index::SearchResult& result, const index::SearchRequest& request,
                 const RenderOptions& style) {
  if (style.quiet_when_empty && result.total == 0) return;
  if (!result.suggestion.empty()) {
    out << "Did you mean \"" << line_text(result.suggestion) << "\"?";
    if (!result.suggestion_names.empty()) out << "  " << line_text(util::join(result.suggestion_names, ", "));
    out << "\n";
  }
  if (result.question && result.total > 0)
    out << "A question: showing articles with any of its words, ranked.\n";
  else if (result.matched == "any" && !request.any && result.total > 0)
    out << "No article has all the words; showing articles with any of them.\n";
  if (!result.suggestion.empty() || (result.matched == "any" && !request.any)) out << '\n';
  for (const auto& hit : result.hits) {
    const auto& f = hit.fields;
    const std::string title = f.title.empty() ? util::quote_name(f.path) : line_text(f.title);
    out << wrap(bold(title, style), style.width, "   ", std::to_string(hit.rank) + ". ") << '\n';
    out << "   " << meta_line(f) << '\n';
    if (!f.countries.empty() || !f.officials.empty())
      out << wrap(line_text(dot_join({f.countries.empty() ? "" : "countries: " + util::join(hit.country_names, ", "),
                                      f.officials.empty() ? "" : "officials: " + util::join(hit.official_names, ", ")})),
                  style.width, "   ")
          << '\n';
    if (!hit.snippet.empty()) out << wrap(highlighted(hit.snippet, style), style.width, "   ") << '\n';
    if (hit.copies > 0) {
      std::string also = "also in: " + line_text(util::join(hit.also_in, ", "));
      if (hit.also_in.size() < hit.copies) also += (hit.also_in.empty() ? "" : ", ") + plural(hit.copies - hit.also_in.size(), "more", "more");
      out << wrap(also, style.width, "   ") << '\n';
    }
    out << '\n';
  }
  if (result.total == 0) {
    out << "No articles match.\n";
  } else {
    const auto first = request.offset + 1;
    const auto last = request.offset + result.hits.size();
    out << result.total << (result.total == 1 ? " article matches" : " articles match");
    if (!result.hits.empty()) out << " (showing " << first << "-" << last << ")";
    if (result.copies_hidden)
      out << "; " << plural(result.copies_hidden, "syndicated copy", "syndicated copies")
          << " of these folded in (--all-copies shows them)";
    out << ".\n";
  }
  if (const auto& h = result.histogram ? result.histogram : style.histogram) render_histogram(out, *h);
  bool first_facet = true;
  for (const auto& facet : result.facets) {
    if (!style.facets) break;
    if (first_facet && result.copies_hidden) out << "\n(facets count every matching article, copies included)\n";
    first_facet = false;
    out << "\n" << line_text(facet.name) << ":";
    std::size_t shown = 0;
    for (const auto& v : facet.values) {
      if (style.facet_limit && shown == style.facet_limit) {
        out << "\n  ... " << plural(facet.values.size() - shown, "more value", "more values") << " (--facet-limit 0 shows all)";
        break;
      }
      ++shown;
      const bool same = v.label == v.value;
      out << "\n  " << v.count << "  " << line_text(v.label) << (same ? "" : " (" + line_text(v.value) + ")")
          << (v.discovered ? ", discovered" : "");
    }
    out << '\n';
  }
}

void render_article_text(std::ostream& out, const index::Article& a, const RenderOptions& style) {
  const auto& f = a.fields;
  out << bold(f.title.empty() ? util::quote_name(f.path) : line_text(f.title), style) << '\n';
  out << meta_line(f) << '\n';
  if (!f.url.empty()) out << "url: " << line_text(f.url) << '\n';
  if (!f.countries.empty()) out << wrap("countries: " + line_text(util::join(a.country_names, ", ")), style.width, "  ") << '\n';
  if (!f.officials.empty()) out << wrap("officials: " + line_text(util::join(a.official_names, ", ")), style.width, "  ") << '\n';
  if (!a.indexed.empty()) out << "indexed: " << line_text(a.indexed) << "  (docid " << a.docid << ")\n";
  if (!a.copies.empty()) {
    std::vector<std::string> copies;
    for (const auto& c : a.copies) copies.push_back(util::quote_name(c));
    out << wrap("copies: " + util::join(copies, ", "), style.width, "  ") << '\n';
  }
  out << '\n';
  // The body as indexed, paragraph by paragraph, each wrapped to the terminal.
  std::size_t start = 0;
  while (start <= f.body.size()) {
    auto end = f.body.find('\n', start);
    if (end == std::string::npos) end = f.body.size();
    const std::string para = line_text(std::string_view(f.body).substr(start, end - start));
    out << (para.empty() ? "" : wrap(para, style.width, "")) << '\n';
    start = end + 1;
  }
}

}  // namespace iran::searcher
