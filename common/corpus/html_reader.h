// Saved web pages: an HTML5 parse (gumbo, the spec's tree construction, so broken markup
// is repaired the way browsers repair it), the page's own metadata, and its main text
// without navigation, menus, share bars, related lists, comments, ads and scripts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "corpus/page.h"

namespace iran::corpus {

struct HtmlArticle {
  std::string text;      // main text: one paragraph per block, blank lines between
  PageMetadata meta;     // origin "html"
  std::string found_by;  // where the text came from: "articleBody", "article", "main",
                         // "density" (text/link density over the body) or "json-ld"
  std::size_t blocks = 0;          // text blocks seen in the chosen region
  std::size_t dropped_blocks = 0;  // of those, judged boilerplate (links, short lines)
  std::size_t links = 0;           // links in the whole page
};

// `html` is UTF-8 (see decode_html). Never throws on bad markup.
HtmlArticle extract_html(std::string_view html);

// An HTML fragment (a feed item's content, a JSON-LD articleBody) as text, with the same
// block rules: link lists, share lines and scripts are dropped.
std::string html_fragment_text(std::string_view html);

// The first bytes of a file look like an HTML document (a doctype or an <html> tag).
bool looks_like_html(std::string_view head);

struct DecodedPage {
  std::string html;        // UTF-8
  std::string conversion;  // "windows-1256" etc. when not UTF-8; empty otherwise
};

// A page's bytes as UTF-8: a BOM, then the charset the page declares (<meta charset>,
// http-equiv Content-Type, an XML declaration), then detection (uchardet). Bytes that are
// valid UTF-8 with non-ASCII text are read as UTF-8 whatever the page declares (a page
// saved by a browser is re-encoded but keeps its old declaration). Throws FileError
// (corpus/reader.h) for empty, binary or undecodable pages.
DecodedPage decode_html(std::string bytes);

}  // namespace iran::corpus
