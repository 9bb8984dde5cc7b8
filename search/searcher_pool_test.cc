#include "search/searcher_pool.h"

#include <unistd.h>

#include <atomic>
#include <mutex>
#include <catch2/catch.hpp>
#include <thread>

#include "search/site_search.h"

namespace fs = std::filesystem;
using kb::search::IndexEntry;
using kb::search::SearcherPool;

namespace {

struct Index {
  fs::path dir = fs::temp_directory_path() / ("kb-searcher-pool-" + std::to_string(::getpid())) / ".kb-index";
  Index() { fs::remove_all(dir.parent_path()); }
  ~Index() { fs::remove_all(dir.parent_path()); }
  void write(const std::string& word, int pages) {
    std::vector<std::string> ids, bytes;
    for (int i = 0; i < pages; ++i) {
      IndexEntry e;
      e.id = "p" + std::to_string(i) + ".md";
      e.url = "p" + std::to_string(i) + ".html";
      e.title = "Page " + std::to_string(i);
      e.text = word + " record " + std::to_string(i);
      ids.push_back(e.id);
      bytes.push_back(kb::search::serialize_entry(e));
    }
    std::string error;
    REQUIRE(kb::search::write_pages(dir, {}, ids, bytes, error));
  }
};

size_t hits(SearcherPool& pool, const std::string& query) {
  auto s = pool.lend();
  INFO(s.error());
  REQUIRE(s);
  kb::search::SearchOptions o;
  o.query = query;
  return s->search(o).total;
}

}  // namespace

TEST_CASE("searcher pool: a searcher stays open between searches while the index is unchanged") {
  Index index;
  index.write("shards", 5);
  SearcherPool pool(index.dir, 2);
  CHECK(hits(pool, "shards") == 5);
  CHECK(hits(pool, "shards") == 5);
  CHECK(hits(pool, "record") == 5);
  CHECK(pool.opened() == 1);
}

TEST_CASE("searcher pool: a new page list is searched at once, its database built first") {
  Index index;
  index.write("shards", 5);
  SearcherPool pool(index.dir, 1);
  CHECK(hits(pool, "shards") == 5);
  index.write("partitions", 3);
  CHECK(hits(pool, "partitions") == 3);
  CHECK(hits(pool, "shards") == 0);
  CHECK(pool.opened() == 2);
}

TEST_CASE("searcher pool: no index gives an empty lease with a message, and frees its slot") {
  Index index;
  SearcherPool pool(index.dir, 1);
  {
    auto s = pool.lend();
    CHECK_FALSE(s);
    CHECK(s.error().find("kb build") != std::string::npos);
  }
  index.write("shards", 2);
  CHECK(hits(pool, "shards") == 2);  // the slot came back
}

TEST_CASE("searcher pool: at most its size of searches at once") {
  Index index;
  index.write("shards", 5);
  SearcherPool pool(index.dir, 2);
  std::atomic<int> now{0}, most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto s = pool.lend();
        int n = ++now;
        int m = most.load();
        while (n > m && !most.compare_exchange_weak(m, n)) {}
        kb::search::SearchOptions o;
        o.query = "record";
        CHECK(s->search(o).total == 5);
        --now;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(most.load() <= 2);
  CHECK(pool.opened() <= 2);
}

TEST_CASE("searcher pool: searches waiting for a slot get it in the order they came") {
  Index index;
  index.write("shards", 3);
  SearcherPool pool(index.dir, 1);
  std::vector<int> order;
  std::mutex order_mutex;
  std::vector<std::thread> threads;
  {
    auto held = pool.lend();
    REQUIRE(held);
    for (int t = 0; t < 5; ++t) {
      threads.emplace_back([&, t] {
        auto s = pool.lend();
        std::lock_guard<std::mutex> lock(order_mutex);
        order.push_back(t);
      });
      while (pool.waiting() < static_cast<size_t>(t + 1)) std::this_thread::yield();  // t is in the queue
    }
  }  // the held slot goes to the first waiter, and so on
  for (auto& t : threads) t.join();
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
}
