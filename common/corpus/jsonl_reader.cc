#include "corpus/jsonl_reader.h"

#include <fcntl.h>
#include <lzma.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "corpus/reader.h"
#include "util/strings.h"

namespace iran::corpus {
namespace {

using nlohmann::json;

const json* lookup(const json& obj, std::string_view path) {
  const json* cur = &obj;
  for (const auto& part : util::split(path, '.')) {
    if (!cur->is_object()) return nullptr;
    const auto it = cur->find(part);
    if (it == cur->end()) return nullptr;
    cur = &*it;
  }
  return cur;
}

// A field as text: strings as they are, numbers as written, arrays of strings joined by
// blank lines (paragraph lists); null, objects and empty strings count as absent.
std::optional<std::string> text_field(const json& obj, const std::vector<std::string>& names, std::string* used = nullptr) {
  for (const auto& name : names) {
    const json* v = lookup(obj, name);
    if (!v) continue;
    std::string s;
    if (v->is_string()) s = v->get<std::string>();
    else if (v->is_number_integer()) s = std::to_string(v->get<long long>());
    else if (v->is_number()) s = v->dump();
    else if (v->is_array()) {
      for (const auto& item : *v)
        if (item.is_string() && !util::trim(item.get<std::string>()).empty())
          s += (s.empty() ? "" : "\n\n") + item.get<std::string>();
    }
    if (util::trim(s).empty()) continue;
    if (used) *used = name;
    return s;
  }
  return std::nullopt;
}

std::string alternatives(const std::vector<std::string>& names) { return util::join(names, "|"); }

// Reads a file in chunks, decompressing xz on the way; hands out whole lines.
class LineReader {
 public:
  LineReader(const std::filesystem::path& path, bool xz, std::size_t max_line) : xz_(xz), max_line_(max_line) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) {
      if (errno == ENOENT) throw FileVanished("disappeared while indexing");
      throw FileError(std::string("cannot open: ") + std::strerror(errno));
    }
    struct stat st;
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd_);
      throw FileError("not a regular file");
    }
    if (xz_ && lzma_stream_decoder(&strm_, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
      ::close(fd_);
      throw FileError("cannot start the xz decoder");
    }
  }
  ~LineReader() {
    if (fd_ >= 0) ::close(fd_);
    if (xz_) lzma_end(&strm_);
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // false at the end. A line longer than max_line is returned cut, with *too_long set.
  bool next(std::string& line, bool* too_long) {
    line.clear();
    *too_long = false;
    for (;;) {
      const auto nl = buffer_.find('\n', scan_from_);
      if (nl != std::string::npos) {
        line.assign(buffer_, 0, std::min(nl, max_line_));
        *too_long = nl > max_line_ || dropping_;
        buffer_.erase(0, nl + 1);
        scan_from_ = 0;
        dropping_ = false;
        return true;
      }
      scan_from_ = buffer_.size();
      if (buffer_.size() > max_line_) {
        // Keep only the head of an overlong line.
        buffer_.resize(max_line_);
        scan_from_ = max_line_;
        dropping_ = true;
      }
      if (!fill()) {
        if (buffer_.empty()) return false;
        line.swap(buffer_);
        *too_long = dropping_;
        buffer_.clear();
        scan_from_ = 0;
        dropping_ = false;
        return true;
      }
    }
  }

  std::uint64_t hash() const { return hash_; }

 private:
  bool fill() {
    char raw[1 << 16];
    if (!xz_) {
      const ssize_t n = read_raw(raw, sizeof raw);
      if (n == 0) return false;
      append(raw, static_cast<std::size_t>(n), dropping_);
      return true;
    }
    char out[1 << 16];
    if (finished_) return false;
    for (;;) {
      if (strm_.avail_in == 0 && !eof_) {
        const ssize_t n = read_raw(in_, sizeof in_);
        strm_.next_in = reinterpret_cast<const uint8_t*>(in_);
        strm_.avail_in = static_cast<std::size_t>(n);
        if (n == 0) eof_ = true;
      }
      strm_.next_out = reinterpret_cast<uint8_t*>(out);
      strm_.avail_out = sizeof out;
      const lzma_ret ret = lzma_code(&strm_, eof_ ? LZMA_FINISH : LZMA_RUN);
      const std::size_t produced = sizeof out - strm_.avail_out;
      if (produced) append(out, produced, dropping_);
      if (ret == LZMA_STREAM_END) {
        finished_ = true;
        return produced > 0;
      }
      if (ret != LZMA_OK) throw FileError(ret == LZMA_FORMAT_ERROR ? "not an xz file" : "damaged xz data");
      if (produced) return true;
      if (eof_ && strm_.avail_in == 0 && ret == LZMA_OK && produced == 0) throw FileError("truncated xz data");
    }
  }
  void append(const char* data, std::size_t n, bool dropping) {
    if (!dropping) {
      buffer_.append(data, n);
      return;
    }
    // Inside an overlong line: keep only from its end on.
    const void* nl = std::memchr(data, '\n', n);
    if (!nl) return;
    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nl) - data);
    buffer_ += '\n';
    buffer_.append(data + at + 1, n - at - 1);
    scan_from_ = 0;
  }
  ssize_t read_raw(char* buf, std::size_t size) {
    for (;;) {
      const ssize_t n = ::read(fd_, buf, size);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw FileError(std::string("read failed: ") + std::strerror(errno));
      hash_ = util::fnv1a64(std::string_view(buf, static_cast<std::size_t>(n)), hash_);
      return n;
    }
  }

  int fd_ = -1;
  bool xz_;
  std::size_t max_line_;
  lzma_stream strm_ = LZMA_STREAM_INIT;
  char in_[1 << 16];
  bool eof_ = false;
  bool finished_ = false;
  std::string buffer_;
  std::size_t scan_from_ = 0;
  bool dropping_ = false;
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::vector<std::string> JsonlMapping::fields(std::string_view alternatives) {
  std::vector<std::string> out;
  for (const auto& f : util::split(alternatives, '|'))
    if (!util::trim(f).empty()) out.emplace_back(util::trim(f));
  return out;
}

