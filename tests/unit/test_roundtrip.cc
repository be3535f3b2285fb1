// The round-trip property of the one analysis path: every word of every indexed article,
// typed as a query (as written, and in its other normal spellings), finds its article.
#include <doctest/doctest.h>
#include <unicode/uchar.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/input.h"
#include "entities/gazetteer.h"
#include "text/analyzer.h"
#include "text/normalizer.h"
#include "text/utf8.h"

namespace fs = std::filesystem;
using iran::text::Analyzer;
namespace utf8 = iran::text::utf8;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Splits a fixture file into its articles at "## " lines.
std::vector<std::string> split_articles(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line, cur;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += line;
    cur += '\n';
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool is_word_char(char32_t c) {
  const int8_t t = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || t == U_NON_SPACING_MARK ||
         t == U_COMBINING_SPACING_MARK || c == 0x0640;
}

// The words a reader would copy out of the text: split at white space, with leading
// and trailing punctuation removed; inner punctuation stays (Iran's, U.S, 20-year, 2.5).
std::set<std::string> words_of(const std::string& text) {
  std::set<std::string> out;
  const std::u32string u = utf8::decode(text);
  size_t i = 0;
  while (i < u.size()) {
    while (i < u.size() && (u_isUWhiteSpace(static_cast<UChar32>(u[i])) || u[i] == 0x200C)) ++i;
    size_t j = i;
    while (j < u.size() && !u_isUWhiteSpace(static_cast<UChar32>(u[j])) && u[j] != 0x200C) ++j;
    size_t a = i, b = j;
    while (a < b && !is_word_char(u[a])) ++a;
    while (b > a && !is_word_char(u[b - 1])) --b;
    if (a < b) out.insert(utf8::encode(u.substr(a, b - a)));
    i = j;
  }
  return out;
}

// QueryParser's boolean operators (FLAG_BOOLEAN): typed alone in capitals they are
// syntax, not words, so a user searching for the word types it in lower case.
bool is_query_operator(const std::string& w) {
  static const std::set<std::string> ops = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  return ops.count(w) != 0;
}

void replace_all(std::u32string& s, char32_t from, char32_t to) {
  for (char32_t& c : s)
    if (c == from) c = to;
}

bool has_arabic(const std::u32string& u) {
  for (char32_t c : u)
    if (c >= 0x0621 && c <= 0x064A) return true;
  return false;
}

const Xapian::Stem& stemmer_for_spellings() {
  static const Analyzer analyzer;
  return analyzer.stemmer();
}

// The other spellings of a word that normalization promises to fold.
std::vector<std::string> spellings(const std::string& word) {
  std::vector<std::string> out{word};
  const std::u32string u = utf8::decode(word);
  if (has_arabic(u)) {
    std::u32string vocalized;  // a fatha after every letter
    for (char32_t c : u) {
      vocalized.push_back(c);
      if (c >= 0x0621 && c <= 0x064A) vocalized.push_back(0x064E);
    }
    out.push_back(utf8::encode(vocalized));
    std::u32string hamzated = u;  // every bare alef written with hamza
    replace_all(hamzated, 0x0627, 0x0623);
    out.push_back(utf8::encode(hamzated));
    std::u32string bare = u;  // every alef form written bare
    for (char32_t from : {0x0623, 0x0625, 0x0622}) replace_all(bare, from, 0x0627);
    out.push_back(utf8::encode(bare));
    std::u32string persian = u;  // typed on a Persian keyboard
    replace_all(persian, 0x064A, 0x06CC);
    replace_all(persian, 0x0643, 0x06A9);
    replace_all(persian, 0x0649, 0x06CC);
    out.push_back(utf8::encode(persian));
    std::u32string maksura = u;  // Egyptian final yeh without dots
    if (!maksura.empty() && maksura.back() == 0x064A) maksura.back() = 0x0649;
    out.push_back(utf8::encode(maksura));
    // Teh marbuta written as heh, common in informal text. Not checked where ه reads as
    // "his" and that correct-Arabic reading wins: after ت (علاقته = his relation) and
    // after a known word (كتابه = his book, not كتابة); nor where the result is a common
    // other word (آليه is how إليه is written once alef forms are folded).
    std::u32string heh = u;
    if (heh.size() >= 2 && heh.back() == 0x0629 && heh[heh.size() - 2] != 0x062A) {
      heh.back() = 0x0647;
      const std::string h = utf8::encode(heh);
      auto ends = [&](const std::string& tail) {
        return h.size() >= tail.size() && h.compare(h.size() - tail.size(), tail.size(), tail) == 0;
      };
      // Nor where the ه form stems as the word without ة, "his" + another word: without
      // the article a noun whose bare form is a different word reads so (عمله is "his
      // work", not عملة "currency"; ومنظمه "and his organiser"); with it, ه is ة again.
      std::u32string without = u;
      without.pop_back();
      const Xapian::Stem& stem = stemmer_for_spellings();
      const std::string without_teh = utf8::encode(without);
      const bool his = stem(iran::text::normalize(h)) == stem(iran::text::normalize(without_teh)) &&
                       stem(iran::text::normalize(without_teh)) != stem(iran::text::normalize(word));
      if (!ends("آليه") && !ends("كتابه") && !his) out.push_back(h);
    }
    std::u32string seats = u;  // the other hamza seat
    replace_all(seats, 0x0624, 0x0626);
    out.push_back(utf8::encode(seats));
    if (u.size() >= 2) {  // stretched with tatweel
      std::u32string stretched = u;
      stretched.insert(1, 1, 0x0640);
      out.push_back(utf8::encode(stretched));
    }
  }
  bool digits = false;
  std::u32string indic = u;  // Arabic-Indic and Persian digits
  std::u32string persian_digits = u;
  for (size_t k = 0; k < u.size(); ++k) {
    if (u[k] >= U'0' && u[k] <= U'9') {
      digits = true;
      indic[k] = 0x0660 + (u[k] - U'0');
      persian_digits[k] = 0x06F0 + (u[k] - U'0');
    }
  }
  if (digits) {
    out.push_back(utf8::encode(indic));
    out.push_back(utf8::encode(persian_digits));
  }
  if (word.find('\'') != std::string::npos) {  // a curly apostrophe
    std::string curly;
    for (char c : word) curly += (c == '\'') ? std::string("\u2019") : std::string(1, c);
    out.push_back(curly);
  }
  return out;
}

struct Failure {
  std::string source, word, spelling, parsed;
};

// Indexes each text as one document, then queries every word of it in every spelling.
// `raw` indexes without our normalization (a control: the test must catch that).
std::vector<Failure> round_trip(const std::vector<std::pair<std::string, std::string>>& texts,
                                size_t* checked, bool raw = false) {
  Analyzer analyzer;
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::TermGenerator gen;
  analyzer.configure(gen);
  for (size_t k = 0; k < texts.size(); ++k) {
    Xapian::Document doc;
    gen.set_document(doc);
    if (raw)
      gen.index_text(texts[k].second);
    else
      analyzer.index_text(gen, texts[k].second);
    doc.add_boolean_term("Q" + std::to_string(k));
    db.add_document(doc);
  }
  Xapian::QueryParser qp;
  analyzer.configure(qp);
  qp.set_database(db);
  Xapian::Enquire enquire(db);
  std::vector<Failure> failures;
  for (size_t k = 0; k < texts.size(); ++k) {
    const Xapian::Query only_this(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll,
                                  Xapian::Query("Q" + std::to_string(k)));
    for (const std::string& word : words_of(texts[k].second)) {
      if (is_query_operator(word)) continue;
      for (const std::string& s : spellings(word)) {
        ++*checked;
        std::string parsed;
        bool found = false;
        try {
          const Xapian::Query q =
              qp.parse_query(analyzer.normalize(s), Xapian::QueryParser::FLAG_DEFAULT);
          parsed = q.get_description();
          enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, only_this));
          found = enquire.get_mset(0, 1).size() == 1;
        } catch (const Xapian::QueryParserError& e) {
          parsed = "QueryParserError: " + e.get_msg();
        }
        if (!found) failures.push_back({texts[k].first, word, s, parsed});
      }
    }
  }
  return failures;
}

