#include "corpus/reader.h"

#include <unicode/unistr.h>

#include <memory>

#include <cerrno>
#include <cstring>

#include "corpus/encoding.h"
#include "corpus/walker.h"
#include "util/files.h"
#include "util/strings.h"

namespace iran::corpus {
namespace {

std::string hex_byte(unsigned char c) {
  static const char* digits = "0123456789abcdef";
  return std::string("0x") + digits[c >> 4] + digits[c & 15];
}

std::string from_utf16(const std::string& bytes, const char* charset) {
  icu::UnicodeString u(bytes.data() + 2, static_cast<int32_t>(bytes.size() - 2), charset);
  if (u.isBogus()) throw FileError(std::string("cannot convert from ") + charset);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Bytes meant as UTF-8 but damaged still hold mostly well-formed multi-byte sequences;
// a legacy single-byte encoding (Windows-1256 Arabic) makes mostly invalid ones, with
// the odd accidental valid pair (a letter byte before 0xA1, the Arabic comma).
bool looks_like_damaged_utf8(const std::string& bytes) {
  std::size_t valid = 0, invalid = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len && i + len <= bytes.size() &&
        util::find_invalid_utf8(std::string_view(bytes).substr(i, len)) == std::string_view::npos) {
      ++valid;
      i += len;
    } else {
      ++invalid;
      ++i;
    }
  }
  return valid > invalid;
}

// A legacy encoding (Windows-1256 Arabic, Latin-1, ...): uchardet names it
// (corpus/encoding.h); empty when nothing fits.
std::string detect_legacy_charset(const std::string& bytes) { return detect_charset(bytes); }

std::string convert_to_utf8(const std::string& bytes, const std::string& charset) {
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset.c_str());
  if (u.isBogus()) throw FileError("cannot convert from " + charset);
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

TextFile read_text_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  std::string bytes;
  try {
    bytes = util::read_regular_file(path.string(), max_bytes);
  } catch (const util::FileReadError& e) {
    if (e.kind == util::FileReadError::Kind::Missing) throw FileVanished("disappeared while indexing");
    throw FileError(e.what());
  }
  return decode_text(std::move(bytes));
}

TextFile decode_text(std::string bytes) {
  if (bytes.empty()) throw FileError("empty file");

  TextFile file;
  // UTF-32, with a BOM or recognised by its structure (it is full of NUL bytes, so this
  // comes before the binary check).
  if (const auto bom = sniff_bom(bytes); bom && bom->charset.starts_with("UTF-32")) {
    file.conversion = util::ascii_lower(bom->charset);
    bytes = convert_to_utf8(bytes.substr(bom->length), bom->charset);
  } else if (const std::string utf32 = bom ? std::string() : sniff_utf32(bytes); !utf32.empty()) {
    file.conversion = util::ascii_lower(utf32);
    bytes = convert_to_utf8(bytes, utf32);
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
    bytes = from_utf16(bytes, "UTF-16LE");
    file.conversion = "utf-16le";
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF) {
    bytes = from_utf16(bytes, "UTF-16BE");
    file.conversion = "utf-16be";
  } else if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    bytes.erase(0, 3);
  }
  if (bytes.find('\0') != std::string::npos) throw FileError("binary file (contains NUL bytes)");
  if (const auto bad = util::find_invalid_utf8(bytes); bad != std::string::npos) {
    const std::string charset = file.conversion.empty() && !looks_like_damaged_utf8(bytes) ? detect_legacy_charset(bytes) : "";
    if (charset.empty())
      throw FileError("not valid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(bytes[bad])) +
                      " at offset " + std::to_string(bad) + ")");
    bytes = convert_to_utf8(bytes, charset);
    file.conversion = charset;
  }
  if (bytes.find('\r') != std::string::npos) {
    std::string lf;
    lf.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i)
      if (!(bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n')) lf += bytes[i];
    bytes.swap(lf);
    if (file.conversion.empty()) file.conversion = "crlf";
  }
  if (util::trim(bytes).empty()) throw FileError("empty file (only white space)");
  file.text = std::move(bytes);
  return file;
}

std::string read_sidecar(const std::filesystem::path& article) {
  auto sidecar = article;
  sidecar += kSidecarExtension;
  try {
    return read_text_file(sidecar, kMaxSidecarBytes).text;
  } catch (const FileVanished&) {
    return {};
  } catch (const FileError& e) {
    // An empty sidecar is as good as none.
    if (std::string_view(e.what()).starts_with("empty file")) return {};
    throw FileError(sidecar.filename().string() + ": " + e.what());
  }
}

}  // namespace iran::corpus
