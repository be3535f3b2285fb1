#include "index/snippets.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "entities/name_key.h"
#include "index/discovered.h"
#include "index/search_request.h"
#include "text/analyzer.h"

using iran::index::Highlighter;

namespace {

const iran::text::Analyzer& analyzer() {
  static const iran::text::Analyzer a;
  return a;
}

// The query a search for these words makes (lowercase words stemmed, as QueryParser does
// with STEM_SOME; capitalised ones exact).
Xapian::Query query_of(const std::string& text) {
  Xapian::QueryParser parser;
  analyzer().configure(parser);
  return parser.parse_query(analyzer().normalize(text));
}

// The marked words of a highlighted text, in order.
std::vector<std::string> marked(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = s.find('['); i != std::string::npos; i = s.find('[', i + 1))
    out.push_back(s.substr(i + 1, s.find(']', i) - i - 1));
  return out;
}

std::vector<std::string> highlight(const std::string& query, const std::string& text) {
  return marked(Highlighter(query_of(query), analyzer()).highlight(text, '[', ']'));
}

}  // namespace

TEST_CASE("every form of a stemmed word is marked, and nothing else") {
  CHECK(highlight("sanction", "Sanctions were eased; the sanctioned banks and sanctity.") ==
        std::vector<std::string>{"Sanctions", "sanctioned"});
  CHECK(highlight("Iran", "Iran's talks with IRAN and Iranian officials") == std::vector<std::string>{"Iran", "IRAN"});
  CHECK(highlight("talks", "The talk, talks and talking.") == std::vector<std::string>{"talk", "talks", "talking"});
}

TEST_CASE("Arabic: clitics, alef forms and harakat do not hide a word") {
  CHECK(highlight("العلاقات", "وتناولت المباحثات العلاقات والعلاقات الثنائية") ==
        std::vector<std::string>{"العلاقات", "والعلاقات"});
  CHECK(highlight("ايران", "قالت إيران وأيران إن") == std::vector<std::string>{"إيران", "وأيران"});
  CHECK(highlight("تعاون", "التَّعَاوُن والتعاون") == std::vector<std::string>{"التَّعَاوُن", "والتعاون"});
  // A word normalize() needs ICU for (a presentation form) is analysed the long way.
  CHECK(highlight("ايران", "ﺇﻳﺮﺍﻥ قالت") == std::vector<std::string>{"ﺇﻳﺮﺍﻥ"});
}

TEST_CASE("filters are no words; title words are") {
  CHECK(Highlighter(Xapian::Query("XCqa"), analyzer()).empty());
  CHECK(Highlighter(Xapian::Query("Lar"), analyzer()).empty());
  CHECK(marked(Highlighter(Xapian::Query("ZSoil"), analyzer()).highlight("Oil prices", '[', ']')) ==
        std::vector<std::string>{"Oil"});
}

TEST_CASE("a snippet: the densest passage, cut at words, on one line") {
  std::string text = "Opening words about nothing in particular.\n\n";
  for (int i = 0; i < 30; ++i) text += "Filler sentence number " + std::to_string(i) + " says little. ";
  text += "Oil exports fell.\n";
  for (int i = 0; i < 30; ++i) text += "More filler " + std::to_string(i) + " here. ";
  text += "Oil prices and oil exports: crude oil exports rose as prices climbed. ";
  for (int i = 0; i < 30; ++i) text += "Trailing filler " + std::to_string(i) + ". ";
  const Highlighter h(query_of("oil prices"), analyzer());
  const std::string s = h.snippet(text, 300, '[', ']');
  CHECK(s.find("[Oil] [prices] and [oil] exports") != std::string::npos);
  CHECK(s.find('\n') == std::string::npos);
  CHECK(s.rfind("…", 0) == 0);
  CHECK(s.size() >= 200);
  CHECK(s.size() <= 300 + 16);
  CHECK(s.substr(s.size() - 3) == "…");
  // Cut at word boundaries: the text after the opening ellipsis starts a word.
  const std::string after = s.substr(3);
  CHECK(text.find(after.substr(0, 12)) != std::string::npos);

  CHECK(h.snippet("Nothing to see here.", 300, '[', ']').empty());
  // A short text is whole, without ellipses.
  CHECK(h.snippet("Oil\n\nprices   rose.", 300, '[', ']') == "[Oil] [prices] rose.");
  // A marker byte in the text cannot open or close a highlight.
  CHECK(h.snippet("Oil \x01prices\x02 rose", 300, '\x01', '\x02') == "\x01Oil\x02 \x01prices\x02 rose");
}

