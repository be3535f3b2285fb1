// The saved-page fixtures (tests/fixtures/html, written by make_pages.py): for each page
// the metadata the indexer must find, the words of the article that must be indexed and
// the boilerplate words that must not. Plus the HTML rules one by one.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/html_reader.h"
#include "corpus/input.h"
#include "entities/gazetteer.h"
#include "util/strings.h"

using namespace iran::corpus;
using iran::entities::Gazetteer;

namespace {

const std::filesystem::path kPages = std::filesystem::path(IRAN_TEST_DATA_DIR) / "html";

const Gazetteer& gazetteer() {
  static const Gazetteer g = Gazetteer::load_default();
  return g;
}

struct Expectation {
  std::map<std::string, std::string> fields;
  std::vector<std::string> must, mustnot;
};

std::map<std::string, Expectation> expectations() {
  std::map<std::string, Expectation> out;
  std::ifstream in(kPages / "expected.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto parts = iran::util::split(line, '\t');
    REQUIRE(parts.size() == 3);
    auto& e = out[parts[0]];
    if (parts[1] == "must") e.must.push_back(parts[2]);
    else if (parts[1] == "mustnot") e.mustnot.push_back(parts[2]);
    else e.fields[parts[1]] = parts[2];
  }
  return out;
}

// Whole-word containment, case-insensitive for Latin letters.
bool has_word(const std::string& text, const std::string& word) {
  const std::string t = iran::util::ascii_lower(text), w = iran::util::ascii_lower(word);
  for (std::size_t pos = t.find(w); pos != std::string::npos; pos = t.find(w, pos + 1)) {
    const auto boundary = [](unsigned char c) { return c < 0x80 && !std::isalnum(c); };
    const bool left = pos == 0 || boundary(static_cast<unsigned char>(t[pos - 1]));
    const std::string_view after = std::string_view(t).substr(pos + w.size());
    // Arabic comma, semicolon and question mark end a word too.
    const bool right = after.empty() || boundary(static_cast<unsigned char>(after[0])) || after.starts_with("\u060C") ||
                       after.starts_with("\u061B") || after.starts_with("\u061F");
    if (left && right) return true;
  }
  return false;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("saved pages: metadata, article words in, boilerplate out") {
  const auto all = expectations();
  REQUIRE(all.size() >= 13);
  std::size_t sites = 0;
  for (const auto& [name, e] : all) {
    CAPTURE(name);
    const auto path = kPages / name;
    const auto found_by = e.fields.count("found_by") ? e.fields.at("found_by") : "";
    if (found_by == "none") {
      // A page of links: nothing to index, and the reason says so.
      std::string why;
      try {
        read_source(path, {}, [](SourceRecord&&) { FAIL("a page of links gave a record"); });
      } catch (const NotAnArticle& ex) {
        why = ex.what();
      }
      CHECK(why.find("no article text") != std::string::npos);
      CHECK(why.find("links") != std::string::npos);
      continue;
    }
    ++sites;
    std::vector<SourceRecord> records;
    const SourceFile file = read_source(path, {}, [&](SourceRecord&& r) { records.push_back(std::move(r)); });
    REQUIRE(records.size() == 1);
    CHECK(file.format == "html");
    CHECK_FALSE(file.container);
    CHECK(file.conversion == (e.fields.count("conversion") ? e.fields.at("conversion") : ""));
    const auto article = make_article(records[0], read_sidecar(path), gazetteer());
    const auto& m = article.meta;
    for (const auto& [field, value] : e.fields) {
      CAPTURE(field);
      if (field == "title") CHECK(m.title == value);
      else if (field == "date") CHECK(m.date == value);
      else if (field == "source") CHECK(m.source == value);
      else if (field == "lang") CHECK(m.lang == value);
      else if (field == "url") CHECK(m.url == value);
      else if (field == "found_by") {
        const auto page = extract_html(decode_html(slurp(path)).html);
        CHECK(page.found_by == value);
      }
    }
    const std::string indexed = m.title + "\n" + article.body;
    for (const auto& w : e.must) {
      CAPTURE(w);
      CHECK(has_word(article.body, w));
    }
    for (const auto& w : e.mustnot) {
      CAPTURE(w);
      CHECK_FALSE(has_word(indexed, w));
    }
  }
  CHECK(sites >= 12);
}

TEST_CASE("the sidecar wins over the page") {
  const auto path = kPages / "tehrantimes-oman-message.html";
  std::vector<SourceRecord> records;
  read_source(path, {}, [&](SourceRecord&& r) { records.push_back(std::move(r)); });
  REQUIRE(records.size() == 1);
  CHECK(records[0].page.date == "2022-05-17");  // the page's article:published_time
  const auto article = make_article(records[0], read_sidecar(path), gazetteer());
  CHECK(article.meta.date == "2022-05-16");
  CHECK(article.meta.date_origin == "sidecar");
  CHECK(article.meta.source_origin == "html");
}

TEST_CASE("title: og:title, then JSON-LD headline, then <title> without the site name") {
  auto title_of = [](const std::string& head) { return extract_html("<html><head>" + head + "</head><body></body></html>").meta.title; };
  CHECK(title_of("<title>Iran and Qatar resume talks | Tehran Times</title>") == "Iran and Qatar resume talks");
  CHECK(title_of("<title>PressTV-Talks resume</title><meta property=og:site_name content=PressTV>") == "PressTV-Talks resume");
  CHECK(title_of("<title>Mehr News - Talks resume</title><meta property=og:site_name content='Mehr News'>") == "Talks resume");
  CHECK(title_of("<meta property=og:title content='From og'><title>From title</title>") == "From og");
  CHECK(title_of("<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"From LD\"}</script><title>T</title>") == "From LD");
  CHECK(title_of("<title>Iran - Qatar talks</title>") == "Iran - Qatar talks");
}

TEST_CASE("date: article:published_time, JSON-LD, <time datetime>, written forms") {
  auto date_of = [](const std::string& html) { return extract_html(html).meta.date.value_or(""); };
  CHECK(date_of("<meta property='article:published_time' content='2021-12-11T23:30:00-05:00'>") == "2021-12-11");
  CHECK(date_of("<script type='application/ld+json'>[{\"@type\":\"NewsArticle\",\"datePublished\":\"2022-05\"}]</script>") == "2022-05");
  CHECK(date_of("<body><article><p><time datetime='2023-03-21'>Nowruz</time></p><p>Iran's president sent greetings to the leaders of "
                "the neighbouring countries that celebrate Nowruz, and called for closer ties in the new year.</p></article></body>") ==
        "2023-03-21");
  CHECK(date_of("<body><p>no date here</p></body>").empty());
  CHECK(normalize_page_date("Sat, 11 Dec 2021 14:32:00 GMT") == "2021-12-11");
  CHECK(normalize_page_date("2015-07-21 02:51:32") == "2015-07-21");
  CHECK(normalize_page_date("December 11, 2021") == "2021-12-11");
  CHECK_FALSE(normalize_page_date("yesterday"));
}

TEST_CASE("language tag, host, charset declarations") {
  CHECK(normalize_lang_tag("en-US") == "en");
  CHECK(normalize_lang_tag("AR") == "ar");
  CHECK(normalize_lang_tag("fa_IR") == "fa");
  CHECK_FALSE(normalize_lang_tag("1"));
  CHECK(url_host("https://www.PressTV.ir:443/Detail/1") == "presstv.ir");
  CHECK(url_host("mailto:x@y").empty());
}

TEST_CASE("broken and truncated markup is repaired, not fatal") {
  const std::string para = "The foreign ministers of the two neighbouring countries met in Doha on Sunday to discuss trade and security.";
  // Truncated mid-tag, mid-attribute and mid-comment: the text before the cut is the article.
  for (const std::string& cut : {"<html><body><article><p>" + para + "<p>" + para + "</p><div class=\"sha",
                                "<html><body><article><p>" + para + "<p>" + para + "<!-- unfinished",
                                "<p>" + para + "<p>" + para + "<table><tr><td>"}) {
    const auto page = extract_html(cut);
    CHECK(page.text.find("met in Doha") != std::string::npos);
  }
  CHECK(extract_html("").text.empty());
  CHECK(extract_html("<<<>>>&&&").text.empty());
}

TEST_CASE("link-dense blocks and furniture are dropped; content hints are respected") {
  const std::string para = "Iran and Oman discussed maritime security in the Strait of Hormuz and a new ferry line between the two coasts.";
  const std::string page = "<html><body><div class='menu'><a href=/>Home</a> <a href=/a>Politics</a></div>"
                           "<article class='post has-comments'><p>" + para + "</p><p>" + para + "</p>"
                           "<p>Read more: <a href=/x>Another story about something else entirely</a></p></article>"
                           "<div id='comments'><p>This is a long reader comment that should never be indexed as part of the story.</p></div></body></html>";
  const auto out = extract_html(page);
  CHECK(out.found_by == "article");
  CHECK(out.text.find("ferry line") != std::string::npos);
  CHECK(out.text.find("Another story") == std::string::npos);
  CHECK(out.text.find("reader comment") == std::string::npos);
  CHECK(out.text.find("Politics") == std::string::npos);
}

TEST_CASE("HTML by content, and decoding") {
  CHECK(looks_like_html("<!DOCTYPE html><html>"));
  CHECK(looks_like_html("\xEF\xBB\xBF  <html lang=en>"));
  CHECK(looks_like_html("<!-- saved from url=(0040)https://x --><html>"));
  CHECK_FALSE(looks_like_html("Tehran - Iran's foreign minister <b>said</b>"));
  // Declared legacy charset.
  const std::string cp1256 = "<html><head><meta charset=\"windows-1256\"></head><body>\xE1\xC7</body></html>";
  const auto d = decode_html(cp1256);
  CHECK(d.conversion == "windows-1256");
  CHECK(d.html.find("\u0644\u0627") != std::string::npos);  // لا
  // A declaration that lies about UTF-8 bytes: the bytes win.
  const auto u = decode_html("<html><head><meta charset=\"windows-1256\"></head><body>\u0644\u0627</body></html>");
  CHECK(u.conversion.empty());
  CHECK_THROWS_AS(decode_html(""), FileError);
  CHECK_THROWS_AS(decode_html(std::string("<html>\0</html>", 14)), FileError);
}

TEST_CASE("fragments (feed items, JSON-LD bodies) keep text and drop link lines") {
  const auto t = html_fragment_text("<p>Iran's foreign minister arrived in Muscat on Monday for talks.</p>"
                                    "<p><a href='x'>Share on Twitter</a></p><p>The post <a href='y'>Iran talks</a> appeared first on <a href='z'>Site</a>.</p>");
  CHECK(t.find("arrived in Muscat") != std::string::npos);
  CHECK(t.find("Share on Twitter") == std::string::npos);
  // WordPress's feed footer is a line of its own, cut by the boilerplate rules.
  PageMetadata page;
  page.origin = "feed";
  const auto article = parse_article(t, "", gazetteer(), page);
  CHECK(article.body.find("appeared first") == std::string::npos);
  CHECK(article.body.find("arrived in Muscat") != std::string::npos);
}
