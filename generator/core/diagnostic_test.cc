#include "core/diagnostic.h"

#include <thread>

#include <catch2/catch.hpp>

using namespace kb;

TEST_CASE("a diagnostic formats as path:line:col with the line echoed and a caret") {
  Diagnostic d{Severity::kError, "notes/f1.md", 12, 5, "unknown wikilink target", "see [[F-1]]"};
  CHECK(d.format() == "notes/f1.md:12:5: error: unknown wikilink target\n    see [[F-1]]\n        ^\n");
  Diagnostic w{Severity::kWarning, "site.toml", 0, 0, "odd", ""};
  CHECK(w.format() == "site.toml: warning: odd\n");
}

TEST_CASE("diagnostics collect from many threads and sort by place") {
  Diagnostics diags;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) diags.warning("f" + std::to_string(t), i + 1, 1, "w");
    });
  for (auto& th : threads) th.join();
  diags.error("a", 1, 1, "e");
  CHECK(diags.warning_count() == 400);
  CHECK(diags.error_count() == 1);
  auto sorted = diags.sorted();
  CHECK(sorted.front().path == "a");
  CHECK(sorted[1].line == 1);
}

TEST_CASE("line_of returns one line without its newline") {
  CHECK(line_of("a\nb\r\nc", 2) == "b");
  CHECK(line_of("a\nb", 3) == "");
}
