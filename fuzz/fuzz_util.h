// Helpers shared by the libFuzzer targets in fuzz/ (fuzz/README.md).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "content/page.h"
#include "core/diagnostic.h"

namespace kb::fuzz {

// A fuzz target's own scratch folder, made once per process under the
// system's temp folder (never inside the repository) and removed at exit.
inline const std::filesystem::path& temp_dir() {
  static const std::filesystem::path dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "kb-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
      std::perror("mkdtemp");
      std::abort();
    }
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(temp_dir(), ec);
    });
    return std::filesystem::path(pattern);
  }();
  return dir;
}

// True when a warning of `diags` says its note is left out of the site
// (kb::kLeftOut ends its message; the echoed line may hold any text).
inline bool says_left_out(const kb::Diagnostics& diags) {
  const std::string_view tail(kb::kLeftOut);
  for (const auto& d : diags.sorted())
    if (d.severity == kb::Severity::kWarning && d.message.size() >= tail.size() &&
        d.message.compare(d.message.size() - tail.size(), tail.size(), tail) == 0)
      return true;
  return false;
}

// Fails the run (libFuzzer reports a crash and keeps the input) when a
// contract the target checks does not hold.
#define KB_FUZZ_CHECK(cond)                                                             \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

// Takes the first byte of the input as option bits (0 for an empty input).
inline unsigned take_flags(std::string_view& in) {
  if (in.empty()) return 0;
  unsigned f = static_cast<unsigned char>(in[0]);
  in.remove_prefix(1);
  return f;
}

}  // namespace kb::fuzz
