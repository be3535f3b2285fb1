#include "searcher/searcher_pool.h"

#include "index/layout.h"
#include "index/store.h"
#include "text/analyzer.h"

namespace fs = std::filesystem;

namespace iran::searcher {

struct SearcherPool::Slot {
  std::string generation;  // what the index stub named when the searcher was opened (index/layout.h)
  text::Analyzer analyzer;
  std::unique_ptr<index::Searcher> searcher;
};

SearcherPool::SearcherPool(fs::path db, const entities::Gazetteer& gazetteer, fs::path cache_dir)
    : db_(std::move(db)), gazetteer_(gazetteer), cache_dir_(std::move(cache_dir)) {}

SearcherPool::~SearcherPool() = default;

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<Slot> slot) : pool_(&pool), slot_(std::move(slot)) {}

SearcherPool::Lease::~Lease() {
  if (slot_) pool_->release(std::move(slot_));
}

index::Searcher& SearcherPool::Lease::operator*() const { return *slot_->searcher; }

SearcherPool::Lease SearcherPool::acquire() {
  const auto generation = index::published_state(db_);
  if (!generation) throw index::IndexError("no index at " + db_.string() + ": run `iranidx build` first");
  std::unique_ptr<Slot> slot;
  {
    std::lock_guard lock(mutex_);
    while (!idle_.empty() && !slot) {
      slot = std::move(idle_.back());
      idle_.pop_back();
      // A searcher on a generation that a full rebuild replaced is closed, not reused.
      if (slot->generation != *generation) slot.reset();
    }
  }
  if (slot) {
    try {
      slot->searcher->reopen();
    } catch (const Xapian::Error&) {
      slot.reset();  // its files went away under it: open afresh below
    }
  }
  if (!slot) {
    slot = std::make_unique<Slot>();
    slot->generation = *generation;
    slot->searcher = std::make_unique<index::Searcher>(db_, gazetteer_, slot->analyzer);
    slot->searcher->set_cache_dir(cache_dir_);
  }
  return Lease(*this, std::move(slot));
}

void SearcherPool::release(std::unique_ptr<Slot> slot) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(slot));
}

}  // namespace iran::searcher
