// Searchers for a server's worker threads: one Xapian::Database (and analyzer, whose
// Xapian::Stem is not safe to share across threads) per concurrent request, opened once
// and reused, always on the newest committed revision of the newest index generation.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "index/searcher.h"

namespace iran::entities { class Gazetteer; }

namespace iran::searcher {

class SearcherPool {
  struct Slot;

 public:
  // `cache_dir`: where the searchers keep facet tables for other processes
  // (Searcher::set_cache_dir; empty: in memory only).
  SearcherPool(std::filesystem::path db, const entities::Gazetteer& gazetteer, std::filesystem::path cache_dir = {});
  ~SearcherPool();

  // A searcher for one request; back to the pool when it goes out of scope.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Slot> slot);
    Lease(Lease&&) noexcept = default;
    ~Lease();
    index::Searcher& operator*() const;
    index::Searcher* operator->() const { return &**this; }

   private:
    SearcherPool* pool_;
    std::unique_ptr<Slot> slot_;
  };

  // Throws index::IndexError while there is no index (or an incompatible one). A build
  // that committed since the searcher's last use is picked up here: an incremental one
  // by Xapian's reopen, a `--full` one (a new generation) by opening the new one.
  Lease acquire();

  const std::filesystem::path& db() const { return db_; }

 private:
  void release(std::unique_ptr<Slot> slot);

  std::filesystem::path db_;
  const entities::Gazetteer& gazetteer_;
  std::filesystem::path cache_dir_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Slot>> idle_;
};

}  // namespace iran::searcher
