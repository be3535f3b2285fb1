#include <algorithm>
#include <string>

#include "searcher/render.h"
#include "util/strings.h"

namespace iran::searcher {
namespace {

std::string highlighted(const std::string& snippet, const RenderOptions& style) {
  std::string out;
  out.reserve(snippet.size());
  for (const char c : snippet) {
    if (c == index::kHighlightStart) {
      if (style.bold) out += "\x1b[1m";
    } else if (c == index::kHighlightEnd) {
      if (style.bold) out += "\x1b[0m";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// Display columns of UTF-8 text, ignoring the highlight markers and combining marks:
// close enough for Latin and Arabic, which is what this tool shows.
std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80 || c == index::kHighlightStart || c == index::kHighlightEnd) continue;
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

}  // namespace

// A bar per period, scaled to the largest, so the shape of coverage shows at a glance.
void render_histogram(std::ostream& out, const index::Histogram& h) {
  constexpr int kWidth = 40;
  Xapian::doccount most = 0;
  for (const auto& b : h.buckets) most = std::max(most, b.count);
  out << "\nover time (" << (h.unit == index::HistogramUnit::Month ? "by month" : "by year") << "):\n";
  for (const auto& b : h.buckets) {
    const int len = most ? static_cast<int>((b.count * kWidth + most - 1) / most) : 0;
    std::string bar;
    for (int i = 0; i < len; ++i) bar += "█";
    out << "  " << b.period << (h.unit == index::HistogramUnit::Year ? "    " : " ") << ' ' << bar
        << (bar.empty() ? "" : " ") << b.count << '\n';
  }
  if (h.month_unknown) out << "  (" << h.month_unknown << " dated by year only)\n";
  if (h.undated) out << "  (" << h.undated << " undated)\n";
}

void render_text(std::ostream& out, const index::SearchResult& result, const index::SearchRequest& request,
                 const RenderOptions& style) {
  for (const auto& hit : result.hits) {
    const auto& f = hit.fields;
    const std::string title = f.title.empty() ? f.path : f.title;
    const std::string marked = style.bold ? std::string(1, index::kHighlightStart) + title + index::kHighlightEnd : title;
    out << wrap(highlighted(marked, style), style.width, "   ", std::to_string(hit.rank) + ". ") << '\n';
    out << "   " << dot_join({f.date.empty() ? "undated" : f.date, f.source_name.empty() ? f.source : f.source_name, f.lang, f.path})
        << '\n';
    if (!f.countries.empty() || !f.officials.empty())
      out << wrap(dot_join({f.countries.empty() ? "" : "countries: " + util::join(hit.country_names, ", "),
                            f.officials.empty() ? "" : "officials: " + util::join(hit.official_names, ", ")}),
                  style.width, "   ")
          << '\n';
    out << wrap(highlighted(hit.snippet, style), style.width, "   ") << "\n\n";
  }
  if (result.total == 0) {
    out << "No articles match.\n";
  } else {
    const auto first = request.offset + 1;
    const auto last = request.offset + result.hits.size();
    out << result.total << (result.total == 1 ? " article matches" : " articles match");
    if (!result.hits.empty()) out << " (showing " << first << "-" << last << ")";
    out << ".\n";
  }
  if (style.histogram) render_histogram(out, *style.histogram);
  for (const auto& facet : result.facets) {
    if (!style.facets) break;
    out << "\n" << facet.name << ":";
    for (const auto& v : facet.values) {
      const bool same = v.label == v.value;
      out << "\n  " << v.count << "  " << v.label << (same ? "" : " (" + v.value + ")");
    }
    out << '\n';
  }
}

}  // namespace iran::searcher
