// What a web page, a feed item or a dump record says about itself: the metadata layer
// between the article's own metadata (sidecar, front matter: they win) and what is
// derived from its text (which loses).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iran::corpus {

struct PageMetadata {
  std::string origin;                 // "html", "feed", "jsonl": becomes date_origin/source_origin
  std::optional<std::string> title;
  std::optional<std::string> date;    // yyyy-mm-dd, yyyy-mm or yyyy
  // A date of the record that is not the publication's (a dump's crawl time): used only
  // when neither the URL nor the text gives one.
  std::optional<std::string> crawled;
  std::optional<std::string> source;  // an outlet's name or slug as the page writes it
  std::string source_host;            // host of the page's canonical URL ("www.presstv.ir")
  std::optional<std::string> url;
  std::optional<std::string> lang;    // primary language subtag, lowercase
  bool per_item = false;              // one of many articles in a file: the file's sidecar
                                      // gives no title or url to it
};

// A date as pages, feeds and dumps write it → yyyy-mm-dd (or yyyy-mm, yyyy): ISO 8601
// with or without a time ("2021-12-11T14:32:00+03:30", "2015-07-21 02:51:32"), RFC 822
// ("Sat, 11 Dec 2021 14:32:00 GMT"), and the written forms corpus::find_date reads
// ("December 11, 2021"). The day is the one written: no time-zone shift.
std::optional<std::string> normalize_page_date(std::string_view written);

// "en-US" → "en", "AR" → "ar", "fa_IR" → "fa"; nullopt for anything that is not a tag.
std::optional<std::string> normalize_lang_tag(std::string_view tag);

// The host of an absolute http(s) URL, lowercased, without "www." and port: "presstv.ir".
std::string url_host(std::string_view url);

// Collapses runs of white space (NBSP included) to one space and trims.
std::string collapse_space(std::string_view text);

}  // namespace iran::corpus
