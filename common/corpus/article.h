// From the bytes of one corpus file (and its optional sidecar) to an Article:
// metadata, title and the body text that gets indexed.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace iran::entities {
class Gazetteer;
}

namespace iran::corpus {

struct PageMetadata;

struct Metadata {
  std::string title;
  std::string source;       // source slug (mehr, presstv, iranpress) or empty
  std::string source_name;  // display name, as the gazetteer or the metadata gives it
  std::string date;         // yyyy-mm-dd, yyyy-mm or yyyy; empty when unknown
  std::string date_origin;  // "sidecar", "front-matter", "url", "text" or empty
  std::string lang;         // "en", "ar", "fa", ... (given, or from the script)
  std::string url;
  std::vector<std::string> countries;  // supplied IDs (ISO codes), added to what is found
  std::vector<std::string> officials;  // supplied official slugs
  std::string source_origin;           // "sidecar", "front-matter", "text" or empty
  std::string note;                    // free text from the metadata, for people; not indexed
};

struct Article {
  Metadata meta;
  std::string body;  // the text to index: front matter and boilerplate removed
  // What was stripped as boilerplate, "rule: text" per removal, for debugging output.
  std::vector<std::string> removed;
  // The size of the text when it was longer than kMaxArticleTextBytes (corpus/input.h)
  // and only its first part was read; 0 otherwise.
  std::size_t cut_from = 0;
};

// Thrown for metadata that cannot be read; the message names the field and the problem.
struct MetadataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `text` is the file's content (valid UTF-8, BOM removed); `sidecar` the content of
// FILE.meta or empty. Sidecar fields win over front matter, which wins over what is
// derived from the text (language by script, source from credits, title from the
// first line or headline).
Article parse_article(std::string_view text, std::string_view sidecar,
                      const entities::Gazetteer& gazetteer);

// The same for text that came out of a page, a feed item or a dump record: `page` is a
// layer below the sidecar (the file's sidecar gives no title or url to one of many
// items) and above what the text gives; the text has no front matter. Dates the page
// gives have date_origin page.origin ("html", "feed", "jsonl"); a crawl date, used last,
// has "crawled".
Article parse_article(std::string_view text, std::string_view sidecar,
                      const entities::Gazetteer& gazetteer, const PageMetadata& page);

}  // namespace iran::corpus
