#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <thread>
#include <vector>

#include "text/analyzer.h"
#include "text/script_stemmer.h"

using iran::text::Analyzer;

namespace {

// A one-document in-memory index built the way the indexer builds it.
struct OneDoc {
  Analyzer analyzer;
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};

  explicit OneDoc(const std::string& text) {
    Xapian::TermGenerator gen;
    analyzer.configure(gen);
    Xapian::Document doc;
    gen.set_document(doc);
    analyzer.index_text(gen, text);
    db.add_document(doc);
  }

  // Parses the query the way the searcher does and reports whether it matches.
  bool finds(const std::string& query) const {
    Xapian::QueryParser qp;
    analyzer.configure(qp);
    qp.set_database(db);
    const Xapian::Query q =
        qp.parse_query(analyzer.normalize(query), Xapian::QueryParser::FLAG_DEFAULT);
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    return enquire.get_mset(0, 10).size() == 1;
  }
};

}  // namespace

TEST_CASE("analyzer: العلاقات and والعلاقات find each other") {
  CHECK(OneDoc("تعزيز العلاقات الاقتصادية").finds("والعلاقات"));
  CHECK(OneDoc("وتعزيز والعلاقات الاقتصادية").finds("العلاقات"));
  Analyzer a;
  CHECK(a.stemmer()("العلاقات") == a.stemmer()("والعلاقات"));
}

TEST_CASE("analyzer: Iran's, Iran’s and iran find each other through stems") {
  for (const char* doc :
       {"Iran's foreign policy", "Iran\u2019s foreign policy", "iran foreign policy"}) {
    CAPTURE(doc);
    OneDoc d(doc);
    CHECK(d.finds("iran's"));
    CHECK(d.finds("iran\u2019s"));
    CHECK(d.finds("iran"));
  }
  Analyzer a;
  CHECK(a.stemmer()("iran's") == "iran");
  CHECK(a.stemmer()("iran\u2019s") == "iran");
}

TEST_CASE("analyzer: Snowball English conflates neighbors/neighboring/neighbor") {
  OneDoc d("Iran and its neighbors");
  CHECK(d.finds("neighboring"));
  CHECK(d.finds("neighbor"));
  CHECK(d.finds("neighbours") == false);  // British spelling is another word to Snowball
  CHECK(OneDoc("neighboring countries").finds("neighbors"));
}

TEST_CASE("analyzer: phrases match across alef and harakat spellings") {
  OneDoc d("أكد وزير الخارجية الإيراني أن العلاقات الثنائية جيدة");
  CHECK(d.finds("\"وزير الخارجية الايراني\""));
  CHECK(d.finds("\"وزير الخارجية الإيراني\""));
  CHECK(d.finds("\"العَلاقات الثُّنائية\""));
  CHECK(d.finds("«العلاقات الثنائية»"));
  OneDoc d2("قال وزير الخارجية الايراني");
  CHECK(d2.finds("\"وزير الخارجية الإيراني\""));
}

TEST_CASE("analyzer: Persian letters, digits and ZWNJ") {
  OneDoc d("الكيان كبير في عام ٢٠٢٢");
  CHECK(d.finds("الکیان"));
  CHECK(d.finds("کبیر"));
  CHECK(d.finds("2022"));
  CHECK(d.finds("۲۰۲۲"));
  OneDoc p("کتاب\u200Cها را می\u200Cخواهم");
  CHECK(p.finds("کتاب"));
  CHECK(p.finds("کتاب ها"));
}

TEST_CASE("analyzer: boolean syntax survives normalization") {
  OneDoc d("العلاقات بين إيران وقطر");
  CHECK(d.finds("إيران AND قطر"));
  CHECK(d.finds("قطر OR سوريا"));
  CHECK_FALSE(d.finds("إيران AND سوريا"));
  CHECK_FALSE(d.finds("إيران NOT قطر"));
}

TEST_CASE("analyzer: mixed-script text and queries") {
  OneDoc d("Iran and Qatar discussed العلاقات الثنائية in Doha");
  CHECK(d.finds("Qatar العلاقات"));
  CHECK(d.finds("علاقات AND doha"));
}

TEST_CASE("analyzer: analyze() lists tokens in order with term and stem") {
  Analyzer a;
  const auto toks = a.analyze("Iran's neighbors والعلاقات الإيرانية 2022");
  REQUIRE(toks.size() == 5);
  CHECK(toks[0].position == 1);
  CHECK(toks[0].term == "iran's");
  CHECK(toks[0].stem == "iran");
  CHECK(toks[1].term == "neighbors");
  CHECK(toks[1].stem == "neighbor");
  CHECK(toks[2].term == "والعلاقات");
  CHECK(toks[2].stem == a.stemmer()("العلاقات"));
  CHECK(toks[3].term == "الايرانية");
  CHECK(toks[4].term == "2022");
  CHECK(toks[4].position == 5);
  CHECK(a.analyze("").empty());
}

