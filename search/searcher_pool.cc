#include "search/searcher_pool.h"

#include <algorithm>

#include "search/site_search.h"

namespace kb::search {

namespace fs = std::filesystem;

SearcherPool::SearcherPool(fs::path index_dir, unsigned size, std::function<std::string()> check)
    : dir_(std::move(index_dir)), check_(std::move(check)) {
  for (unsigned i = 0; i < std::max(1u, size); ++i) {
    slots_.push_back(std::make_unique<Slot>());
    free_.push_back(slots_.back().get());
  }
}

SearcherPool::Lease::~Lease() {
  if (!pool_) return;
  std::lock_guard<std::mutex> lock(pool_->mutex_);
  if (pool_->waiting_.empty()) {
    pool_->free_.push_back(slot_);
    return;
  }
  Waiter* first = pool_->waiting_.front();
  pool_->waiting_.pop_front();
  first->slot = slot_;
  first->ready.notify_one();
}

SearcherPool::Lease SearcherPool::lend() {
  Slot* slot;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!free_.empty() && waiting_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      Waiter me;
      waiting_.push_back(&me);
      me.ready.wait(lock, [&] { return me.slot != nullptr; });
      slot = me.slot;
    }
  }
  Lease lease(this, slot);
  // Glass replaces iamglass at each commit, and a rebuilt database is a new
  // folder: either gives the version file a new identity.
  auto list = file::identify(dir_ / "pages.idx");
  auto version = file::identify(dir_ / "db" / "iamglass");
  if (slot->searcher && list && version && slot->list == list && slot->version == version) return lease;
  slot->searcher.reset();
  if (check_) {
    lease.error_ = check_();
    if (!lease.error_.empty()) return lease;
  }
  if (!sync_database(dir_, lease.error_)) return lease;
  // Identities read after the sync and before opening: a change in between
  // reopens at the next search.
  slot->list = file::identify(dir_ / "pages.idx");
  slot->version = file::identify(dir_ / "db" / "iamglass");
  slot->searcher = Searcher::open(dir_ / "db", lease.error_);
  std::lock_guard<std::mutex> lock(mutex_);
  ++opened_;
  return lease;
}

size_t SearcherPool::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_.size();
}

size_t SearcherPool::opened() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return opened_;
}

}  // namespace kb::search
