#include "core/memory.h"

#include <malloc.h>

// mimalloc's, when the binary is linked with it (weak: absent otherwise).
extern "C" void mi_collect(bool force) __attribute__((weak));

namespace kb::memory {

void limit_arenas() {
  if (!mi_collect) mallopt(M_ARENA_MAX, 2);
}

void release_free() {
  if (mi_collect) mi_collect(true);
  else malloc_trim(0);
}

const char* allocator() { return mi_collect ? "mimalloc" : "glibc"; }

}  // namespace kb::memory
