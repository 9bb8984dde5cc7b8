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
