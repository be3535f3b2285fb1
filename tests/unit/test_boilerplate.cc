#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "corpus/boilerplate.h"

using iran::corpus::strip_boilerplate;

namespace {
std::string body(std::string_view text) { return strip_boilerplate(text).text; }

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

std::string read_seed(const std::string& name) {
  std::ifstream in(std::string(IRAN_CORPUS_DIR) + "/" + name, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("a licence line goes, from the credit to the end of its line") {
  auto s = strip_boilerplate(
      "Text of the story. \u00a0 All Content by Mehr News Agency is licensed under a Creative "
      "Commons Attribution 4.0 International License.");
  CHECK(s.text == "Text of the story.");
  REQUIRE(s.removed.size() == 1);
  CHECK(s.removed[0].rule == "licence");
  CHECK(s.removed[0].credit);
  CHECK(s.removed[0].text.starts_with("All Content by Mehr News Agency"));
  // Any outlet's licence line, any spacing.
  CHECK(body("Story.\nAll  Content by Tehran Times is licensed under CC BY.") == "Story.");
}

TEST_CASE("Press TV chrome: breadcrumb, mirror addresses, apps") {
  auto s = strip_boilerplate(
      "News \u00a0 / \u00a0 Politics\n\nHeadline here\n\nStory.\n\n"
      "Press TV\u2019s website can also be accessed at the following alternate addresses:\n\n"
      "Press TV News Roku");
  CHECK(s.text == "Headline here\n\nStory.");
  REQUIRE(s.removed.size() == 3);
  CHECK(s.removed[0].rule == "breadcrumb");
  CHECK(s.removed[1].source == "presstv");
  CHECK(s.removed[2].rule == "presstv-apps");
}

TEST_CASE("a breadcrumb is only a short trail on the first line") {
  CHECK(body("News / Politics\nStory.") == "Story.");
  CHECK(body("World / Middle East / Iran\nStory.") == "Story.");
  CHECK(body("The 24/7 news cycle never stops.\nStory.") ==
        "The 24/7 news cycle never stops.\nStory.");
  CHECK(body("Story.\nNews / Politics") == "Story.\nNews / Politics");
  CHECK(body("Iran and/or Russia will sign, officials said.") ==
        "Iran and/or Russia will sign, officials said.");
}

TEST_CASE("Read More: the label and the teaser after it") {
  CHECK(body("Story.\n\nRead More:\n\nKazemi Qomi : Defending Afghan people\n\nMore story.") ==
        "Story.\n\nMore story.");
  CHECK(body("Story.\nRead more: Another headline") == "Story.");
  // The words inside a sentence are not the label.
  CHECK(body("Read more about it in the report, he said.") ==
        "Read more about it in the report, he said.");
}

TEST_CASE("Iran Press chrome: the sentence stays, the site label goes") {
  auto s =
      strip_boilerplate("Tehran(IP): Lead.\n\nIran PressIran news:\u00a0Iran's minister said.");
  CHECK(s.text == "Tehran(IP): Lead.\n\nIran's minister said.");
  REQUIRE(s.removed.size() == 1);
  CHECK(s.removed[0].source == "iranpress");
}

TEST_CASE("a desk code after the last sentence goes, other numbers stay") {
  CHECK(body("It has been proven to be effective. 219") == "It has been proven to be effective.");
  CHECK(body("It was effective. 219\n\nRead More:\n\nTeaser") == "It was effective.");
  CHECK(body("Trade rose by 219") == "Trade rose by 219");
  CHECK(body("A. 219\nThe last line.") == "A. 219\nThe last line.");
}

TEST_CASE("Arabic and Persian labels and end markers") {
  CHECK(body("نص الخبر.\nتعليقك") == "نص الخبر.");
  CHECK(body("نص الخبر./انتهى/") == "نص الخبر.");
  CHECK(body("نص الخبر.\n/انتهى/\n") == "نص الخبر.");
  CHECK(body("متن خبر.\nانتهای پیام") == "متن خبر.");
  CHECK(body("نص الخبر. / انتهى /") == "نص الخبر.");
  CHECK(body("کد خبر ۵۸۰۱۲۳۴\nمتن خبر.") == "متن خبر.");
  CHECK(body("Story.\nYour Comment") == "Story.");
  // Inside a sentence these words are text.
  CHECK(body("قال إن تعليقك مهم.") == "قال إن تعليقك مهم.");
}

TEST_CASE("wire sign-offs, link-back credits and trailers") {
  auto reuters = strip_boilerplate("Oil prices rose.\n Reuter");
  CHECK(reuters.text == "Oil prices rose.");
  REQUIRE(reuters.removed.size() == 1);
  CHECK(reuters.removed[0].source == "reuters");
  // "Reuter" inside a sentence is text.
  CHECK(body("A Reuter correspondent saw it.") == "A Reuter correspondent saw it.");

  auto weeam = strip_boilerplate("نص الخبر. رابط الخبر بصحيفة الوئام: إيران تلغي نظام التأشيرات");
  CHECK(weeam.text == "نص الخبر.");
  REQUIRE(weeam.removed.size() == 1);
  CHECK(weeam.removed[0].credit);
  CHECK(weeam.removed[0].text == "رابط الخبر بصحيفة الوئام: إيران تلغي نظام التأشيرات");

  CHECK(body("نص الخبر.\n // يتبع //\n 17:58 ت م") == "نص الخبر.");
  CHECK(body("نص الخبر.\n\n ...المزيد") == "نص الخبر.");
  // A removed line ends its paragraph.
  CHECK(body("نص.\nاقرأ أيضاً:\nعنوان خبر آخر\nنص آخر.") == "نص.\n\nنص آخر.");
}

TEST_CASE("blank lines collapse, text in between is untouched") {
  CHECK(body("\n\nA\n\n\n\nB\n \u00a0\nC\n\n") == "A\n\nB\n\nC");
  CHECK(body("") == "");
}

TEST_CASE("the seeds lose their boilerplate and keep their story") {
  auto s000 = body(read_seed("000_9b31efa88e471f7d.txt"));
  CHECK_FALSE(contains(s000, "All Content"));
  CHECK(s000.starts_with("TEHRAN - In a meeting"));
  CHECK(s000.ends_with("20-year roadmaps and documents with neighboring countries."));

  auto s001 = body(read_seed("001_430bdbc45af02d1a.txt"));
  CHECK_FALSE(contains(s001, "تعليقك"));
  CHECK(s001.ends_with("بهدف تسريع التعاون في مختلف المجالات."));
  CHECK(contains(s001, "وكالة مهر للأنباء"));

  auto s002 = body(read_seed("002_7e6563937ee8c686.txt"));
  CHECK(s002.starts_with("Iran promises good news on neutralizing sanctions"));
  CHECK_FALSE(contains(s002, "Politics"));
  CHECK_FALSE(contains(s002, "alternate addresses"));
  CHECK_FALSE(contains(s002, "Roku"));
  CHECK(s002.ends_with("better ties with neighboring countries."));

  auto s003 = body(read_seed("003_21b21bc7e96fc0af.txt"));
  CHECK_FALSE(contains(s003, "licensed"));
  CHECK(s003.ends_with("by the deputy foreign ministers of the two sides."));

  auto s004 = body(read_seed("004_6c199e49b80868eb.txt"));
  CHECK_FALSE(contains(s004, "Iran PressIran news"));
  CHECK_FALSE(contains(s004, "Read More"));
  CHECK_FALSE(contains(s004, "Kazemi Qomi"));
  CHECK_FALSE(contains(s004, "219"));
  CHECK(contains(s004,
                 "Iran's Deputy Foreign Minister for political affairs,\u00a0Ali Bagheri Kani"));
  CHECK(s004.ends_with("this idea has been proven to be effective."));
}

TEST_CASE("every rule in the table has a sample that fires it") {
  // A new rule needs a line here: the table and its evidence stay together.
  const std::vector<std::pair<std::string, std::string>> samples{
      {"breadcrumb", "News / Politics\nHeadline"},
      {"licence", "Story. All Content by X is licensed under CC."},
      {"presstv-mirrors",
       "Story.\nPress TV's website can also be accessed at the following "
       "alternate addresses:"},
      {"presstv-apps", "Story.\nPress TV News Roku"},
      {"iranpress-chrome", "Iran PressIran news: Story."},
      {"sign-off", "Story.\nReuter"},
      {"credit-link", "Story. رابط الخبر بصحيفة الوئام: عنوان"},
      {"wire-trailer", "Story.\n// يتبع //"},
      {"read-more", "Story.\nRead More:\nTeaser"},
      {"comment-box", "Story.\nYour Comment"},
      {"feed-footer", "Story.\nThe post Iran talks appeared first on Site."},
      {"story-code", "کد خبر ۱۲۳\nStory."},
      {"end-marker", "Story./انتهى/"},
      {"desk-code", "Story. 219"},
  };
  std::vector<std::string> covered;
  for (const auto& [rule, text] : samples) {
    CAPTURE(rule);
    auto s = strip_boilerplate(text);
    REQUIRE_FALSE(s.removed.empty());
    CHECK(s.removed.front().rule == rule);
    covered.push_back(rule);
  }
  auto names = iran::corpus::boilerplate_rule_names();
  std::sort(names.begin(), names.end());
  std::sort(covered.begin(), covered.end());
  CHECK(names == covered);
}
