// Work on several threads, results in order: job i of 0..count-1 runs on some worker
// thread, and the one consumer takes the results back as 0, 1, 2, ... whatever order
// they finished in. The build reads and analyses files this way while a single thread
// writes them, so the index is the same whatever the number of workers.
//
// At most `window` results wait ahead of the consumer (memory stays bounded however
// fast the workers are). With one thread no thread is started: take(i) runs job i in
// the caller, so a single-threaded run is the same code path without the threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace iran::util {

template <class Result>
class OrderedPool {
 public:
  // work(index, worker) computes job `index` on worker number `worker` (0..threads-1):
  // per-worker state (a document builder) is indexed by it. An exception thrown by a
  // job is rethrown by take() for that job.
  using Work = std::function<Result(std::size_t index, std::size_t worker)>;

  OrderedPool(std::size_t count, std::size_t threads, std::size_t window, Work work)
      : count_(count), window_(window < 1 ? 1 : window), work_(std::move(work)), slots_(window_) {
    if (threads <= 1) return;
    for (std::size_t w = 0; w < threads && w < count; ++w) threads_.emplace_back([this, w] { run(w); });
  }

  ~OrderedPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    room_.notify_all();
    for (auto& t : threads_) t.join();
  }

  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // The result of job `index`; call with 0, 1, 2, ... in turn, each once.
  Result take(std::size_t index) {
    if (threads_.empty()) return work_(index, 0);
    Slot slot;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      Slot& mine = slots_[index % window_];
      ready_.wait(lock, [&] { return mine.done; });
      slot = std::move(mine);
      mine = Slot{};
      taken_ = index + 1;
    }
    room_.notify_all();
    if (slot.error) std::rethrow_exception(slot.error);
    return std::move(*slot.result);
  }

  std::size_t threads() const { return threads_.empty() ? 1 : threads_.size(); }

 private:
  struct Slot {
    bool done = false;
    std::optional<Result> result;
    std::exception_ptr error;
  };

  void run(std::size_t worker) {
    while (true) {
      std::size_t index;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        room_.wait(lock, [&] { return stop_ || next_ >= count_ || next_ < taken_ + window_; });
        if (stop_ || next_ >= count_) return;
        index = next_++;
      }
      Slot slot;
      try {
        slot.result.emplace(work_(index, worker));
      } catch (...) {
        slot.error = std::current_exception();
      }
      slot.done = true;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        slots_[index % window_] = std::move(slot);
      }
      ready_.notify_all();
    }
  }

  const std::size_t count_;
  const std::size_t window_;
  Work work_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::vector<Slot> slots_;  // a ring: job i waits in slot i % window
  std::size_t next_ = 0, taken_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace iran::util
