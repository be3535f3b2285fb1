// A fixed set of threads for rounds of independent jobs, the caller's thread among them.
// Unlike OrderedPool (a stream of jobs whose results come back in order), a round is a
// barrier: run() returns once every job of it has finished.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace iran::util {

// Threads kept for many rounds of small jobs (the corpus walk: a corpus of 10,000
// folders is hundreds of rounds, so threads are not started per round). Each round runs
// job(0) .. job(count - 1) on them and on the caller's thread, and the first exception a
// job throws is rethrown by run() once the round has stopped. Threads that cannot be
// started are done without: `threads` is at most how many run, and jobs must not depend
// on which thread runs them.
class JobPool {
 public:
  explicit JobPool(unsigned threads) {
    for (unsigned i = 1; i < threads; ++i) {
      try {
        helpers_.emplace_back([this] { serve(); });
      } catch (const std::system_error&) {
        break;
      }
    }
  }
  ~JobPool() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : helpers_) t.join();
  }
  JobPool(const JobPool&) = delete;
  JobPool& operator=(const JobPool&) = delete;

  void run(std::size_t count, const std::function<void(std::size_t)>& job) {
    if (count < 2 || helpers_.empty()) {
      for (std::size_t i = 0; i < count; ++i) job(i);
      return;
    }
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      job_ = &job;
      count_ = count;
      next_ = 0;
      busy_ = helpers_.size();
      failure_ = nullptr;
      ++round_;
    }
    wake_.notify_all();
    work();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return busy_ == 0; });
    job_ = nullptr;
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
  }

 private:
  // Takes jobs of the current round until none is left.
  void work() {
    for (std::size_t i; (i = next_.fetch_add(1)) < count_;) {
      try {
        (*job_)(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
        next_ = count_;
      }
    }
  }
  void serve() {
    std::uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || round_ != seen; });
        if (stopping_) return;
        seen = round_;
      }
      work();
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (--busy_ == 0) done_.notify_one();
      }
    }
  }

  std::vector<std::thread> helpers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(std::size_t)>* job_ = nullptr;
  std::size_t count_ = 0;
  std::atomic<std::size_t> next_{0};
  std::size_t busy_ = 0;  // helpers still in the current round
  std::uint64_t round_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;
};

}  // namespace iran::util
