// Reads one corpus file into UTF-8 text, or says precisely why it cannot.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace iran::corpus {

// A file that cannot become an article; what() is one line naming the problem
// (the caller prefixes the file name).
struct FileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The file was listed but is gone when read (deleted or renamed mid-run): not a failure,
// the article is simply no longer in the corpus.
struct FileVanished : FileError {
  using FileError::FileError;
};

inline constexpr std::uintmax_t kDefaultMaxFileBytes = 64ULL << 20;
// A sidecar holds a few lines of metadata; anything bigger is a mistake, not metadata.
inline constexpr std::uintmax_t kMaxSidecarBytes = 1ULL << 20;

struct TextFile {
  std::string text;        // valid UTF-8, no BOM, LF line ends
  std::string conversion;  // how it was decoded when not plain UTF-8: "utf-16le",
                           // "windows-1256", "crlf"; empty otherwise
};

// Rejects missing, unreadable, empty, oversized, binary and damaged UTF-8 files, and
// anything that is not a regular file (a FIFO, a device: never blocks), with a FileError; converts UTF-16 (with BOM) and legacy single-byte encodings (Windows-1256
// Arabic, Latin-1, ...: ICU's detector decides) and strips a UTF-8 BOM.
TextFile read_text_file(const std::filesystem::path& path,
                        std::uintmax_t max_bytes = kDefaultMaxFileBytes);

// The decoding half of read_text_file, on bytes already in memory.
TextFile decode_text(std::string bytes);

// The text of ARTICLE.meta, or empty when there is none or it is empty; any other
// problem is a FileError naming the sidecar.
std::string read_sidecar(const std::filesystem::path& article);

}  // namespace iran::corpus
