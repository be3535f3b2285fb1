#include "corpus/reader.h"

#include <unicode/unistr.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

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

}  // namespace

TextFile read_text_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(std::string("cannot open: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uintmax_t>(in.tellg());
  if (size > max_bytes)
    throw FileError("too large: " + std::to_string(size) + " bytes (limit " + std::to_string(max_bytes) + ")");
  in.seekg(0);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    throw FileError(std::string("read failed: ") + std::strerror(errno));
  if (bytes.empty()) throw FileError("empty file");

  TextFile file;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
    bytes = from_utf16(bytes, "UTF-16LE");
    file.conversion = "utf-16le";
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF) {
    bytes = from_utf16(bytes, "UTF-16BE");
    file.conversion = "utf-16be";
  } else if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    bytes.erase(0, 3);
  }
  if (bytes.find('\0') != std::string::npos) throw FileError("binary file (contains NUL bytes)");
  if (const auto bad = util::find_invalid_utf8(bytes); bad != std::string::npos)
    throw FileError("not valid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(bytes[bad])) +
                    " at offset " + std::to_string(bad) + ")");
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

}  // namespace iran::corpus
