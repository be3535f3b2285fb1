#include <doctest/doctest.h>

#include "corpus/dates.h"

using iran::corpus::find_date;
using iran::corpus::normalize_date;
using iran::corpus::persian_to_gregorian;

namespace {
std::string found(std::string_view text) {
  auto d = find_date(text);
  return d ? d->date : std::string("none");
}
}  // namespace

TEST_CASE("normalize_date accepts the three precisions and nothing else") {
  CHECK(normalize_date("2021-12-13") == "2021-12-13");
  CHECK(normalize_date(" 2022-05 ") == "2022-05");
  CHECK(normalize_date("2024") == "2024");
  CHECK(normalize_date("2024-02-29") == "2024-02-29");
  CHECK_FALSE(normalize_date("2021-02-29"));
  CHECK_FALSE(normalize_date("2021-13-01"));
  CHECK_FALSE(normalize_date("2021-12-32"));
  CHECK_FALSE(normalize_date("2021-00"));
  CHECK_FALSE(normalize_date("13/12/2021"));
  CHECK_FALSE(normalize_date("2021-1-3"));
  CHECK_FALSE(normalize_date("December 2021"));
  CHECK_FALSE(normalize_date(""));
}

TEST_CASE("English dates in both orders, with abbreviations and times") {
  CHECK(found("Published on December 13, 2021 in Tehran") == "2021-12-13");
  CHECK(found("TEHRAN, Jan. 04, 2021 (MNA) - text") == "2021-01-04");
  CHECK(found("Jan 4, 2020, 1:23 PM") == "2020-01-04");
  CHECK(found("on 13 December 2021.") == "2021-12-13");
  CHECK(found("the 3rd of May 2022") == "2022-05-03");
  CHECK(found("Sept. 9, 2023") == "2023-09-09");
  CHECK(found("updated 2021-12-11 at noon") == "2021-12-11");
}

TEST_CASE("find_date never invents a date") {
  CHECK(found("TEHRAN, Jan. 04 (MNA) - Iran said on Monday") == "none");
  CHECK(found("on Monday afternoon and on Saturday") == "none");
  CHECK(found("since Washington's 2018 withdrawal") == "none");
  CHECK(found("in May 2022 the committee met") == "none");
  CHECK(found("February 30, 2021") == "none");
  CHECK(found("May 5, 1492") == "none");
  CHECK(found("") == "none");
}

TEST_CASE("the first date in the text is the one taken, with its span") {
  std::string text = "Signed on 1 March 2020 and renewed on 2 March 2021.";
  auto d = find_date(text);
  REQUIRE(d);
  CHECK(d->date == "2020-03-01");
  CHECK(text.substr(d->begin, d->end - d->begin) == "1 March 2020");
  CHECK(d->calendar == "gregorian");
}

TEST_CASE("Arabic month names of both series, alone or paired, any digits") {
  CHECK(found("في 13 كانون الأول/ديسمبر 2021") == "2021-12-13");
  CHECK(found("يوم ١٣ أيار (مايو) ٢٠٢٢ في طهران") == "2022-05-13");
  CHECK(found("13 ديسمبر 2021") == "2021-12-13");
  CHECK(found("٥ تشرين الثاني ٢٠٢٣م") == "2023-11-05");
  CHECK(found("2 إبريل 2024") == "2024-04-02");
  CHECK(found("2 أبريل 2024") == "2024-04-02");
  // A Levantine and an Egyptian name that disagree are not a date.
  CHECK(found("13 أيار/يونيو 2022") == "none");
  CHECK(found("وأفادت وكالة مهر للأنباء، اليوم الأربعاء، في طهران") == "none");
}

