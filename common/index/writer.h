// The incremental build: brings a Xapian database in line with a corpus directory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "corpus/reader.h"

namespace iran::entities { class Gazetteer; }
namespace iran::text { class Analyzer; }

namespace iran::index {

// The build could not run at all (missing corpus, unwritable index). A build that
// finds another one running throws BusyError (index/store.h) instead.
struct BuildError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct BuildOptions {
  std::filesystem::path corpus = "corpus";
  std::filesystem::path db = "index";
  std::size_t batch_size = 1000;  // documents per commit: bounds memory and lost work
  std::uintmax_t max_file_bytes = corpus::kDefaultMaxFileBytes;
  bool full = false;         // rebuild into a new generation and swap it in at the end
  double wait_seconds = 0;   // how long to wait for another build to finish
};

struct FileFailure {
  std::string path;  // as the user gave the corpus root, plus the relative path
  std::string problem;
};

// A file indexed after decoding from another encoding: worth a warning, not a failure.
struct FileConversion {
  std::string path;
  std::string encoding;
};

struct BuildReport {
  std::size_t added = 0, updated = 0, deleted = 0, unchanged = 0, failed = 0;
  double seconds = 0;
  bool reanalyzed = false;  // the index was built by another analyzer version: all redone
  std::vector<FileFailure> failures;
  std::vector<FileConversion> conversions;
  bool changed() const { return added + updated + deleted > 0; }
};

// Told about each file worth a message as it happens, so a long run reports early.
struct BuildObserver {
  std::function<void(const FileFailure&)> failed;
  std::function<void(const FileConversion&)> converted;
};

BuildReport build_index(const BuildOptions& options, const entities::Gazetteer& gazetteer,
                        const text::Analyzer& analyzer, const BuildObserver& observer = {});

// "added 5, updated 0, deleted 0, unchanged 0, failed 0 in 0.12 s"
std::string summary_line(const BuildReport& report);

}  // namespace iran::index