void report(const std::vector<Failure>& failures, size_t checked) {
  MESSAGE("round trip: " << checked << " queries, " << failures.size() << " failed");
  size_t shown = 0;
  for (const auto& f : failures) {
    if (++shown > 40) break;
    std::cerr << "  " << f.source << ": word [" << f.word << "] as [" << f.spelling << "] parsed "
              << f.parsed << "\n";
  }
}

std::vector<std::pair<std::string, std::string>> corpus_articles() {
  std::vector<std::pair<std::string, std::string>> texts;
  const fs::path dir = IRAN_CORPUS_DIR;
  if (!fs::is_directory(dir)) return texts;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& p : files) texts.emplace_back(p.filename().string(), read_file(p));
  return texts;
}

std::vector<std::pair<std::string, std::string>> fixture_articles(const char* name) {
  std::vector<std::pair<std::string, std::string>> texts;
  const fs::path p = fs::path(IRAN_TEST_DATA_DIR) / "text" / name;
  int k = 0;
  for (auto& a : split_articles(read_file(p)))
    texts.emplace_back(std::string(name) + "#" + std::to_string(++k), std::move(a));
  return texts;
}

// Every article of the page, feed and dump fixtures, read through the input seam as the
// build reads it: the title and the body the index gets.
std::vector<std::pair<std::string, std::string>> input_articles() {
  std::vector<std::pair<std::string, std::string>> texts;
  static const auto gazetteer = iran::entities::Gazetteer::load_default();
  for (const char* dir : {"html", "feeds", "jsonl"}) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(IRAN_TEST_DATA_DIR) / dir))
      if (iran::corpus::input_kind_for(e.path().filename().string())) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
      try {
        iran::corpus::read_source(p, {}, [&](iran::corpus::SourceRecord&& r) {
          const auto a = iran::corpus::make_article(r, "", gazetteer);
          texts.emplace_back(iran::corpus::item_path(p.filename().string(), r.item), a.meta.title + "\n\n" + a.body);
        });
      } catch (const iran::corpus::NotAnArticle&) {
        // the page of links: nothing to index
      }
    }
  }
  return texts;
}

}  // namespace

