#include "text/script_stemmer.h"

#include "text/arabic_stemmer.h"
#include "text/normalizer.h"
#include "text/utf8.h"

namespace iran::text {
namespace {

std::string english_stem(const std::string& word) {
  // Xapian::Stem keeps Snowball's working state inside; one per thread keeps the shared
  // ScriptStemmer safe to call concurrently.
  thread_local Xapian::Stem english("english");
  return english(word);
}

bool is_arabic_block(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

bool is_latin(char32_t c) {
  return (c >= 0x00C0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF);
}

}  // namespace

Script word_script(std::string_view word) {
  if (utf8::is_ascii(word)) return Script::kAscii;
  bool latin = false;
  for (size_t i = 0; i < word.size();) {
    const char32_t c = utf8::next(word, i);
    if (is_arabic_block(c)) return Script::kArabic;
    if (is_latin(c)) latin = true;
  }
  return latin ? Script::kLatin : Script::kOther;
}

std::string ScriptStemmer::operator()(const std::string& word) {
  if (utf8::is_ascii(word)) return english_stem(word);
  const std::string normalized = normalize(word);
  switch (word_script(normalized)) {
    case Script::kArabic:
      return arabic_light_stem(normalized);
    case Script::kAscii:
    case Script::kLatin:
      return english_stem(normalized);
    case Script::kOther:
      break;
  }
  return normalized;
}

std::string ScriptStemmer::get_description() const { return "iran-script-stemmer"; }

}  // namespace iran::text
