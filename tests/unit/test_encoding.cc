// Charset detection on what analysts really have: short Arabic texts in Windows-1256
// (where ICU's detector guesses Hebrew, Korean or ISO-8859-6 for some), UTF-32 and
// UTF-16 with and without a byte-order mark, and HTML/XML declarations.
#include <doctest/doctest.h>

#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "corpus/encoding.h"
#include "corpus/reader.h"
#include "util/strings.h"

using namespace iran::corpus;

namespace {

// The text in a legacy charset, or empty when a character has no place in it.
std::string encode_as(const std::string& utf8, const char* charset) {
  const auto u = icu::UnicodeString::fromUTF8(utf8);
  std::string out(static_cast<std::size_t>(u.length()) * 4 + 8, '\0');
  const int32_t n = u.extract(0, u.length(), out.data(), static_cast<uint32_t>(out.size()), charset);
  out.resize(static_cast<std::size_t>(n));
  // A character the charset lacks becomes its substitute: check the round trip.
  std::string back;
  icu::UnicodeString(out.data(), n, charset).toUTF8String(back);
  return back == utf8 ? out : std::string();
}

// Distinct short Arabic texts (5 to 12 words, 40 to 160 bytes: a headline or a clause)
// cut from the SaudiNewsNet sample's paragraphs.
std::vector<std::string> short_arabic_texts(std::size_t n) {
  std::ifstream in(std::filesystem::path(IRAN_TEST_DATA_DIR) / "text" / "saudinewsnet-sample.txt");
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::string line;
  std::size_t width = 5;
  while (std::getline(in, line) && out.size() < n) {
    if (line.starts_with("##")) continue;
    std::vector<std::string> words;
    for (const auto& w : iran::util::split(line, ' '))
      if (!w.empty()) words.push_back(w);
    for (std::size_t i = 0; i + width <= words.size() && out.size() < n; i += width) {
      std::vector<std::string> chunk(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(i + width));
      const std::string t = iran::util::join(chunk, " ");
      width = width == 12 ? 5 : width + 1;
      if (t.size() < 40 || t.size() > 160 || !seen.insert(t).second) continue;
      if (iran::util::find_invalid_utf8(t) != std::string::npos) continue;
      out.push_back(t);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("200 short Windows-1256 Arabic texts: every one detected and converted back exactly") {
  const auto texts = short_arabic_texts(200);
  REQUIRE(texts.size() == 200);
  std::size_t tested = 0, right = 0;
  std::vector<std::string> wrong;
  for (const auto& t : texts) {
    const std::string cp = encode_as(t, "windows-1256");
    if (cp.empty()) continue;
    ++tested;
    const auto file = decode_text(cp);
    if (file.conversion == "windows-1256" && file.text == t) ++right;
    else wrong.push_back(detect_charset(cp) + ": " + t);
  }
  CHECK(tested >= 190);
  for (const auto& w : wrong) MESSAGE(w);
  CHECK(right == tested);
  // The same 200 as UTF-8 are read as they are.
  std::size_t utf8_right = 0;
  for (const auto& t : texts) {
    const auto file = decode_text(t);
    utf8_right += file.conversion.empty() && file.text == t;
  }
  CHECK(utf8_right == 200);
}

TEST_CASE("UTF-32 and UTF-16, with and without a BOM") {
  const std::string text = "\u0642\u0627\u0644 \u0648\u0632\u064A\u0631 talks with Qatar \U0001F30D";
  const auto u = icu::UnicodeString::fromUTF8(text);
  auto encoded = [&](const char* charset) {
    std::string out(256, '\0');
    out.resize(static_cast<std::size_t>(u.extract(0, u.length(), out.data(), 256, charset)));
    return out;
  };
  const std::string le32 = encoded("UTF-32LE"), be32 = encoded("UTF-32BE");
  CHECK(decode_text(std::string("\xFF\xFE\0\0", 4) + le32).text == text);
  CHECK(decode_text(std::string("\xFF\xFE\0\0", 4) + le32).conversion == "utf-32le");
  CHECK(decode_text(std::string("\0\0\xFE\xFF", 4) + be32).text == text);
  CHECK(decode_text(le32).text == text);  // no BOM: recognised by structure
  CHECK(decode_text(le32).conversion == "utf-32le");
  CHECK(decode_text(be32).conversion == "utf-32be");
  const std::string le16 = encoded("UTF-16LE");
  CHECK(decode_text("\xFF\xFE" + le16).text == text);
  // NUL bytes that are not UTF-32 are still binary.
  CHECK_THROWS_AS(decode_text(std::string("PK\x03\x04\0\0\0\x08", 8)), FileError);
  CHECK(sniff_utf32(std::string("abcdefgh", 8)).empty());  // 0x64636261 is beyond U+10FFFF
}

TEST_CASE("uchardet names legacy charsets; Unicode forms are left to BOM and structure") {
  CHECK(detect_charset("Caf\xe9 au lait, na\xefve r\xe9sum\xe9 of the d\xe9j\xe0 vu") != "");
  CHECK(detect_charset("plain ascii").empty());
  CHECK(is_known_charset("windows-1256"));
  CHECK_FALSE(is_known_charset("no-such-charset"));
  CHECK(to_utf8("\xE1\xC7", "windows-1256") == "\u0644\u0627");
  CHECK_FALSE(to_utf8("x", "no-such-charset"));
}

TEST_CASE("declared charsets: meta charset, http-equiv, XML declaration") {
  CHECK(declared_charset("<html><head><meta charset=\"Windows-1256\">") == "windows-1256");
  CHECK(declared_charset("<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-6'>") == "iso-8859-6");
  CHECK(declared_charset("<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss>") == "windows-1256");
  CHECK(declared_charset("<html><head><title>x</title>").empty());
}