TEST_CASE("a match far into a long text is still found") {
  std::string text;
  while (text.size() < 100'000) text += "lorem ipsum dolor sit amet ";
  text += "the sanctions were lifted";
  const std::string s = Highlighter(query_of("sanctions"), analyzer()).snippet(text, 300, '[', ']');
  CHECK(s.find("[sanctions]") != std::string::npos);
}

TEST_CASE("the text's own bytes never read as markers (issue 15)") {
  using iran::index::kHighlightEnd;
  using iran::index::kHighlightStart;
  const std::string text = iran::index::marker_free("odd \x01 and \x02 and \xfe and \xff bytes around the needle");
  CHECK(text.find_first_of("\xfe\xff") == std::string::npos);
  const Highlighter h(query_of("needle"), analyzer());
  for (const std::string& out : {h.snippet(text, 300, kHighlightStart, kHighlightEnd), h.highlight(text, kHighlightStart, kHighlightEnd)}) {
    CHECK(std::count(out.begin(), out.end(), kHighlightStart) == 1);
    CHECK(std::count(out.begin(), out.end(), kHighlightEnd) == 1);
    CHECK(out.find("\x01 and \x02") != std::string::npos);  // the text's characters, kept
  }
}

TEST_CASE("a snippet scans a bounded part of a long text (issue 15)") {
  std::string filler;
  while (filler.size() < iran::index::kSnippetScanBytes + 1000) filler += "lorem ipsum dolor sit amet ";
  const Highlighter h(query_of("needle"), analyzer());
  CHECK(h.snippet(filler + " needle " + filler, 300, '[', ']').empty());
  CHECK(marked(h.snippet(filler.substr(0, 100000) + " needle " + filler, 300, '[', ']')) == std::vector<std::string>{"needle"});
}

TEST_CASE("a name found by its key in the other script is marked") {
  const auto key = iran::index::name_key_term(iran::entities::name_keys("Zuhairi").front());
  const Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("zuhairi"),
                        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(key), 0.0));
  const auto marks = marked(Highlighter(q, analyzer()).highlight("قال المتحدث ناصر الزهيري إن المحادثات", '[', ']'));
  CHECK(marks == std::vector<std::string>{"الزهيري"});
  CHECK(marked(Highlighter(q, analyzer()).highlight("Zuhairi said", '[', ']')) == std::vector<std::string>{"Zuhairi"});
}

TEST_CASE("names found by their keys count as query words in choosing the passage, every key") {
  // A word matched by the query's last key (of several) was counted past the end of the
  // passage counter (one cell per word and stem, none per key): heap damage, and a
  // passage that depends on what lay there (a build with -DIRAN_SANITIZE=ON, or
  // valgrind, stops on it).
  std::vector<Xapian::Query> parts{Xapian::Query("reagan")};
  for (const char* name : {"Zuhairi", "Kanaani", "Jalili", "Araghchi", "Bagheri", "Rahimi", "Salehi", "Zarif", "Tower"})
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(iran::index::name_key_term(iran::entities::name_keys(name).front())), 0.0);
  const Highlighter h(Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()), analyzer());
  const std::string filler(600, 'x');
  const std::string text = "Reagan met Reagan and Reagan again. " + filler + " Then Reagan spoke at the Tower today.";
  // The later passage has two of the query's words (one by its key), the first only one.
  CHECK(marked(h.snippet(text, 300, '[', ']')) == std::vector<std::string>{"Reagan", "Tower"});
}

namespace {

// The first 150 paragraphs of a shared XQuAD-R file.
std::vector<std::string> paragraphs(const std::string& file) {
  std::ifstream in(std::string(IRAN_SHARED_DIR) + "/data/arabic-qa-retrieval/xquad-r/" + file);
  std::vector<std::string> texts;
  for (std::string line; std::getline(in, line) && texts.size() < 150;) texts.push_back(line);
  REQUIRE(texts.size() == 150);
  return texts;
}

// For `queries` and a word from the middle of every tenth text: every mark and snippet
// made with the letter rule equals the one made with every word stemmed; the marks made.
std::size_t marks_with_and_without_the_rule(const std::vector<std::string>& texts, std::vector<std::string> queries) {
  for (std::size_t i = 0; i < texts.size(); i += 10) {
    const std::string& t = texts[i];
    const auto at = t.find(' ', t.size() / 2);
    if (at == std::string::npos) continue;
    const auto end = t.find(' ', at + 1);
    queries.push_back(t.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1));
  }
  std::size_t marks = 0;
  for (const auto& q : queries) {
    CAPTURE(q);
    const Xapian::Query query = query_of(q);
    // The rule's side in a thread of its own: its word tables (per thread) start empty,
    // so every word is first met by the rule, not found stemmed by the other side.
    std::vector<std::string> ruled;
    std::thread([&] {
      const Highlighter h(query, analyzer());
      for (const auto& text : texts) {
        ruled.push_back(h.highlight(text, '[', ']'));
        ruled.push_back(h.snippet(text, 300, '[', ']'));
      }
    }).join();
    Highlighter every(query, analyzer());
    every.stem_every_word();
    for (std::size_t i = 0; i < texts.size(); ++i) {
      CHECK(ruled[2 * i] == every.highlight(texts[i], '[', ']'));
      CHECK(ruled[2 * i + 1] == every.snippet(texts[i], 300, '[', ']'));
      marks += static_cast<std::size_t>(std::count(ruled[2 * i].begin(), ruled[2 * i].end(), '['));
    }
  }
  return marks;
}

}  // namespace

