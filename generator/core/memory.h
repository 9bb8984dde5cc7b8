// Memory: what a long-running kb (serve --watch) does to give freed heap
// memory back, whichever allocator the binary was linked with. The kb binary
// links mimalloc when it was found at configure time (CMakeLists.txt: a
// third less build time than glibc's malloc, whose arenas and consolidation
// were a quarter of a build's CPU); tests and sanitizer builds use glibc's.
//
// Contract: both calls are safe with either allocator and from any thread.
#pragma once

#include <memory>
#include <utility>

namespace kb::memory {

namespace detail {
void keep(std::shared_ptr<void> value);
}  // namespace detail

// Keeps `value` until the process exits, never destroying it: for what a
// process built just before it exits (kb build), whose destruction object by
// object (about 30 ms of a 10,000-note site's build) exit() skips. Reachable
// from a global, so leak checkers do not report it.
template <class T>
void keep_until_exit(T value) {
  detail::keep(std::make_shared<T>(std::move(value)));
}

// Before the threads of a long-lived process start: glibc keeps an arena
// per thread and what each frees, so a few arenas only; mimalloc gives free
// pages back at once instead of after a delay.
void prepare_long_session();
// After a rebuild: return what is free to the system.
void release_free();
// "mimalloc" or "glibc": the allocator in use.
const char* allocator();

}  // namespace kb::memory
