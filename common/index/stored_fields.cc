#include "index/stored_fields.h"

#include <xapian.h>
#include <zstd.h>

#include <cstring>
#include <memory>

#include "util/strings.h"

namespace iran::index {
namespace {

void put(std::string& out, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  out += key;
  out += '\t';
  for (const char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  out += '\n';
}

// Runs between escapes copied whole (a body is kilobytes with few escapes: copied a byte
// at a time it was 6% of a search).
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t slash = s.find('\\', i);
    if (slash == std::string_view::npos || slash + 1 == s.size()) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, slash - i));
    const char next = s[slash + 1];
    out += next == 't' ? '\t' : next == 'n' ? '\n' : next;
    i = slash + 2;
  }
  return out;
}

// zstd's frame magic number as it starts a frame (0xFD2FB528, little-endian): no line of
// the plain form starts so (its first key is a lowercase word).
constexpr char kZstdMagic[] = {'\x28', '\xB5', '\x2F', '\xFD'};
// Level 3 (zstd's default): at level 9 the data is 4% smaller and the build's compression
// 3 times slower; decompression costs the same.
constexpr int kLevel = 3;
// No article holds more than 4 MiB (corpus/input.h); a frame saying more is damaged.
constexpr unsigned long long kMaxPlain = 64ull << 20;

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// One context per thread, kept: making one costs more than a small document's frame.
// Frames carry a checksum of the plain form, so damage is found, not decoded as noise.
ZSTD_CCtx* compressor() {
  thread_local std::unique_ptr<ZSTD_CCtx, CCtxFree> c = [] {
    std::unique_ptr<ZSTD_CCtx, CCtxFree> made(ZSTD_createCCtx());
    ZSTD_CCtx_setParameter(made.get(), ZSTD_c_compressionLevel, kLevel);
    ZSTD_CCtx_setParameter(made.get(), ZSTD_c_checksumFlag, 1);
    return made;
  }();
  return c.get();
}
ZSTD_DCtx* decompressor() {
  thread_local std::unique_ptr<ZSTD_DCtx, DCtxFree> d(ZSTD_createDCtx());
  return d.get();
}

std::string compressed(const std::string& plain) {
  std::string out(ZSTD_compressBound(plain.size()), '\0');
  const std::size_t n = ZSTD_compress2(compressor(), out.data(), out.size(), plain.data(), plain.size());
  if (ZSTD_isError(n) || n >= plain.size()) return plain;  // too short to gain: stored plain
  out.resize(n);
  return out;
}

bool is_compressed(std::string_view data) {
  return data.size() >= sizeof kZstdMagic && std::memcmp(data.data(), kZstdMagic, sizeof kZstdMagic) == 0;
}

std::string decompressed(std::string_view data) {
  const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > kMaxPlain)
    throw Xapian::DatabaseCorruptError("a document's stored data is damaged (its zstd frame has no valid size)");
  std::string out(static_cast<std::size_t>(size), '\0');
  const std::size_t n = ZSTD_decompressDCtx(decompressor(), out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(n) || n != out.size())
    throw Xapian::DatabaseCorruptError(std::string("a document's stored data is damaged (zstd: ") +
                                       (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "shorter than its frame says") + ")");
  return out;
}

std::vector<std::string> list(const std::string& joined) {
  if (joined.empty()) return {};
  return util::split(joined, ',');
}

}  // namespace

std::string encode(const StoredFields& f) {
  std::string out;
  put(out, "path", f.path);
  put(out, "title", f.title);
  put(out, "source", f.source);
  put(out, "source_name", f.source_name);
  put(out, "date", f.date);
  put(out, "date_origin", f.date_origin);
  put(out, "lang", f.lang);
  put(out, "url", f.url);
  put(out, "countries", util::join(f.countries, ","));
  put(out, "officials", util::join(f.officials, ","));
  put(out, "conversion", f.conversion);
  put(out, "body", f.body);
  return compressed(out);
}

StoredFields decode(std::string_view data) {
  if (is_compressed(data)) return decode_plain(decompressed(data));
  return decode_plain(data);
}

StoredFields decode_plain(std::string_view data) {
  StoredFields f;
  std::size_t start = 0;
  while (start < data.size()) {
    auto eol = data.find('\n', start);
    if (eol == std::string_view::npos) eol = data.size();
    const auto line = data.substr(start, eol - start);
    start = eol + 1;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    const auto key = line.substr(0, tab);
    std::string value = unescape(line.substr(tab + 1));
    if (key == "path") f.path = std::move(value);
    else if (key == "title") f.title = std::move(value);
    else if (key == "source") f.source = std::move(value);
    else if (key == "source_name") f.source_name = std::move(value);
    else if (key == "date") f.date = std::move(value);
    else if (key == "date_origin") f.date_origin = std::move(value);
    else if (key == "lang") f.lang = std::move(value);
    else if (key == "url") f.url = std::move(value);
    else if (key == "countries") f.countries = list(value);
    else if (key == "officials") f.officials = list(value);
    else if (key == "conversion") f.conversion = std::move(value);
    else if (key == "body") f.body = std::move(value);
  }
  return f;
}

}  // namespace iran::index
