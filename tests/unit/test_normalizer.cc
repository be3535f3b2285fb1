#include <doctest/doctest.h>

#include <string>

#include "text/normalizer.h"
#include "text/utf8.h"

#include <ios>
#include <vector>

using iran::text::normalize;
using iran::text::normalize_folded;

TEST_CASE("normalize: ASCII passes through unchanged, query syntax included") {
  for (const char* s : {"", "Iran's nuclear", "a AND b OR \"c d\" NOT e", "country:qatar",
                        "title:(x y) +must -not", "U.S. 2.5 1,000 20-year"})
    CHECK(normalize(s) == s);
}

TEST_CASE("normalize: harakat, superscript alef and tatweel are removed") {
  CHECK(normalize("تَعَاوُن") == "تعاون");
  CHECK(normalize("تعاوُن") == "تعاون");
  CHECK(normalize("الدوليّة") == "الدولية");  // shadda
  CHECK(normalize("هٰذا") == "هذا");          // U+0670
  CHECK(normalize("تـعـاون") == "تعاون");    // tatweel
  CHECK(normalize("تعـــاون") == "تعاون");
  CHECK(normalize("كتابٌ") == "كتاب");  // tanwin
}

TEST_CASE("normalize: a final alef written with fathatan is the tanween and goes with it") {
  // The mark after the alef, or before it (on the letter it follows), with shadda too.
  CHECK(normalize("نوعاً") == "نوع");
  CHECK(normalize("نوعًا") == "نوع");
  CHECK(normalize("رقماً") == "رقم");
  CHECK(normalize("جدًّا") == "جد");
  CHECK(normalize("جداًّ") == "جد");
  CHECK(normalize("كيلومتراً مربّعاً") == "كيلومتر مربع");
  CHECK(normalize("وحيدًا،") == "وحيد،");
  CHECK(normalize("(عاماً)") == "(عام)");
  CHECK(normalize("أيضًأ") == "ايض");  // an alef form is the same letter
  // Not an alef without the mark (the stemmer decides those: دنيا, سكانا), nor one that
  // is not last in its word, nor one with fewer than two letters before it.
  CHECK(normalize("نوعا") == "نوعا");
  CHECK(normalize("دنيا") == "دنيا");
  CHECK(normalize("ماًء") == "ماء");
  CHECK(normalize("اً") == "ا");
  CHECK(normalize("باً") == "با");
  // Other tanween and marks leave the alef alone.
  CHECK(normalize("عصاٌ") == "عصا");
  CHECK(normalize("مرةً") == "مرة");
}

TEST_CASE("normalize: alef forms unify") {
  CHECK(normalize("إيران") == "ايران");
  CHECK(normalize("أمن") == "امن");
  CHECK(normalize("آسيا") == "اسيا");
  CHECK(normalize("ٱلله") == "الله");  // alef wasla
  // Alef + combining hamza above composes under NFKC and then unifies too.
  CHECK(normalize("ا\u0654من") == "امن");
}

TEST_CASE("normalize: alef maksura, Persian yeh and keheh") {
  CHECK(normalize("مستوى") == "مستوي");
  CHECK(normalize("الكبرى") == "الكبري");
  CHECK(normalize("کبیر") == "كبير");
  CHECK(normalize("الکیان") == "الكيان");
}

TEST_CASE("normalize: hamza seats fold to the bare hamza") {
  CHECK(normalize("مسؤول") == normalize("مسئول"));
  CHECK(normalize("شؤون") == normalize("شئون"));
  CHECK(normalize("رؤوس") == normalize("رءوس"));
  CHECK(normalize("مسؤول") == "مسءول");
}

TEST_CASE("normalize: teh marbuta is kept (the stemmer decides about it)") {
  CHECK(normalize("العلاقة") == "العلاقة");
}

TEST_CASE("normalize: Arabic-Indic and Persian digits become ASCII") {
  CHECK(normalize("٢٠٠") == "200");
  CHECK(normalize("۲۰۰") == "200");
  CHECK(normalize("١٤٠٠") == "1400");
  CHECK(normalize("٢٫٥") == "2.5");
}