TEST_CASE("round trip: every word of every saved page, feed item and dump record") {
  const auto texts = input_articles();
  REQUIRE(texts.size() >= 12 + 8 + 4);
  size_t checked = 0;
  const auto failures = round_trip(texts, &checked);
  report(failures, checked);
  CHECK(failures.empty());
}

TEST_CASE("round trip: every word of every corpus article finds its article") {
  const auto texts = corpus_articles();
  REQUIRE_MESSAGE(!texts.empty(), "no articles in " << IRAN_CORPUS_DIR);
  size_t checked = 0;
  const auto failures = round_trip(texts, &checked);
  report(failures, checked);
  CHECK(failures.empty());
}

TEST_CASE("round trip: Arabic news sample (SaudiNewsNet)") {
  const auto texts = fixture_articles("saudinewsnet-sample.txt");
  REQUIRE(texts.size() == 25);
  size_t checked = 0;
  const auto failures = round_trip(texts, &checked);
  report(failures, checked);
  CHECK(failures.empty());
}

TEST_CASE("round trip: English speech sample (UN General Debate, Iran 2020-2024)") {
  const auto texts = fixture_articles("ungdc-sample.txt");
  REQUIRE(!texts.empty());
  size_t checked = 0;
  const auto failures = round_trip(texts, &checked);
  report(failures, checked);
  CHECK(failures.empty());
}

TEST_CASE("round trip: Persian sample") {
  const auto texts = fixture_articles("persian-sample.txt");
  REQUIRE(!texts.empty());
  size_t checked = 0;
  const auto failures = round_trip(texts, &checked);
  report(failures, checked);
  CHECK(failures.empty());
}

TEST_CASE("round trip: the check has teeth (indexing without normalization fails it)") {
  const auto texts = fixture_articles("persian-sample.txt");
  size_t checked = 0;
  CHECK(!round_trip(texts, &checked, /*raw=*/true).empty());
}
