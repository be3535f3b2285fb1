// Sidecar files and front matter: the `key: value` metadata format (corpus/README.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iran::corpus {

// What one sidecar or front-matter block says, checked but not yet resolved against the
// gazetteer. An absent key (or an empty value) stays nullopt / empty.
struct MetadataFields {
  std::optional<std::string> title;
  std::optional<std::string> source;  // as written: a slug or an outlet's name
  std::optional<std::string> date;    // normalized: yyyy-mm-dd, yyyy-mm or yyyy
  std::optional<std::string> lang;    // lowercase ISO 639 code
  std::optional<std::string> url;
  std::optional<std::string> note;
  std::vector<std::string> countries;  // as written, split at commas
  std::vector<std::string> officials;
};

// The keys the format knows, in documentation order.
const std::vector<std::string_view>& metadata_keys();

// Parses `key: value` lines. `origin` ("sidecar", "front matter") and the line number
// (counted from `first_line`) start every MetadataError message, e.g.
// "sidecar line 3: unknown key 'autor'".
MetadataFields parse_metadata(std::string_view text, std::string_view origin,
                              std::size_t first_line = 1);

// A block of metadata between two `---` lines at the very top of an article.
struct FrontMatter {
  bool present = false;
  std::string_view block;      // the lines between the markers
  std::string_view rest;       // the article after the closing marker
  std::size_t first_line = 0;  // line number of the block's first line in the file
};

// Splits front matter off the text; an opening `---` without a closing one is a
// MetadataError (the article would otherwise be indexed with its metadata as text).
FrontMatter split_front_matter(std::string_view text);

// "Al Mayadeen TV" → "al-mayadeen-tv": ASCII letters and digits lowercased, other
// letters (Arabic) kept, everything else a single '-'.
std::string slugify(std::string_view name);

}  // namespace iran::corpus
