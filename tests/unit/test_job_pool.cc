#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "util/job_pool.h"

using iran::util::JobPool;

TEST_CASE("every job of every round runs once, on as many threads as asked at most") {
  for (const unsigned threads : {1u, 2u, 4u}) {
    JobPool pool(threads);
    for (const std::size_t count : {0u, 1u, 2u, 7u, 1000u}) {
      std::vector<std::atomic<int>> runs(count);
      std::atomic<int> running{0}, most{0};
      pool.run(count, [&](std::size_t i) {
        const int now = ++running;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        ++runs[i];
        --running;
      });
      for (const auto& r : runs) CHECK(r.load() == 1);  // and all done when run() returns
      CHECK(most.load() <= static_cast<int>(threads));
    }
  }
}

TEST_CASE("a job's exception is rethrown once its round stops, and the pool runs the next round") {
  JobPool pool(3);
  std::atomic<int> ran{0};
  CHECK_THROWS_WITH(pool.run(100,
                             [&](std::size_t i) {
                               ++ran;
                               if (i == 10) throw std::runtime_error("job 10 failed");
                             }),
                    "job 10 failed");
  CHECK(ran.load() <= 100);
  std::atomic<int> next{0};
  pool.run(50, [&](std::size_t) { ++next; });
  CHECK(next.load() == 50);
}
