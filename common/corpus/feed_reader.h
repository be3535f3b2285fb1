// News feeds: RSS 2.0 (and RSS 1.0/RDF) and Atom 1.0, parsed as XML with libxml2
// (never fetching anything, never expanding external entities). Every item is an
// article with its own identity, title, link, date and body; the channel is its source.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/page.h"

namespace iran::corpus {

struct FeedItem {
  std::string id;    // guid / atom:id, else the link, else a hash of title and date
  std::string text;  // content:encoded / atom:content / description / summary, HTML stripped
  PageMetadata meta;  // origin "feed", per_item
};

struct Feed {
  std::string format;  // "rss" or "atom"
  std::string title;   // the channel's
  std::string conversion;  // the legacy charset the bytes were read as ("windows-1256"), else empty
  std::vector<FeedItem> items;
};

// Whether the XML's root element is a feed (<rss>, <feed> in Atom's namespace, <rdf:RDF>).
bool looks_like_feed(std::string_view head);

// Throws FileError (corpus/reader.h) naming the line for XML that is not well-formed;
// nullopt for well-formed XML whose root is not a feed.
std::optional<Feed> parse_feed(std::string_view xml);

}  // namespace iran::corpus