TEST_CASE("normalize: ZWNJ becomes a space, invisible marks disappear") {
  CHECK(normalize("می\u200Cروم") == "مي روم");
  CHECK(normalize("ايران\u200F") == "ايران");  // RLM
  CHECK(normalize("\uFEFFايران") == "ايران");  // BOM
  CHECK(normalize("اير\u200Dان") == "ايران");  // ZWJ
}

TEST_CASE("normalize: NFKC folds presentation forms, ligatures and full-width Latin") {
  CHECK(normalize("\uFEE3\uFEE8") == "من");                // meem, noon presentation forms
  CHECK(normalize("\uFEFB") == "لا");                      // lam-alef ligature
  CHECK(normalize("\uFF29\uFF32\uFF21\uFF2E") == "IRAN");  // full-width
  CHECK(normalize("Iran\u00A0talks") == "Iran talks");     // no-break space
}

TEST_CASE("normalize: curly quotes and apostrophes become ASCII") {
  CHECK(normalize("Iran\u2019s") == "Iran's");
  CHECK(normalize("\u201Cnuclear deal\u201D") == "\"nuclear deal\"");
  CHECK(normalize("«العلاقات»") == "\"العلاقات\"");
}

TEST_CASE("normalize: invalid UTF-8 does not crash and keeps the valid text") {
  const std::string bad = std::string("ab\xC3") + "\xFF\xFE" + "\xE2\x82" + "cd\xF0\x9F";
  std::string out;
  CHECK_NOTHROW(out = normalize(bad));
  CHECK(out.find("ab") == 0);
  CHECK(out.find("cd") != std::string::npos);
  CHECK_NOTHROW(normalize_folded(bad));
  CHECK_NOTHROW(normalize(std::string("\xED\xA0\x80", 3)));  // a UTF-8 encoded surrogate
  CHECK_NOTHROW(normalize(std::string("\xC0\xAF", 2)));      // an overlong slash
}

TEST_CASE("normalize_folded: lowercases every script with case, normalizes Arabic") {
  CHECK(normalize_folded("Bagheri KANI") == "bagheri kani");
  CHECK(normalize_folded("ÉTAT") == "état");
  CHECK(normalize_folded("قطر") == "قطر");
  CHECK(normalize_folded("إيران") == "ايران");
  CHECK(normalize_folded("Straße") == "strasse");
}

TEST_CASE("normalize: Persian heh forms and Arabic separators") {
  CHECK(normalize("خانۀ") == "خانه");   // heh with yeh above (ezafe)
  CHECK(normalize("٥٠٪") == "50%");
  CHECK(normalize("١٬٠٠٠") == "1,000");
}

TEST_CASE("simple_word_term: what normalize() and lowercasing make, without ICU, for every code point it takes") {
  std::string out;
  auto lower = [](std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  // Each code point alone and between two letters, and each pair of the Arabic-script
  // ones (so no composition or reordering NFKC does is missed).
  std::vector<std::string> taken;
  for (char32_t c = 0x20; c < 0x0800; ++c) {
    std::string s;
    iran::text::utf8::append(s, c);
    for (const std::string& word : {s, "\xD8\xA8" + s + "\xD8\xA8", "a" + s}) {
      if (iran::text::simple_word_term(word, out)) {
        CHECK_MESSAGE(out == lower(normalize(word)), "U+" << std::hex << static_cast<unsigned>(c));
        if (word == s && c >= 0x80) taken.push_back(s);
      }
    }
  }
  CHECK(taken.size() > 50);
  for (const auto& a : taken)
    for (const auto& b : taken)
      if (iran::text::simple_word_term(a + b, out)) CHECK(out == normalize(a + b));
  CHECK(iran::text::simple_word_term("Iran", out));
  CHECK(out == "iran");
  CHECK(iran::text::simple_word_term("الأمير", out));
  CHECK(out == "الامير");
  // Marks that compose, and letters from elsewhere, are left to normalize().
  CHECK_FALSE(iran::text::simple_word_term("\xD8\xA7\xD9\x94", out));  // alef + hamza above
  CHECK_FALSE(iran::text::simple_word_term("café", out));
  CHECK_FALSE(iran::text::simple_word_term("ﻻ", out));  // a presentation form
}
