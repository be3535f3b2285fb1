#include <doctest/doctest.h>

#include <string>

#include "corpus/article.h"
#include "corpus/metadata.h"

using namespace iran::corpus;

namespace {
// The message of the MetadataError that parsing `text` throws, or "no error".
std::string error_of(std::string_view text) {
  try {
    parse_metadata(text, "sidecar");
  } catch (const MetadataError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("a sidecar's keys, comments and blank lines") {
  auto f = parse_metadata(
      "# a comment\n"
      "\n"
      "title: Iran, Qatar hold talks\n"
      "Source:  Mehr News Agency  \n"
      "date: 2022-05\n"
      "lang: EN\n"
      "url: https://example.com/a#frag\n"
      "countries: QA, Iran ,\n"
      "officials: ali-bagheri-kani\n"
      "note: key: value inside a value is fine\n",
      "sidecar");
  CHECK(f.title == "Iran, Qatar hold talks");
  CHECK(f.source == "Mehr News Agency");
  CHECK(f.date == "2022-05");
  CHECK(f.lang == "en");
  CHECK(f.url == "https://example.com/a#frag");
  CHECK(f.countries == std::vector<std::string>{"QA", "Iran"});
  CHECK(f.officials == std::vector<std::string>{"ali-bagheri-kani"});
  CHECK(f.note == "key: value inside a value is fine");
}

TEST_CASE("an empty value is the same as an absent key") {
  auto f = parse_metadata("date:\ntitle:   \n", "sidecar");
  CHECK_FALSE(f.date);
  CHECK_FALSE(f.title);
}

TEST_CASE("Arabic values and the Arabic comma in lists") {
  auto f = parse_metadata("source: وكالة مهر للأنباء\ncountries: قطر، طاجيكستان\n", "sidecar");
  CHECK(f.source == "وكالة مهر للأنباء");
  CHECK(f.countries == std::vector<std::string>{"قطر", "طاجيكستان"});
}

TEST_CASE("a malformed sidecar is a MetadataError that names the line and the problem") {
  CHECK(error_of("source: mehr\nauthor: someone\n") ==
        "sidecar line 2: unknown key 'author' (known keys: title, source, date, lang, url, "
        "countries, officials, note)");
  CHECK(error_of("date: 2021-13-01") ==
        "sidecar line 1: date '2021-13-01' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY");
  CHECK(error_of("date: December 13, 2021") ==
        "sidecar line 1: date 'December 13, 2021' is not a date of the form YYYY-MM-DD, "
        "YYYY-MM or YYYY");
  CHECK(error_of("\n\njust some words") ==
        "sidecar line 3: expected 'key: value', got 'just some words'");
  CHECK(error_of("lang: english") ==
        "sidecar line 1: lang 'english' is not an ISO 639 language code (en, ar, fa)");
  CHECK(error_of("url: www.example.com") ==
        "sidecar line 1: url 'www.example.com' has no scheme (https://...)");
  CHECK(error_of("date: 2021\ndate: 2022") == "sidecar line 2: key 'date' given twice");
}

TEST_CASE("front matter is split off the top of an article") {
  std::string text = "---\ntitle: T\ndate: 2021-12-13\n---\nTEHRAN - Body.\n";
  auto fm = split_front_matter(text);
  CHECK(fm.present);
  CHECK(fm.block == "title: T\ndate: 2021-12-13\n");
  CHECK(fm.rest == "TEHRAN - Body.\n");
  auto f = parse_metadata(fm.block, "front matter", fm.first_line);
  CHECK(f.title == "T");

  SUBCASE("line numbers in errors count from the file's first line") {
    auto bad = split_front_matter("---\ntitle: T\nwho: x\n---\nbody");
    try {
      parse_metadata(bad.block, "front matter", bad.first_line);
      FAIL("no error");
    } catch (const MetadataError& e) {
      CHECK(std::string(e.what()).starts_with("front matter line 3: unknown key 'who'"));
    }
  }
  SUBCASE("no front matter: the text is untouched") {
    auto none = split_front_matter("TEHRAN - Body --- with dashes\n---\n");
    CHECK_FALSE(none.present);
    CHECK(none.rest == "TEHRAN - Body --- with dashes\n---\n");
  }
  SUBCASE("an unclosed block is an error, not article text") {
    CHECK_THROWS_AS(split_front_matter("---\ntitle: T\nbody"), MetadataError);
  }
  SUBCASE("CRLF markers and an empty block") {
    auto crlf = split_front_matter("---\r\n---\r\nbody");
    CHECK(crlf.present);
    CHECK(crlf.block.empty());
    CHECK(crlf.rest == "body");
  }
}

TEST_CASE("slugify") {
  CHECK(slugify("Al Mayadeen TV") == "al-mayadeen-tv");
  CHECK(slugify("  Press TV's website ") == "press-tv-s-website");
  CHECK(slugify("mehr") == "mehr");
  CHECK(slugify("وكالة ميزان") == "وكالة-ميزان");
  CHECK(slugify("") == "");
}
