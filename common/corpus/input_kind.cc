#include "corpus/input_kind.h"

#include "corpus/jsonl_reader.h"
#include "util/strings.h"

namespace iran::corpus {
namespace {
bool name_ends(std::string_view lower, std::string_view ext) {
  return lower.size() > ext.size() && lower.ends_with(ext);
}
}  // namespace

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