std::string JsonlMapping::fingerprint() const {
  std::string all;
  for (const auto* list : {&id, &title, &text, &date, &crawled, &source, &url, &lang}) all += alternatives(*list) + ";";
  return util::hex64(util::fnv1a64(all));
}

bool is_jsonl_name(std::string_view name) {
  const std::string lower = util::ascii_lower(name);
  for (const char* ext : {".jsonl", ".ndjson", ".jsonl.xz", ".ndjson.xz"})
    if (lower.size() > std::strlen(ext) && lower.ends_with(ext)) return true;
  return false;
}

JsonlRecord parse_jsonl_line(std::string_view line, std::size_t line_number, const JsonlMapping& mapping) {
  json obj = json::parse(line.begin(), line.end(), nullptr, false);
  if (obj.is_discarded()) {
    // Parse again with exceptions for the position of the mistake.
    try {
      const json strict = json::parse(line.begin(), line.end());
      (void)strict;
    } catch (const json::parse_error& e) {
      throw std::invalid_argument("not JSON (at byte " + std::to_string(e.byte) + ")");
    }
    throw std::invalid_argument("not JSON");
  }
  if (!obj.is_object()) throw std::invalid_argument("not a JSON object");
  JsonlRecord r;
  r.line = line_number;
  r.meta.origin = "jsonl";
  r.meta.per_item = true;
  r.meta.title = text_field(obj, mapping.title);
  if (r.meta.title) r.meta.title = collapse_space(*r.meta.title);
  // A record with only a headline is still an article (as a feed item is).
  auto text = text_field(obj, mapping.text);
  if (!text) text = r.meta.title;
  if (!text) throw EmptyRecord("no text in field " + alternatives(mapping.text) + " and no title");
  r.text = std::move(*text);
  if (auto d = text_field(obj, mapping.date)) {
    r.meta.date = normalize_page_date(*d);
    if (!r.meta.date) throw std::invalid_argument("field " + alternatives(mapping.date) + ": '" + *d + "' is not a date");
  }
  if (auto c = text_field(obj, mapping.crawled)) r.meta.crawled = normalize_page_date(*c);
  r.meta.source = text_field(obj, mapping.source);
  r.meta.url = text_field(obj, mapping.url);
  if (r.meta.url) r.meta.source_host = url_host(*r.meta.url);
  if (auto l = text_field(obj, mapping.lang)) r.meta.lang = normalize_lang_tag(*l);
  if (auto id = text_field(obj, mapping.id)) r.id = std::string(util::trim(*id));
  else if (r.meta.url) r.id = std::string(util::trim(*r.meta.url));
  else r.id = "line-" + std::to_string(line_number);
  return r;
}

JsonlStats read_jsonl(const std::filesystem::path& path, const JsonlMapping& mapping,
                      const std::function<void(JsonlRecord&&)>& emit,
                      const std::function<void(JsonlProblem&&)>& problem, std::size_t max_line_bytes) {
  const bool xz = util::ascii_lower(path.filename().string()).ends_with(".xz");
  LineReader reader(path, xz, max_line_bytes);
  JsonlStats stats;
  stats.compression = xz ? "xz" : "";
  std::string line;
  bool too_long = false;
  std::size_t number = 0;
  while (reader.next(line, &too_long)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (util::trim(line).empty()) continue;
    ++stats.lines;
    if (too_long) {
      problem({number, "line longer than " + std::to_string(max_line_bytes) + " bytes"});
      continue;
    }
    if (const auto bad = util::find_invalid_utf8(line); bad != std::string::npos) {
      problem({number, "not valid UTF-8 (at byte " + std::to_string(bad + 1) + ")"});
      continue;
    }
    try {
      emit(parse_jsonl_line(line, number, mapping));
    } catch (const EmptyRecord& e) {
      problem({number, e.what(), true});
    } catch (const std::invalid_argument& e) {
      problem({number, e.what()});
    }
  }
  stats.hash = reader.hash();
  return stats;
}

}  // namespace iran::corpus
