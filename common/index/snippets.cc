#include "index/snippets.h"

#include "index/search_request.h"
#include "util/strings.h"
#include "util/terminal.h"

namespace iran::index {
namespace {

const std::string kStart(1, kHighlightStart);
const std::string kEnd(1, kHighlightEnd);

bool has_marker(std::string_view s) { return s.find(kHighlightStart) != std::string_view::npos; }

}  // namespace

std::string marker_free(std::string_view text) {
  if (util::find_invalid_utf8(text) == std::string_view::npos) return std::string(text);
  return util::to_valid_utf8(text);
}

std::string bounded_snippet(const Xapian::MSet& mset, std::string_view body, std::size_t length,
                            const Xapian::Stem& stemmer, unsigned flags) {
  std::size_t start = 0;
  for (std::size_t n = 0; n < kSnippetScanBytes / kSnippetWindowBytes && start < body.size(); ++n) {
    const std::string_view rest = body.substr(start);
    const std::size_t cut = util::cut_point(rest, kSnippetWindowBytes);
    const std::string window = marker_free(rest.substr(0, cut));
    // The snippet generator escapes the text as HTML; the markers are ours, not HTML.
    std::string passage = util::unescape_html(mset.snippet(window, length, stemmer, flags, kStart, kEnd, "…"));
    if (has_marker(passage)) {
      // A window after the first starts mid-text: say so, as the generator does at its end.
      if (start > 0 && !passage.starts_with("…")) passage.insert(0, "…");
      return passage;
    }
    if (cut == 0) break;
    start += cut;
  }
  return {};
}

std::string highlight_all(const Xapian::MSet& mset, std::string_view body, const Xapian::Stem& stemmer) {
  const std::size_t cut = util::cut_point(body, kArticleHighlightBytes);
  const std::string head = marker_free(body.substr(0, cut));
  std::string out = util::unescape_html(
      mset.snippet(head, head.size() * 2 + 64, stemmer, Xapian::MSet::SNIPPET_EXHAUSTIVE, kStart, kEnd, ""));
  out += marker_free(body.substr(cut));
  return out;
}

}  // namespace iran::index
