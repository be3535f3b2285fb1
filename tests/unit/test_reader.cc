#include <doctest/doctest.h>

#include <string>

#include "corpus/reader.h"

using namespace iran::corpus;

namespace {
std::string problem_of(std::string bytes) {
  try {
    decode_text(std::move(bytes));
  } catch (const FileError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("plain UTF-8 passes unchanged") {
  const auto f = decode_text("Iran وقطر\n");
  CHECK(f.text == "Iran وقطر\n");
  CHECK(f.conversion.empty());
}

TEST_CASE("BOM, CRLF and UTF-16 are decoded") {
  CHECK(decode_text("\xEF\xBB\xBFhello").text == "hello");
  const auto crlf = decode_text("a\r\nb\r\n");
  CHECK(crlf.text == "a\nb\n");
  CHECK(crlf.conversion == "crlf");
  const auto le = decode_text(std::string("\xFF\xFEQ\0a\0", 6));
  CHECK(le.text == "Qa");
  CHECK(le.conversion == "utf-16le");
  const auto be = decode_text(std::string("\xFE\xFF\0Q\0a", 6));
  CHECK(be.text == "Qa");
}

TEST_CASE("Windows-1256 Arabic is detected and converted") {
  // "العلاقات بين إيران وطاجيكستان، وتعزيز التعاون الاقتصادي" in Windows-1256.
  const std::string cp1256 =
      "\xC7\xE1\xDA\xE1\xC7\xDE\xC7\xCA \xC8\xED\xE4 \xC5\xED\xD1\xC7\xE4 \xE6\xD8\xC7\xCC\xED\xDF\xD3\xCA\xC7\xE4"
      "\xA1 \xE6\xCA\xDA\xD2\xED\xD2 \xC7\xE1\xCA\xDA\xC7\xE6\xE4 \xC7\xE1\xC7\xDE\xCA\xD5\xC7\xCF\xED \xC7\xE1\xDA"
      "\xE1\xC7\xDE\xC7\xCA \xC8\xED\xE4 \xC7\xE1\xC8\xE1\xCF\xED\xE4\n";
  const auto f = decode_text(cp1256);
  CHECK(f.conversion == "windows-1256");
  CHECK(f.text.find("العلاقات") != std::string::npos);
}

TEST_CASE("bad files are refused with the reason") {
  CHECK(problem_of("") == "empty file");
  CHECK(problem_of(" \n\t") == "empty file (only white space)");
  CHECK(problem_of(std::string("a\0b", 3)) == "binary file (contains NUL bytes)");
  // Mostly good UTF-8 with one broken byte is damage, not another encoding.
  CHECK(problem_of("قطر وإيران \xff tail") == "not valid UTF-8 (byte 0xff at offset 20)");
}

TEST_CASE("a missing file is FileVanished, so a build treats it as removed") {
  CHECK_THROWS_AS(read_text_file("/nonexistent/iran/file.txt"), FileVanished);
}
