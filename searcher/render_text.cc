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
    out << hit.rank << ". " << (style.bold ? "\x1b[1m" + title + "\x1b[0m" : title) << '\n';
    out << "   " << dot_join({f.date.empty() ? "undated" : f.date, f.source_name.empty() ? f.source : f.source_name, f.lang, f.path})
        << '\n';
    if (!f.countries.empty() || !f.officials.empty())
      out << "   " << dot_join({f.countries.empty() ? "" : "countries: " + util::join(hit.country_names, ", "),
                                f.officials.empty() ? "" : "officials: " + util::join(hit.official_names, ", ")})
          << '\n';
    out << "   " << highlighted(hit.snippet, style) << "\n\n";
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