TEST_CASE("Solar Hijri dates convert through ICU's Persian calendar") {
  CHECK(persian_to_gregorian(1402, 1, 1) == "2023-03-21");
  CHECK(persian_to_gregorian(1402, 2, 23) == "2023-05-13");
  CHECK(persian_to_gregorian(1400, 9, 22) == "2021-12-13");
  CHECK_FALSE(persian_to_gregorian(1402, 7, 31));
  CHECK_FALSE(persian_to_gregorian(1402, 13, 1));
  CHECK(found("تهران - ۲۳ اردیبهشت ۱۴۰۲ خبرگزاری مهر") == "2023-05-13");
  auto d = find_date("۲۲ آذر ۱۴۰۰");
  REQUIRE(d);
  CHECK(d->date == "2021-12-13");
  CHECK(d->calendar == "persian");
  // A Persian month with a Gregorian-looking year is not a Persian date.
  CHECK(found("۲۳ اردیبهشت ۲۰۲۳") == "none");
}

TEST_CASE("a publication date comes from a dateline or a date stamp, never a sentence") {
  auto stamp = [](std::string_view body) {
    auto d = iran::corpus::find_publication_date(body);
    return d ? d->date : std::string("none");
  };
  CHECK(stamp("TEHRAN, Dec. 13, 2021 (MNA) - Iran said.") == "2021-12-13");
  CHECK(stamp("TEHRAN, Dec. 13 (MNA) - Iran said on December 12, 2021 that...") == "none");
  CHECK(stamp("NEW YORK, March 2 - The dividend is payable April 1, 1987, it said.") == "none");
  CHECK(stamp("Iran said.\nPublished: December 13, 2021\n") == "2021-12-13");
  CHECK(stamp("Dec 13, 2021, 2:23 PM\nTEHRAN - Iran said.") == "2021-12-13");
  CHECK(stamp("Story.\n\u0661\u0663 \u0643\u0627\u0646\u0648\u0646 \u0627\u0644\u0623\u0648\u0644 "
              "\u0662\u0660\u0662\u0661") == "2021-12-13");
  CHECK(stamp("Short.\nThe deal was signed on 5 May 2015.") == "none");
  CHECK(stamp("Story.\nUpdated: Monday, 13 December 2021 10:45 GMT") == "2021-12-13");
  // A Saudi Press Agency dateline: Hijri and Gregorian dates, city and agency.
  CHECK(stamp("عنوان\n\n برلين 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\n أكد الوزير") ==
        "2015-08-10");
  // Hard-wrapped story lines are short too.
  CHECK(stamp("Story\ngrain entered after Oct 6, 1981 for feedgrain and after July\n") == "none");
}

TEST_CASE("dates in article addresses") {
  using iran::corpus::date_from_url;
  CHECK(date_from_url("https://www.presstv.ir/Detail/2021/12/11/672455/Iran-says-20-year") ==
        "2021-12-11");
  CHECK(date_from_url("https://example.com/news/2022/05/iran-qatar") == "2022-05");
  CHECK(date_from_url("https://example.com/2023-03-21-nowruz-message?x=1") == "2023-03-21");
  CHECK(date_from_url("https://example.com/2021/12") == "2021-12");
  // Article numbers and impossible dates are not dates.
  CHECK_FALSE(date_from_url("https://www.tehrantimes.com/news/468052/Forming-strategic"));
  CHECK_FALSE(date_from_url("https://example.com/2021/13/01/x"));
  CHECK_FALSE(date_from_url("https://example.com/story/20211211"));
  CHECK_FALSE(date_from_url("https://2021.example.com/"));
  CHECK_FALSE(date_from_url("not a url/2021/12/11/"));
  CHECK_FALSE(date_from_url(""));
}

TEST_CASE("date stamps: at the edges of the story, not sentences, not tables") {
  auto stamp = [](std::string_view body) {
    auto d = iran::corpus::find_publication_date(body);
    return d ? d->date : std::string("none");
  };
  CHECK(stamp("WELLINGTON, March 16 - Year to December 31, 1986\nProfit rose.") == "none");
  CHECK(stamp("BRUSSELS, April 8 - 1986 Year\nProfit rose.") == "none");
  CHECK(stamp("A.\nB.\nC.\n- 8 pct bonds due July 1, 1990,\nD.\nE.\nF.\nG.") == "none");
  CHECK(stamp("Story.\nbetween March 31, 1987 and March 31, 1989.\"") == "none");
  CHECK(stamp("Story.\nSept 16, 1975. N/A--not available") == "none");
  // In the middle of a long story a short dated line is a table row, not a stamp.
  CHECK(stamp("A.\nB.\nC.\nD.\nApril 2, 1987\nE.\nF.\nG.\nH.") == "none");
  CHECK(stamp("A.\nB.\nC.\nD.\nE.\nF.\nPosted on April 2, 1987") == "1987-04-02");
}

