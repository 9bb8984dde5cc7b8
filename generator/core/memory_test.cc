#include "core/memory.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <vector>

TEST_CASE("memory: freed memory can be given back with whichever allocator runs") {
  kb::memory::prepare_long_session();
  {
    std::vector<std::unique_ptr<char[]>> blocks;
    for (int i = 0; i < 1000; ++i) blocks.emplace_back(new char[4096]);
  }
  kb::memory::release_free();
  // The tests link no allocator of their own: glibc's.
  CHECK(std::strcmp(kb::memory::allocator(), "glibc") == 0);
}

TEST_CASE("memory: what is kept until exit is moved there and never destroyed") {
  static int destroyed = 0;
  struct Counted {
    std::vector<int> data;
    bool moved_from = false;
    Counted() = default;
    Counted(Counted&& o) noexcept : data(std::move(o.data)) { o.moved_from = true; }
    ~Counted() { destroyed += !moved_from; }
  };
  {
    Counted c;
    c.data.assign(1000, 7);
    kb::memory::keep_until_exit(std::move(c));
    CHECK(c.data.empty());  // its contents went with it
  }
  CHECK(destroyed == 0);  // the local was a moved-from shell; the kept one lives on
}
