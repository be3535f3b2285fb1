// RSS 2.0, Atom 1.0 and an RSS feed with HTML items (tests/fixtures/feeds).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "corpus/feed_reader.h"
#include "corpus/input.h"
#include "entities/gazetteer.h"

using namespace iran::corpus;

namespace {
const std::filesystem::path kFeeds = std::filesystem::path(IRAN_TEST_DATA_DIR) / "feeds";

const iran::entities::Gazetteer& gazetteer() {
  static const auto g = iran::entities::Gazetteer::load_default();
  return g;
}

std::vector<SourceRecord> records_of(const std::filesystem::path& p, SourceFile* file = nullptr) {
  std::vector<SourceRecord> out;
  auto f = read_source(p, {}, [&](SourceRecord&& r) { out.push_back(std::move(r)); });
  if (file) *file = f;
  return out;
}
}  // namespace

TEST_CASE("RSS 2.0: every item an article, identity by guid, source the channel") {
  SourceFile file;
  const auto items = records_of(kFeeds / "presstv.rss", &file);
  CHECK(file.format == "rss");
  CHECK(file.container);
  REQUIRE(items.size() == 3);
  CHECK(items[0].item == "presstv-677010");
  const auto a = make_article(items[1], "", gazetteer());
  CHECK(a.meta.title == "Caspian littoral states to hold summit in Ashgabat");
  CHECK(a.meta.date == "2022-06-25");
  CHECK(a.meta.date_origin == "feed");
  CHECK(a.meta.source == "presstv");
  CHECK(a.meta.lang == "en");
  CHECK(a.meta.url == "https://www.presstv.ir/Detail/2022/06/25/683998/Caspian-summit");
  CHECK(a.body.find("fisheries") != std::string::npos);
}

TEST_CASE("Atom 1.0: html, text and xhtml content; the channel's host names the source") {
  SourceFile file;
  const auto items = records_of(kFeeds / "tehrantimes.atom", &file);
  CHECK(file.format == "atom");
  REQUIRE(items.size() == 3);
  CHECK(items[0].item == "tag:tehrantimes.com,2022:477001");
  const auto first = make_article(items[0], "", gazetteer());
  CHECK(first.meta.title == "Iran and Armenia sign road transit memorandum");
  CHECK(first.meta.date == "2022-10-01");  // published, not updated
  CHECK(first.meta.source == "tehrantimes");  // "Tehran Times - Politics" is not a name; the host is
  CHECK(first.body.find("Kajaran") != std::string::npos);
  CHECK(first.body.find("More on Armenia") == std::string::npos);  // a link line
  const auto second = make_article(items[1], "", gazetteer());
  CHECK(second.meta.date == "2022-10-02");  // only updated
  CHECK(second.body.find("Sarakhs") != std::string::npos);
  const auto third = make_article(items[2], "", gazetteer());
  CHECK(third.meta.lang == "ar");  // the entry's xml:lang
  CHECK(third.body.find("هرمز") != std::string::npos);
}

TEST_CASE("RSS with HTML items: content:encoded stripped of share links, scripts and the feed footer") {
  const auto items = records_of(kFeeds / "mehr-ar.xml");
  REQUIRE(items.size() == 2);
  CHECK(items[0].item == "https://ar.mehrnews.com/news/1935001");
  CHECK(items[1].item == "https://ar.mehrnews.com/news/1935044/معرض-الدوحة");  // no guid: the link
  const auto a = make_article(items[0], "", gazetteer());
  CHECK(a.meta.source == "mehr");
  CHECK(a.meta.date == "2023-03-20");
  CHECK(a.meta.lang == "ar");
  CHECK(a.body.find("كردستان") != std::string::npos);
  CHECK(a.body.find("تلغرام") == std::string::npos);
  CHECK(a.body.find("المزيد عن العراق") == std::string::npos);
  CHECK(a.body.find("appeared first") == std::string::npos);
  const auto b = make_article(items[1], "", gazetteer());
  CHECK(b.meta.date == "2023-03-21");
  CHECK(b.body.find("trackView") == std::string::npos);
  CHECK(b.body.find("السجاد") != std::string::npos);
}

TEST_CASE("a feed that is not well-formed XML is named with its line; other XML is not a feed") {
  std::string why;
  try {
    parse_feed("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<item><title>A & B</title></item>\n</channel></rss>");
  } catch (const FileError& e) {
    why = e.what();
  }
  CHECK(why.find("not well-formed XML at line 3") != std::string::npos);
  // Truncated.
  CHECK_THROWS_AS(parse_feed("<rss><channel><item><title>Cut"), FileError);
  CHECK_FALSE(parse_feed("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"));
  CHECK(looks_like_feed("<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">"));
  CHECK(looks_like_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  CHECK_FALSE(looks_like_feed("<?xml version=\"1.0\"?><svg>"));
}

TEST_CASE("no external entities, no network") {
  // An XXE attempt: the entity is not expanded (and nothing is fetched).
  const auto feed = parse_feed(
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
      "<rss><channel><title>t</title><item><guid>1</guid><title>&x;</title><description>body text</description></item></channel></rss>");
  REQUIRE(feed);
  REQUIRE(feed->items.size() == 1);
  CHECK(feed->items[0].meta.title.value_or("").find("root:") == std::string::npos);
}

TEST_CASE("a feed in a legacy charset: detected when undeclared, as declared otherwise, and said") {
  const std::string title = "محادثات إيرانية قطرية في الدوحة";
  const std::string body = "بحث وزير الخارجية الإيراني مع نظيره القطري في الدوحة تطوير العلاقات الثنائية.";
  const std::string items = "<item><title>" + title + "</title><guid>a1</guid><description>" + body +
                            "</description></item>";
  const std::string utf8 = "<rss version=\"2.0\"><channel><title>Mehr</title>" + items + "</channel></rss>";
  const auto cp1256 = [](const std::string& s) {
    std::string out;
    // The letters used above, in Windows-1256 (ICU is not asked: the test says what the bytes are).
    static const std::u32string from = U"ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى";
    static const std::string to =
        "\xC7\xC8\xCA\xCB\xCC\xCD\xCE\xCF\xD0\xD1\xD2\xD3\xD4\xD5\xD6\xD8\xD9\xDA\xDB\xDD\xDE\xDF\xE1\xE3\xE4\xE5\xE6\xED"
        "\xC1\xC2\xC3\xC4\xC5\xC6\xC9\xEC";
    for (std::size_t i = 0; i < s.size();) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        out += s[i++];
        continue;
      }
      const char32_t cp = (static_cast<char32_t>(c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
      i += 2;
      const auto at = from.find(cp);
      REQUIRE(at != std::u32string::npos);
      out += to[at];
    }
    return out;
  };
  const auto undeclared = parse_feed(cp1256("<?xml version=\"1.0\"?>\n" + utf8));
  REQUIRE(undeclared);
  CHECK(undeclared->conversion == "windows-1256");
  REQUIRE(undeclared->items.size() == 1);
  CHECK(undeclared->items[0].meta.title == title);
  CHECK(undeclared->items[0].text.find("نظيره القطري") != std::string::npos);

  const auto declared = parse_feed(cp1256("<?xml version=\"1.0\" encoding=\"windows-1256\"?>\n" + utf8));
  REQUIRE(declared);
  CHECK(declared->conversion == "windows-1256");
  CHECK(declared->items[0].meta.title == title);

  const auto plain = parse_feed(utf8);
  REQUIRE(plain);
  CHECK(plain->conversion.empty());
}