TEST_CASE("every stamp form the outlets print (issue 10)") {
  auto pub = [](const std::string& body) {
    auto d = iran::corpus::find_publication_date(body);
    return d ? d->date : std::string("none");
  };
  const std::string story = "\nThe minister met his counterpart on Monday and discussed trade.\n";
  CHECK(pub("Wednesday, 19 January 2022 6:05 PM" + story) == "2022-01-19");
  CHECK(pub("19/01/2022" + story) == "2022-01-19");
  CHECK(pub(story + "Published: 17/04/2025") == "2025-04-17");
  CHECK(pub("01/19/2022" + story) == "2022-01-19");  // month first only when it must be
  CHECK(pub("19.01.2022" + story) == "2022-01-19");
  CHECK(pub("19-01-2022" + story) == "2022-01-19");
  CHECK(pub("2022-01-19T18:05" + story) == "2022-01-19");
  CHECK(pub("٢٠٢٣/٠٦/٢٦" + story) == "2023-06-26");
  CHECK(pub("الأربعاء ١٩ يناير ٢٠٢٢" + story) == "2022-01-19");
  CHECK(pub("چهارشنبه ۲۹ دی ۱۴۰۰ - ۱۸:۰۵" + story) == "2022-01-19");
  CHECK(pub("۱۴۰۲/۰۵/۲۶" + story) == "2023-08-17");
  // Hijri alone, and beside a Gregorian date (which wins).
  CHECK(pub("16 جمادى الآخرة 1443 هـ" + story) == "2022-01-19");
  CHECK(pub(story + "٢٠ شوال ١٤٤٥ هـ الموافق ٢٩ أبريل ٢٠٢٤ م") == "2024-04-29");
  CHECK(pub("۲۸ مرداد ۱۴۰۲ - 19 August 2023" + story) == "2023-08-19");
  // Still only at the edges, and never a number that is not a date.
  CHECK(pub("a\nb\nc\nd\n19/01/2022\ne\nf\ng\nh") == "none");
  CHECK(pub("Score 3/4/5" + story) == "none");
  CHECK(pub("1/2/3/2022" + story) == "none");
  CHECK(iran::corpus::hijri_to_gregorian(1443, 6, 16) == std::optional<std::string>("2022-01-19"));
}

TEST_CASE("is_date_stamp_line: a date, time or weekday stamp and nothing else") {
  using iran::corpus::is_date_stamp_line;
  CHECK(is_date_stamp_line("Wednesday, 19 January 2022 6:05 PM"));
  CHECK(is_date_stamp_line("Dec 13, 2021, 2:23 PM"));
  CHECK(is_date_stamp_line("Published: 19/01/2022"));
  CHECK(is_date_stamp_line("2022-01-19T18:05"));
  CHECK(is_date_stamp_line("Updated: 10:45 GMT"));
  CHECK(is_date_stamp_line("Jan. 19, 6:05 p.m."));
  CHECK(is_date_stamp_line("\u0627\u0644\u0623\u0631\u0628\u0639\u0627\u0621 19 \u064a\u0646\u0627\u064a\u0631 2022"));
  CHECK_FALSE(is_date_stamp_line("Talks resume on Wednesday"));
  CHECK_FALSE(is_date_stamp_line("Iran, Qatar sign deal on May 5, 2022"));
  CHECK_FALSE(is_date_stamp_line("May Day"));
  CHECK_FALSE(is_date_stamp_line("2022"));
  CHECK_FALSE(is_date_stamp_line(""));
}
