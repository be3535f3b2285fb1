#include "corpus/input_kind.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "corpus/html_reader.h"
#include "corpus/jsonl_reader.h"
#include "util/strings.h"

namespace iran::corpus {
namespace {
bool name_ends(std::string_view lower, std::string_view ext) {
  return lower.size() > ext.size() && lower.ends_with(ext);
}
// Extensions of pages a web server makes: a saved copy keeps them (or no extension).
constexpr std::array<std::string_view, 16> kServerPageExtensions = {
    "php", "php3", "php4", "php5", "phtml", "asp", "aspx", "jsp", "jspx", "shtml", "shtm", "cfm", "cgi", "pl", "do", "action"};
}  // namespace

bool sniffable_name(std::string_view filename) {
  const std::string lower = util::ascii_lower(filename);
  const auto dot = lower.rfind('.');
  if (dot == std::string::npos || dot == 0) return true;  // none (".profile" is a hidden name, not an extension)
  std::string_view ext = std::string_view(lower).substr(dot + 1);
  const bool query = ext.find_first_of("?&;=") != std::string_view::npos;
  ext = ext.substr(0, ext.find_first_of("?&;="));
  if (std::find(kServerPageExtensions.begin(), kServerPageExtensions.end(), ext) != kServerPageExtensions.end()) return true;
  if (query && (ext == "html" || ext == "htm" || ext == "xhtml")) return true;
  const bool real = !ext.empty() && ext.size() <= 5 &&
                    std::all_of(ext.begin(), ext.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
  return !real && !query;
}

bool starts_like_html(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  std::array<char, 2048> head{};
  std::size_t got = 0;
  while (got < head.size()) {
    const ssize_t n = ::read(fd, head.data() + got, head.size() - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return got > 0 && looks_like_html(std::string_view(head.data(), got));
}

std::optional<InputKind> input_kind_of(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  if (auto kind = input_kind_for(name)) return kind;
  if (sniffable_name(name) && starts_like_html(path)) return InputKind::Html;
  return std::nullopt;
}

std::optional<InputKind> input_kind_for(std::string_view filename) {
  const std::string lower = util::ascii_lower(filename);
  if (name_ends(lower, ".txt")) return InputKind::Text;
  if (name_ends(lower, ".html") || name_ends(lower, ".htm") || name_ends(lower, ".xhtml")) return InputKind::Html;
  if (name_ends(lower, ".rss") || name_ends(lower, ".atom") || name_ends(lower, ".xml")) return InputKind::Feed;
  if (is_jsonl_name(lower)) return InputKind::Dump;
  return std::nullopt;
}

std::string skip_label(std::string_view filename) {
  const std::string lower = util::ascii_lower(filename);
  const auto dot = lower.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == lower.size()) return "no extension";
  std::string ext = lower.substr(dot);
  // ".tar.gz", ".json.gz": the compressed kind says less than the pair.
  if (ext == ".gz" || ext == ".xz" || ext == ".bz2" || ext == ".zst") {
    const auto before = lower.rfind('.', dot - 1);
    if (before != std::string::npos && before > 0 && dot - before <= 6) ext = lower.substr(before);
  }
  return ext;
}

}  // namespace iran::corpus