TEST_CASE("Arabic words ruled out by their letters are exactly the ones no stem of the query matches") {
  // Real paragraphs (XQuAD-R), queries of words from them (stems, several words, a word
  // with its clitic): every mark with the rule equals every mark with each word stemmed.
  const auto texts = paragraphs("ar.paragraphs.jsonl");
  CHECK(marks_with_and_without_the_rule(texts, {"العلاقات", "الدولة والحكومة", "يعمل", "استخدام", "المدارس الحكومية",
                                                "وزير الخارجية", "اتفاقية", "الأسلحة", "مدينة", "sanctions Iran", "علماء",
                                                "الاحتلال"}) > 500);
}

TEST_CASE("ASCII words ruled out by their letters are exactly the ones no stem of the query matches") {
  // The English paragraphs of XQuAD-R, English queries (and one of both scripts): every
  // mark with the rule equals every mark with each word stemmed.
  const auto texts = paragraphs("en.paragraphs.jsonl");
  CHECK(marks_with_and_without_the_rule(texts, {"relations", "the state and government", "working", "happy", "studies",
                                                "generational", "city", "weapons", "university", "sanctions Iran",
                                                "scientists", "occupied", "العلاقات"}) > 500);
}

TEST_CASE("a word one query left unstemmed is stemmed for a later query on the thread that can match it") {
  const std::string text = "ناقش الوزراء العلاقات الثنائية والعلاقات الاقتصادية و sanctions";
  std::string after, fresh;
  std::thread([&] {
    // "sanctions" has no Arabic stem: every Arabic word is kept unstemmed, by a
    // Highlighter made after the thread's first.
    CHECK(Highlighter(query_of("sanctions"), analyzer()).highlight(text, '[', ']').find('[') != std::string::npos);
    const Highlighter english(query_of("sanctions"), analyzer());
    CHECK(english.highlight(text, '[', ']').find('[') != std::string::npos);
    const Highlighter arabic(query_of("العلاقات"), analyzer());
    after = arabic.highlight(text, '[', ']');
  }).join();
  std::thread([&] { fresh = Highlighter(query_of("العلاقات"), analyzer()).highlight(text, '[', ']'); }).join();
  CHECK(after == fresh);
  CHECK(std::count(after.begin(), after.end(), '[') == 2);  // العلاقات, and والعلاقات by its stem
}

TEST_CASE("words skipped by their letters before any look-up are exactly the ones no word of the query matches") {
  // Characters whose letters are not simply their own: a hamza or madda written as a
  // combining mark (NFKC makes ؤ, أ, آ of the letter before), tatweel and harakat (gone),
  // Persian keheh and yeh (folded to ك, ي), a Latin accent precomposed and combining,
  // Arabic-Indic and Persian digits, a lam-alef ligature, mixed scripts; every one
  // marked with the rule exactly as with every word looked up and stemmed.
  const std::string mark_above = "\xD9\x94", madda = "\xD9\x93", acute = "\xCC\x81";
  const std::vector<std::string> texts = {
      "عقد المو" + mark_above + "تمر الصحفي ومؤتمرات القمة في ا" + madda + "ذار وآذار",
      "كتابـــة الكِتَابُ والكتاب مكتوب ٢٠٢٤ و۲۰۲۴ و2024 ﻻعب اللاعبين",
      "ایران وايران وإيران پاکستان پاكستان کشور",
      "Café cafe" + acute + " CAFE naïve naive Zürich zurich covid19 COVID-19 x_y",
      "الرياض Riyadh-based الرياضية iranian إيرانيين",
      "قال الري" + mark_above + "يس إن الرئيس والمسو" + mark_above + "ول المسؤول",
  };
  const std::vector<std::string> queries = {"مؤتمر", "آذار", "كتابة", "2024", "لاعب", "ایران", "پاکستان", "کشور",
                                            "cafe", "café", "naive", "zurich", "covid19", "x_y", "riyadh", "الرياض",
                                            "Iranian", "\"مؤتمر الصحفي\"", "\"الرئيس\"", "\"المسؤول\"", "رئيس"};
  CHECK(marks_with_and_without_the_rule(texts, queries) >= queries.size());
}
