// SearcherPool: open Searchers of one site's search index, kept between
// searches, for a server answering many at once.
//
// Opening the index per search (its page list's stamp, the database's stamp,
// then the database) was most of a served search's cost; a pool keeps
// `size` Searchers open and lends one per search.
//
// Contract:
// - lend() waits until one of the `size` slots is free, so at most `size`
//   searches run at once (the rest wait their turn instead of sharing the
//   CPU: on 2 cores, 64 at once had a p99 of 0.6 s). Waiters are served in
//   the order they came (a freed slot is handed to the first of them, whose
//   thread alone is woken): with a condition variable's free-for-all, some
//   searches waited many turns while others took theirs.
// - A lent Searcher reads the index as it is now: before lending, the slot
//   compares the identity (file::identify) of pages.idx and of the
//   database's version file with those it was opened at, and reopens
//   through open_site_search() (which builds the database when the page list
//   is newer) when either changed. A stat or two per search, no read.
// - `check` (optional) is asked before each open: a message it returns is
//   the Lease's error instead (kb serve: the index is of another build).
// - A Lease that is empty carries the error (no index yet, unreadable); the
//   slot is free again either way when the Lease goes.
// - Thread-safe; never throws.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/file.h"
#include "search/searcher.h"

namespace kb::search {

class SearcherPool {
  struct Slot {
    std::unique_ptr<Searcher> searcher;
    std::optional<file::FileId> list, version;  // as when opened
  };

 public:
  SearcherPool(std::filesystem::path index_dir, unsigned size, std::function<std::string()> check = {});

  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), slot_(other.slot_) { other.pool_ = nullptr; }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    explicit operator bool() const { return slot_->searcher != nullptr; }
    Searcher& operator*() const { return *slot_->searcher; }
    Searcher* operator->() const { return slot_->searcher.get(); }
    const std::string& error() const { return error_; }

   private:
    friend class SearcherPool;
    Lease(SearcherPool* pool, Slot* slot) : pool_(pool), slot_(slot) {}
    SearcherPool* pool_;
    Slot* slot_;
    std::string error_;
  };

  Lease lend();
  // Searchers opened so far (each open or reopen counts), searches waiting
  // for a slot: for tests.
  size_t opened() const;
  size_t waiting() const;

 private:
  std::filesystem::path dir_;
  std::function<std::string()> check_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<Slot*> free_;
  struct Waiter {
    std::condition_variable ready;
    Slot* slot = nullptr;  // handed over by a Lease going
  };
  std::deque<Waiter*> waiting_;
  size_t opened_ = 0;
};

}  // namespace kb::search
