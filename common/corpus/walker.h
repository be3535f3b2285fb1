// Lists the article files of a corpus: sorted, with what incremental builds compare.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace iran::corpus {

// Articles are the input kinds of corpus/input_kind.h (*.txt, pages, feeds, dumps);
// FILE.meta beside one holds its metadata (a sidecar).
inline constexpr std::string_view kArticleExtension = ".txt";
inline constexpr std::string_view kSidecarExtension = ".meta";

struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

struct CorpusFile {
  std::string relative_path;  // '/'-separated, relative to the corpus root: the article's ID
  std::filesystem::path path;
  FileStamp stamp;
  bool has_sidecar = false;
  FileStamp sidecar_stamp;
};

struct WalkProblem {
  std::string path;
  std::string problem;
};

struct WalkResult {
  std::vector<CorpusFile> files;  // sorted by relative_path, so runs are deterministic
  std::vector<WalkProblem> problems;
  // Regular files that are no input (a .pdf, a .docx; sidecars are not counted):
  // relative paths, sorted, for the summary's "skipped 12 (.pdf 10, .docx 2)".
  std::vector<std::string> ignored;
};

// Throws std::runtime_error when root is not a readable directory. Hidden files and
// folders (".name") are skipped; symlinked folders are not followed (no loops).
WalkResult walk_corpus(const std::filesystem::path& root);

}  // namespace iran::corpus
