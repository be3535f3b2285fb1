// Highlighted passages of stored text, with bounded work: a search reads at most a few
// windows of a hit's text, however long the text is, and the highlight markers
// (kHighlightStart / kHighlightEnd, bytes that UTF-8 text never holds) can only come
// from the snippet generator, never from the text.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace iran::index {

// Bytes of stored text the snippet generator reads at a time, and at most per hit: a
// match deeper in a long text than kSnippetScanBytes gets the text's opening instead.
inline constexpr std::size_t kSnippetWindowBytes = 64u << 10;
inline constexpr std::size_t kSnippetScanBytes = 4 * kSnippetWindowBytes;
// `iransearch show` and GET /api/article highlight the first kArticleHighlightBytes of a
// text and show the rest plain.
inline constexpr std::size_t kArticleHighlightBytes = 1u << 20;

// Text fit to hand to the snippet generator: any byte that is not UTF-8 as U+FFFD (so no
// text byte can read as a marker).
std::string marker_free(std::string_view text);

// The first window of `body` (kSnippetWindowBytes each, cut at words, up to
// kSnippetScanBytes) where `mset`'s query matches, as a passage of about `length` bytes
// with the matches between the markers; empty when no window matches.
std::string bounded_snippet(const Xapian::MSet& mset, std::string_view body, std::size_t length,
                            const Xapian::Stem& stemmer, unsigned flags);

// The whole of `body` with every match of `mset`'s query marked, for showing one
// article: the first kArticleHighlightBytes highlighted, the rest as it is.
std::string highlight_all(const Xapian::MSet& mset, std::string_view body, const Xapian::Stem& stemmer);

}  // namespace iran::index