TEST_CASE("analyzer: the stemmer describes itself and stems by script") {
  Analyzer a;
  CHECK(a.stemmer().get_description().find("iran-script-stemmer") != std::string::npos);
  CHECK(a.stemmer()("sanctions") == "sanction");
  CHECK(a.stemmer()("тегеран") == "тегеран");           // other scripts unchanged
  CHECK(a.stemmer()("إيران") == a.stemmer()("ايران"));  // raw text (snippets) normalizes
  CHECK(iran::text::word_script("قطر") == iran::text::Script::kArabic);
  CHECK(iran::text::word_script("café") == iran::text::Script::kLatin);
}

TEST_CASE("analyzer: the shared stemmer is safe across threads") {
  Analyzer a;
  const std::string ar = a.stemmer()("والعلاقات");
  const std::string en = a.stemmer()("neighboring");
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 1);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        if (a.stemmer()("والعلاقات") != ar || a.stemmer()("neighboring") != en) ok[t] = 0;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) CHECK(v == 1);
}

TEST_CASE("analyzer: snippets on raw text highlight normalized matches") {
  Analyzer a;
  OneDoc d("أكّد وزير الخارجية");
  Xapian::QueryParser qp;
  a.configure(qp);
  const Xapian::Query q = qp.parse_query(a.normalize("اكد"));
  Xapian::Enquire enquire(d.db);
  enquire.set_query(q);
  Xapian::MSet mset = enquire.get_mset(0, 10);
  REQUIRE(mset.size() == 1);
  const std::string snip = mset.snippet("أكّد وزير الخارجية", 200, a.stemmer(), 0, "<b>", "</b>");
  CHECK(snip.find("<b>") != std::string::npos);
}

TEST_CASE("analyzer: English possessives also index the bare word at the same position") {
  OneDoc d("Iran's nuclear programme and Iran\u2019s neighbours");
  CHECK(d.finds("Iran"));
  CHECK(d.finds("Iran's"));
  CHECK(d.finds("Iran\u2019s"));
  CHECK(d.finds("\"Iran nuclear programme\""));
  CHECK(d.finds("\"Iran's nuclear\""));
  Analyzer a;
  const auto toks = a.analyze("Iran's nuclear");
  REQUIRE(toks.size() == 2);
  CHECK(toks[0].term == "iran's");
  CHECK(toks[0].stem == "iran");
}

TEST_CASE("analyzer: hyphenated names match spaced, hyphenated and joined queries") {
  OneDoc d("Foreign Minister Hossein Amir-Abdollahian met his Qatari counterpart");
  CHECK(d.finds("Amir-Abdollahian"));
  CHECK(d.finds("Amir Abdollahian"));
  CHECK(d.finds("\"Amir Abdollahian\""));
  CHECK(d.finds("Amirabdollahian"));
  CHECK(d.finds("amirabdollahian"));
  OneDoc spaced("Hossein Amir Abdollahian met");
  CHECK(spaced.finds("Amir-Abdollahian"));
}

TEST_CASE("analyzer: acronyms, numbers and quotes") {
  OneDoc d(
      "The U.S. imposed 1,000 sanctions over a 20-year period, a 2.5% rise, "
      "calling it \u201Cmaximum pressure\u201D");
  CHECK(d.finds("US"));
  CHECK(d.finds("U.S."));
  CHECK(d.finds("1,000"));
  CHECK(d.finds("20-year"));
  CHECK(d.finds("2.5"));
  CHECK(d.finds("sanction"));
  CHECK(d.finds("\"maximum pressure\""));
  CHECK(d.finds("\u201Cmaximum pressure\u201D"));
  CHECK(OneDoc("US sanctions").finds("U.S."));
}

TEST_CASE("analyzer: field prefixes get the same treatment") {
  Analyzer a;
  Xapian::Document doc;
  Xapian::TermGenerator gen;
  a.configure(gen);
  gen.set_document(doc);
  a.index_text(gen, "Amir-Abdollahian visits Iran's neighbours", "S");
  a.index_text(gen, "والعلاقات الإيرانية");
  CHECK(doc.termlist_count() > 0);
  auto has = [&](const std::string& t) {
    auto it = doc.termlist_begin();
    it.skip_to(t);
    return it != doc.termlist_end() && *it == t;
  };
  CHECK(has("Siran's"));
  CHECK(has("Siran"));
  CHECK(has("Samirabdollahian"));
  CHECK(has("ZSiran"));
  CHECK_FALSE(has("iran"));  // the body text had no English
  CHECK(has("والعلاقات"));
}
