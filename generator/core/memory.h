// Memory: what a long-running kb (serve --watch) does to give freed heap
// memory back, whichever allocator the binary was linked with. The kb binary
// links mimalloc when it was found at configure time (CMakeLists.txt: a
// third less build time than glibc's malloc, whose arenas and consolidation
// were a quarter of a build's CPU); tests and sanitizer builds use glibc's.
//
// Contract: both calls are safe with either allocator and from any thread.
#pragma once

namespace kb::memory {

// Before the threads of a long-lived process start: glibc keeps an arena
// per thread and what each frees, so a few arenas only; mimalloc gives free
// pages back at once instead of after a delay.
void prepare_long_session();
// After a rebuild: return what is free to the system.
void release_free();
// "mimalloc" or "glibc": the allocator in use.
const char* allocator();

}  // namespace kb::memory
