#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>

#include "util/ordered_pool.h"

using iran::util::OrderedPool;

TEST_CASE("results come back in job order whatever order the workers finish in") {
  for (std::size_t threads : {1, 2, 5}) {
    std::atomic<int> running{0}, most{0};
    OrderedPool<std::size_t> pool(200, threads, 7, [&](std::size_t i, std::size_t worker) {
      CHECK(worker < threads);
      const int now = ++running;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      // Later jobs finish first now and then.
      if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
      --running;
      return i * i;
    });
    for (std::size_t i = 0; i < 200; ++i) CHECK(pool.take(i) == i * i);
    CHECK(most.load() <= static_cast<int>(threads));
  }
}

TEST_CASE("at most `window` results wait ahead of the consumer") {
  std::atomic<std::size_t> started{0};
  OrderedPool<int> pool(100, 3, 4, [&](std::size_t, std::size_t) {
    ++started;
    return 1;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(started.load() <= 4);
  for (std::size_t i = 0; i < 10; ++i) pool.take(i);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(started.load() <= 14);
}

TEST_CASE("a job's exception is rethrown by take() for that job, the others go on") {
  for (std::size_t threads : {1, 3}) {
    OrderedPool<int> pool(10, threads, 4, [](std::size_t i, std::size_t) {
      if (i == 3) throw std::runtime_error("job 3");
      return static_cast<int>(i);
    });
    for (std::size_t i = 0; i < 10; ++i) {
      if (i == 3)
        CHECK_THROWS_WITH(pool.take(i), "job 3");
      else
        CHECK(pool.take(i) == static_cast<int>(i));
    }
  }
}

TEST_CASE("a pool left before its results are taken stops its workers") {
  std::atomic<std::size_t> done{0};
  {
    OrderedPool<int> pool(1000, 2, 8, [&](std::size_t, std::size_t) {
      ++done;
      return 0;
    });
    pool.take(0);
  }
  CHECK(done.load() < 1000);
}
