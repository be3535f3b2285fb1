#include "corpus/encoding.h"

#include <uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <memory>

#include "util/strings.h"

namespace iran::corpus {
namespace {

bool starts(std::string_view bytes, std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; }

// The value after `name=` in a tag or content attribute: quoted or bare, lowercased.
std::string value_after(std::string_view text, std::size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) ++pos;
  if (pos < text.size() && text[pos] == '=') ++pos;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  char quote = 0;
  if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'')) quote = text[pos++];
  std::size_t end = pos;
  while (end < text.size()) {
    const char c = text[end];
    if (quote ? c == quote : (c == ' ' || c == ';' || c == '"' || c == '\'' || c == '>' || c == '/' || c == '\t' || c == '\n'))
      break;
    ++end;
  }
  return util::ascii_lower(util::trim(text.substr(pos, end - pos)));
}

}  // namespace

std::optional<Bom> sniff_bom(std::string_view b) {
  // UTF-32LE's BOM begins with UTF-16LE's: test the longer one first.
  if (starts(b, std::string_view("\xFF\xFE\x00\x00", 4))) return Bom{"UTF-32LE", 4};
  if (starts(b, std::string_view("\x00\x00\xFE\xFF", 4))) return Bom{"UTF-32BE", 4};
  if (starts(b, "\xEF\xBB\xBF")) return Bom{"UTF-8", 3};
  if (starts(b, "\xFF\xFE")) return Bom{"UTF-16LE", 2};
  if (starts(b, "\xFE\xFF")) return Bom{"UTF-16BE", 2};
  return std::nullopt;
}

std::string sniff_utf32(std::string_view b) {
  if (b.size() < 8 || b.size() % 4 != 0) return {};
  for (const bool little : {true, false}) {
    bool ok = true;
    for (std::size_t i = 0; i < b.size() && ok; i += 4) {
      const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(b[i + k])); };
      const std::uint32_t cp = little ? byte(0) | byte(1) << 8 | byte(2) << 16 | byte(3) << 24
                                      : byte(3) | byte(2) << 8 | byte(1) << 16 | byte(0) << 24;
      // Scalar values only, and no NUL: a text does not hold U+0000.
      ok = cp != 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (ok) return little ? "UTF-32LE" : "UTF-32BE";
  }
  return {};
}

std::string detect_charset(std::string_view bytes) {
  std::unique_ptr<std::remove_pointer_t<uchardet_t>, decltype(&uchardet_delete)> detector(uchardet_new(),
                                                                                         &uchardet_delete);
  if (!detector) return {};
  if (uchardet_handle_data(detector.get(), bytes.data(), bytes.size()) != 0) return {};
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  std::string charset = util::ascii_lower(name ? name : "");
  // Unicode forms are told apart by BOM and structure, never by this guess; "ascii"
  // cannot be the answer for bytes that are not valid UTF-8.
  if (charset.empty() || charset == "ascii" || charset.starts_with("utf") || charset.starts_with("x-iso-10646"))
    return {};
  if (!is_known_charset(charset)) return {};
  return charset;
}

bool is_known_charset(std::string_view charset) {
  if (charset.empty()) return false;
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(std::string(charset).c_str(), &status);
  if (conv) ucnv_close(conv);
  return U_SUCCESS(status) && conv;
}

std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset) {
  if (!is_known_charset(charset)) return std::nullopt;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), std::string(charset).c_str());
  if (u.isBogus()) return std::nullopt;
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string declared_charset(std::string_view head) {
  const std::string lower = util::ascii_lower(head);
  std::string_view text(lower);
  if (text.starts_with("<?xml")) {
    const auto close = text.find("?>");
    const auto enc = text.find("encoding", 0);
    if (enc != std::string_view::npos && (close == std::string_view::npos || enc < close))
      return value_after(text, enc + 8);
  }
  for (std::size_t pos = text.find("<meta"); pos != std::string_view::npos; pos = text.find("<meta", pos + 5)) {
    const auto end = text.find('>', pos);
    const std::string_view tag = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (const auto c = tag.find("charset"); c != std::string_view::npos) {
      // Either the attribute charset="..." or "...; charset=..." inside content="...".
      std::string v = value_after(tag, c + 7);
      if (!v.empty()) return v;
    }
  }
  return {};
}

}  // namespace iran::corpus
