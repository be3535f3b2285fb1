// A one-line progress bar on stderr for long builds: files done / total, rate, ETA.
#pragma once

#include <chrono>
#include <cstddef>

namespace iran::indexer {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  void update(std::size_t done, std::size_t total);
  void clear();  // before any other line is printed, and at the end

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace iran::indexer
