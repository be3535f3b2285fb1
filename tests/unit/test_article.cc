#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "corpus/article.h"
#include "corpus/language.h"
#include "corpus/lead.h"
#include "corpus/scan.h"
#include "corpus/title.h"
#include "entities/gazetteer.h"

using namespace iran::corpus;
using iran::entities::Gazetteer;

namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Seed {
  std::string text;
  std::string sidecar;
};

Seed seed(const std::string& name) {
  std::filesystem::path dir(IRAN_CORPUS_DIR);
  Seed s{slurp(dir / name), slurp(dir / (name + ".meta"))};
  REQUIRE_FALSE(s.text.empty());
  REQUIRE_FALSE(s.sidecar.empty());
  return s;
}

const Gazetteer& gazetteer() {
  static const Gazetteer g = Gazetteer::load(iran::entities::find_data_dir());
  return g;
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

std::string error_of(std::string_view text, std::string_view sidecar) {
  try {
    parse_article(text, sidecar, gazetteer());
  } catch (const MetadataError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("language by script") {
  CHECK(detect_language("Iran and Qatar held talks.") == "en");
  CHECK(detect_language("أجرت إيران وقطر محادثات في الدوحة اليوم.") == "ar");
  // Persian letters پ چ ژ گ decide for Persian.
  CHECK(detect_language("وزیر امور خارجه پس از گفتگو با همتای چینی خود به پکن رفت.") == "fa");
  // Arabic typed with Persian ی and ک (as Iranian outlets do) stays Arabic.
  CHECK(detect_language("قال وزیر الخارجیة الإیرانی إن العلاقات مع الدول المجاورة مهمة.") == "ar");
  // A Persian name in an Arabic article does not make it Persian.
  CHECK(detect_language("التقى غروسي، المعروف في إيران باسم گروسی، بالمسؤولين في طهران اليوم.") ==
        "ar");
  // Short Persian without پ چ ژ گ: ی and ک over ي and ك.
  CHECK(detect_language("این یک متن کوتاه است") == "fa");
  CHECK(detect_language("Tehran (طهران) is the capital of Iran.") == "en");
  CHECK(detect_language("12345 -- !!") == "");
  CHECK(detect_language("Москва и Тегеран") == "");
  CHECK(detect_language("") == "");
}

TEST_CASE("datelines") {
  auto d = find_dateline("TEHRAN - In a meeting");
  REQUIRE(d);
  CHECK(d->city == "TEHRAN");
  CHECK(d->end == std::string_view("TEHRAN - ").size());

  d = find_dateline("TEHRAN \u2014 Diplomats from");
  REQUIRE(d);
  CHECK(std::string_view("TEHRAN \u2014 Diplomats from").substr(d->end) == "Diplomats from");

  d = find_dateline("Tehran(IP): Iran's Deputy");
  REQUIRE(d);
  CHECK(d->city == "Tehran");
  CHECK(d->agency == "IP");

  std::string_view mna = "TEHRAN, Jan. 04 (MNA) \u2013 Iran's foreign minister";
  d = find_dateline(mna);
  REQUIRE(d);
  CHECK(d->agency == "MNA");
  CHECK(d->when == "Jan. 04");
  CHECK(mna.substr(d->end) == "Iran's foreign minister");

  std::string_view irna_en = "Tehran, IRNA \u2013 Iran's president said";
  d = find_dateline(irna_en);
  REQUIRE(d);
  CHECK(d->agency == "IRNA");
  CHECK(irna_en.substr(d->end) == "Iran's president said");
  CHECK_FALSE(find_dateline("Tehran, Iran - said"));

  d = find_dateline("NEW YORK -- The UN");
  REQUIRE(d);
  CHECK(d->city == "NEW YORK");
  d = find_dateline("طهران - قال وزير");
  REQUIRE(d);
  CHECK(d->city == "طهران");

  std::string_view irna = "طهران - إرنا - قال وزير الخارجية";
  d = find_dateline(irna);
  REQUIRE(d);
  CHECK(d->agency == "إرنا");
  CHECK(irna.substr(d->end) == "قال وزير الخارجية");
  d = find_dateline("TEHRAN - Iran and Qatar - two neighbours - met.");
  REQUIRE(d);
  CHECK(d->agency.empty());
  CHECK(d->end == std::string_view("TEHRAN - ").size());

  CHECK_FALSE(find_dateline("In a meeting - with others"));
  CHECK_FALSE(find_dateline("Iran said: we are ready"));
  CHECK_FALSE(find_dateline("US - Iran talks"));
  CHECK_FALSE(find_dateline("TEHRAN said on Monday"));
  CHECK_FALSE(find_dateline("وقال باقري: إن تضافر"));
  CHECK_FALSE(find_dateline("تبدأ اليونان اليوم (الاثنين) مفاوضات"));
  CHECK_FALSE(find_dateline("اليونان (الاثنين) مفاوضات"));
  CHECK_FALSE(find_dateline(""));
}

TEST_CASE("Arabic attributions") {
  std::string_view s = "وأفادت وكالة مهر للأنباء، انه ترأس الجولة الثانية";
  auto a = find_attribution(s);
  REQUIRE(a);
  CHECK(s.substr(*a) == "ترأس الجولة الثانية");
  std::string_view t = "بحسب موقع العربي الجديد، التقى الوزيران";
  REQUIRE(find_attribution(t));
  CHECK(t.substr(*find_attribution(t)) == "التقى الوزيران");
  std::string_view fa = "به گزارش خبرگزاری مهر، وزیر امور خارجه گفت";
  REQUIRE(find_attribution(fa));
  CHECK(fa.substr(*find_attribution(fa)) == "وزیر امور خارجه گفت");
  // A person speaking is not an outlet's attribution.
  CHECK_FALSE(find_attribution("وقالت الوزيرة، إن البلدين"));
  CHECK_FALSE(find_attribution("ترأس الجولة الثانية"));
}

TEST_CASE("first sentence and shortening") {
  CHECK(first_sentence("Mr. Raisi met Dr. Ali in the U.S. capital. He left.") ==
        "Mr. Raisi met Dr. Ali in the U.S. capital.");
  CHECK(first_sentence("Trade grew 2.5 times. More.") == "Trade grew 2.5 times.");
  CHECK(first_sentence("He said, \u201cWe are ready.\u201d Then left.") ==
        "He said, \u201cWe are ready.\u201d");
  CHECK(first_sentence("هل أنتم مستعدون؟ نعم.") == "هل أنتم مستعدون؟");
  CHECK(first_sentence("No end at all") == "No end at all");

  CHECK(shorten("short title", 20) == "short title");
  CHECK(shorten("one two three four five", 12) == "one two\u2026");
  CHECK(shorten("one two, three four", 9) == "one two\u2026");
  // A late comma is a better place to cut than mid-phrase; an early one is not.
  CHECK(shorten("alpha beta gamma, delta epsilon zeta", 25) == "alpha beta gamma\u2026");
  CHECK(shorten("alpha, beta gamma delta epsilon zeta", 30) == "alpha, beta gamma delta\u2026");
  CHECK(shorten("كلمة كلمة كلمة، كلمة كلمة كلمة", 22) == "كلمة كلمة كلمة\u2026");
  CHECK(shorten("abcdefghijkl", 5) == "abcde\u2026");
  CHECK(shorten("كلمة كلمة كلمة", 10) == "كلمة كلمة\u2026");
}

TEST_CASE("titles from headlines and from leads") {
  SUBCASE("a headline line above the story") {
    CHECK(derive_title("Iran, Russia near deal\n\nTehran says a roadmap is ready.") ==
          "Iran, Russia near deal");
  }
  SUBCASE("a one-paragraph story: its first sentence, without the dateline") {
    CHECK(derive_title("TEHRAN \u2014 Diplomats held talks on Tuesday. Then more.") ==
          "Diplomats held talks on Tuesday");
    CHECK(derive_title("Tehran(IP): The minister spoke.\n\nMore text follows here.") ==
          "The minister spoke");
  }
  SUBCASE("a long scene-setting opening gives way to the news") {
    auto t = derive_title(
        "TEHRAN - In a meeting with the ambassadors in neighboring and regional countries on "
        "Monday afternoon, the security council secretary said defusing tensions is a "
        "priority of Iran in the region and beyond. More.");
    CHECK(t.starts_with("The security council secretary said defusing tensions"));
    CHECK(iran::corpus::scan::length(t) <= iran::corpus::kMaxTitleChars + 1);
  }
  SUBCASE("an Arabic lead loses its attribution") {
    CHECK(derive_title("وأفادت وكالة مهر للأنباء، انه ترأس الوزير الجولة الثانية.") ==
          "ترأس الوزير الجولة الثانية");
  }
  SUBCASE("hard-wrapped wire copy: the lead paragraph's lines are joined") {
    CHECK(derive_title("SALVADOR, Feb 26 - Showers continued throughout the week in\n"
                       "the Bahia cocoa zone, alleviating the drought.\n"
                       "    The dry period means the temporao will be late.") ==
          "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought");
  }
  SUBCASE("a headline right above a long paragraph line") {
    CHECK(
        derive_title("Iran, Qatar sign deal\nDiplomats from Iran and Qatar signed an agreement in "
                     "Doha on Tuesday, officials said.") == "Iran, Qatar sign deal");
  }
  SUBCASE("date stamps and bylines above the story are not headlines") {
    CHECK(derive_title("Dec 13, 2021, 2:23 PM\nBy Ali Rezaei\nIran, Qatar sign deal\n\nStory.") ==
          "Iran, Qatar sign deal");
    CHECK(derive_title("Iran, Qatar sign deal on May 5, 2022\n\nStory.") ==
          "Iran, Qatar sign deal on May 5, 2022");
  }
  SUBCASE("a line that is only a date, time or weekday stamp is not the title") {
    // Weekday and time around the date make it less than half date, still a stamp.
    CHECK(derive_title("Wednesday, 19 January 2022 6:05 PM\n\nIraqi minister holds talks in Tehran\n\n"
                       "TEHRAN - The Iraqi interior minister met his Iranian counterpart.") ==
          "Iraqi minister holds talks in Tehran");
    CHECK(derive_title("Updated: 10:45 GMT\n\nIran, Qatar sign deal\n\nStory.") == "Iran, Qatar sign deal");
    CHECK(derive_title("\u0686\u0647\u0627\u0631\u0634\u0646\u0628\u0647 \u06f2\u06f9 \u062f\u06cc "
                       "\u06f1\u06f4\u06f0\u06f0 - \u06f1\u06f8:\u06f0\u06f5\n\nIran, Qatar sign deal\n\nStory.") ==
          "Iran, Qatar sign deal");
    CHECK(derive_title("Sunday, May 5, 2022 | 18:05\n\nIran, Qatar sign deal\n\nStory.") == "Iran, Qatar sign deal");
    // A headline that has a weekday, a time or a month in it is still a headline.
    CHECK(derive_title("Talks resume on Wednesday\n\nStory.") == "Talks resume on Wednesday");
    CHECK(derive_title("Deadline at 6:05 PM for Iran deal\n\nStory.") == "Deadline at 6:05 PM for Iran deal");
    CHECK(derive_title("May 2022 talks in Vienna\n\nStory.") == "May 2022 talks in Vienna");
  }
  SUBCASE("nothing to title") { CHECK(derive_title("\n \n") == ""); }
}

TEST_CASE("seed 000: Mehr, English, one paragraph with a licence line") {
  auto s = seed("000_9b31efa88e471f7d.txt");
  auto a = parse_article(s.text, s.sidecar, gazetteer());
  CHECK(a.meta.lang == "en");
  CHECK(a.meta.source == "mehr");
  CHECK(a.meta.source_origin == "sidecar");
  CHECK(a.meta.date == "2021-12-13");
  CHECK(a.meta.date_origin == "sidecar");
  CHECK(a.meta.url.starts_with("https://www.tehrantimes.com/news/468052/"));
  CHECK(a.meta.title.starts_with("Supreme National Security Council secretary Ali Shamkhani said"));
  CHECK(a.meta.countries.empty());
  CHECK(a.meta.officials.empty());
  CHECK_FALSE(contains(a.body, "All Content by"));
  CHECK(contains(a.body, "TEHRAN - In a meeting with the Iranian ambassadors"));
  CHECK(contains(a.body, "20-year roadmaps and documents with neighboring countries."));
}

TEST_CASE("seed 001: Mehr Arabic, undated, the comment label stripped") {
  auto s = seed("001_430bdbc45af02d1a.txt");
  auto a = parse_article(s.text, s.sidecar, gazetteer());
  CHECK(a.meta.lang == "ar");
  CHECK(a.meta.source == "mehr");
  CHECK(a.meta.date.empty());
  CHECK(a.meta.date_origin.empty());
  CHECK(a.meta.title.starts_with("ترأس الجولة الثانية من المشاورات السياسية"));
  CHECK_FALSE(contains(a.body, "تعليقك"));
  CHECK(contains(a.body, "علي باقري"));
  CHECK(contains(a.body, "طاجيكستان"));
}

TEST_CASE("seed 002: Press TV headline under its breadcrumb") {
  auto s = seed("002_7e6563937ee8c686.txt");
  auto a = parse_article(s.text, s.sidecar, gazetteer());
  CHECK(a.meta.title ==
        "Iran promises good news on neutralizing sanctions, says 20-year cooperation agreement "
        "with Russia almost ready");
  CHECK(a.meta.source == "presstv");
  CHECK(a.meta.date == "2021-12-11");
  CHECK(a.meta.lang == "en");
  CHECK_FALSE(contains(a.body, "News \u00a0 / \u00a0 Politics"));
  CHECK_FALSE(contains(a.body, "alternate addresses"));
  CHECK_FALSE(contains(a.body, "Roku"));
  CHECK(contains(a.body, "Khatibzadeh told state TV on Saturday"));
}

TEST_CASE("seed 003: Mehr, month-precise date, dateline out of the title") {
  auto s = seed("003_21b21bc7e96fc0af.txt");
  auto a = parse_article(s.text, s.sidecar, gazetteer());
  CHECK(a.meta.title ==
        "Diplomats from Iranian and Qatari foreign ministries held talks in Tehran on Tuesday to "
        "discuss bilateral relationship");
  CHECK(a.meta.date == "2022-05");
  CHECK(a.meta.source == "mehr");
  CHECK(a.meta.url.empty());
  CHECK_FALSE(contains(a.body, "licensed"));
  CHECK(contains(a.body, "neighborhood policy"));
}

TEST_CASE("seed 004: Iran Press chrome, teaser and desk code stripped") {
  auto s = seed("004_6c199e49b80868eb.txt");
  auto a = parse_article(s.text, s.sidecar, gazetteer());
  CHECK(a.meta.source == "iranpress");
  CHECK(a.meta.date == "2024");
  CHECK(a.meta.title.starts_with("Iran's Deputy Foreign Minister for political affairs said"));
  CHECK_FALSE(contains(a.meta.title, "Tehran(IP)"));
  CHECK_FALSE(contains(a.body, "Iran PressIran news"));
  CHECK_FALSE(contains(a.body, "Read More"));
  CHECK_FALSE(contains(a.body, "Kazemi Qomi"));
  CHECK(contains(a.body, "Ali Bagheri Kani, stated"));
  CHECK(a.removed.size() == 4);
}

TEST_CASE("without sidecars the seeds still get language, source and title") {
  struct Expect {
    const char* name;
    const char* lang;
    const char* source;
  };
  for (auto e : {Expect{"000_9b31efa88e471f7d.txt", "en", "mehr"},
                 Expect{"001_430bdbc45af02d1a.txt", "ar", "mehr"},
                 Expect{"002_7e6563937ee8c686.txt", "en", "presstv"},
                 Expect{"003_21b21bc7e96fc0af.txt", "en", "mehr"},
                 Expect{"004_6c199e49b80868eb.txt", "en", "iranpress"}}) {
    CAPTURE(e.name);
    auto a = parse_article(seed(e.name).text, "", gazetteer());
    CHECK(a.meta.lang == e.lang);
    CHECK(a.meta.source == e.source);
    CHECK(a.meta.source_origin == "text");
    CHECK_FALSE(a.meta.source_name.empty());
    CHECK_FALSE(a.meta.title.empty());
    // No seed writes a full date: none may be invented from "on Monday".
    CHECK(a.meta.date.empty());
  }
}

TEST_CASE("the sidecar wins over front matter, which wins over the text") {
  std::string text =
      "---\n"
      "title: Front title\n"
      "date: 2021\n"
      "lang: fa\n"
      "source: presstv\n"
      "---\n"
      "TEHRAN - Iran and Qatar talked on December 13, 2021.\n";
  auto a = parse_article(text, "date: 2021-12\n", gazetteer());
  CHECK(a.meta.title == "Front title");
  CHECK(a.meta.date == "2021-12");
  CHECK(a.meta.date_origin == "sidecar");
  CHECK(a.meta.lang == "fa");
  CHECK(a.meta.source == "presstv");
  CHECK(a.meta.source_origin == "front-matter");
  CHECK(a.body == "TEHRAN - Iran and Qatar talked on December 13, 2021.");

  auto b = parse_article(text, "", gazetteer());
  CHECK(b.meta.date == "2021");
  CHECK(b.meta.date_origin == "front-matter");

  auto c = parse_article("TEHRAN, December 13, 2021 - Iran and Qatar talked.", "", gazetteer());
  CHECK(c.meta.date == "2021-12-13");
  CHECK(c.meta.date_origin == "text");
  CHECK(c.meta.title == "Iran and Qatar talked");
  CHECK(c.meta.lang == "en");
  // A date inside the story's sentences is an event's, not the article's.
  auto e = parse_article("TEHRAN - Iran and Qatar talked on December 13, 2021.", "", gazetteer());
  CHECK(e.meta.date.empty());
}

TEST_CASE("a date in the article's address comes before one in its text") {
  auto a = parse_article("TEHRAN, December 10, 2021 - Text.",
                         "url: https://www.presstv.ir/Detail/2021/12/11/672455/x\n", gazetteer());
  CHECK(a.meta.date == "2021-12-11");
  CHECK(a.meta.date_origin == "url");
  auto b = parse_article(
      "Text.", "date: 2021-12\nurl: https://www.presstv.ir/Detail/2021/12/11/1\n", gazetteer());
  CHECK(b.meta.date == "2021-12");
  CHECK(b.meta.date_origin == "sidecar");
}

TEST_CASE("sources in metadata: slugs, names, and outlets the gazetteer does not know") {
  auto a = parse_article("Text.", "source: Mehr News Agency", gazetteer());
  CHECK(a.meta.source == "mehr");
  auto b = parse_article("Text.", "source: Al Mayadeen Online", gazetteer());
  CHECK(b.meta.source == "al-mayadeen-online");
  CHECK(b.meta.source_name == "Al Mayadeen Online");
  CHECK(b.meta.source_origin == "sidecar");
}

TEST_CASE("outlets merely mentioned are not the publisher") {
  auto a = parse_article(
      "Foreign Ministry spokesman Saeed Khatibzadeh told IRIB News on Saturday that trade grew.",
      "", gazetteer());
  CHECK(a.meta.source.empty());
  auto b =
      parse_article("TEHRAN, Jan. 04 (MNA) \u2013 Iran's foreign minister spoke.", "", gazetteer());
  CHECK(b.meta.source == "mehr");
  CHECK(b.meta.date.empty());  // a dateline without a year is not a date
  auto c =
      parse_article("Iran's foreign minister spoke.\nSource: en.mehrnews.com", "", gazetteer());
  CHECK(c.meta.source == "mehr");
}

TEST_CASE("the publisher from the lead under a headline, a sign-off, not a later quote") {
  auto d =
      parse_article("Iran, Qatar sign deal\n\nTEHRAN, Jan. 04 (MNA) \u2013 The two sides signed.",
                    "", gazetteer());
  CHECK(d.meta.source == "mehr");
  CHECK(d.meta.title == "Iran, Qatar sign deal");
  auto r = parse_article("OIL RISES\n\nLONDON, March 2 - Oil rose.\n Reuter", "", gazetteer());
  CHECK(r.meta.source == "reuters");
  CHECK_FALSE(r.body.ends_with("Reuter"));
  auto q = parse_article("قال الوزير إن البلدين اتفقا.\nوذكرت وكالة مهر للأنباء، أن الاتفاق شامل.",
                         "", gazetteer());
  CHECK(q.meta.source.empty());
}

TEST_CASE("supplied countries and officials resolve to IDs") {
  auto a = parse_article("Text.", "countries: Qatar, QA, قطر\n", gazetteer());
  CHECK(a.meta.countries == std::vector<std::string>{"QA"});
  CHECK(error_of("Text.", "countries: Qatr\n")
            .starts_with("sidecar: countries: unknown name 'Qatr'"));
}

TEST_CASE("a malformed sidecar or front matter is a MetadataError naming the problem") {
  CHECK(error_of("Text.", "source: mehr\nauthor: x\n") ==
        "sidecar line 2: unknown key 'author' (known keys: title, source, date, lang, url, "
        "countries, officials, note)");
  CHECK(error_of("Text.", "date: 2021-02-30\n") ==
        "sidecar line 1: date '2021-02-30' is not a date of the form YYYY-MM-DD, YYYY-MM or "
        "YYYY");
  CHECK(error_of("---\ndate: yesterday\n---\nText.", "") ==
        "front matter line 2: date 'yesterday' is not a date of the form YYYY-MM-DD, YYYY-MM "
        "or YYYY");
  CHECK(error_of("---\ntitle: T\nText.", "").starts_with("front matter line 1:"));
}

TEST_CASE("every seed has a sidecar that parses") {
  for (const auto& entry : std::filesystem::directory_iterator(IRAN_CORPUS_DIR)) {
    if (entry.path().extension() != ".txt") continue;
    CAPTURE(entry.path().string());
    auto sidecar = slurp(entry.path().string() + ".meta");
    CHECK_FALSE(sidecar.empty());
    CHECK_NOTHROW(parse_article(slurp(entry.path()), sidecar, gazetteer()));
  }
}
