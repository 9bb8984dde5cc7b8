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

TEST_CASE("a long line echoes a window around the column, with the caret under it") {
  std::string line = std::string(300, 'a') + "[[Missing]]" + std::string(300, 'b');
  Echo e = echo_of("first\n" + line + "\nlast", 2, 301);
  CHECK(e.text.size() <= kEchoWidth + 6);
  CHECK(e.text.rfind("...", 0) == 0);
  CHECK(e.text.substr(e.text.size() - 3) == "...");
  CHECK(e.text.substr(e.column - 1, 11) == "[[Missing]]");
  Diagnostics diags;
  diags.warning("n.md", 2, 301, "broken", e);
  std::string out = diags.report();
  // The caret sits under the first '[' of the window.
  size_t echo = out.find("    ..."), caret = out.find('^');
  REQUIRE(echo != std::string::npos);
  REQUIRE(caret != std::string::npos);
  size_t echo_col = out.find("[[Missing]]", echo) - echo;
  size_t caret_col = caret - (out.rfind('\n', caret) + 1);
  CHECK(caret_col == echo_col);
  // A short line is echoed whole; a long one given whole is cut by add().
  CHECK(echo_of("short line", 1, 3).text == "short line");
  CHECK(echo_of("short line", 1, 3).column == 3);
  diags.warning("n.md", 2, 5, "whole line given", line);
  CHECK(diags.sorted()[0].source_line.size() <= kEchoWidth + 6);
  // Near the start or the end, the window is cut on one side only.
  CHECK(echo_of(line, 1, 1).text.rfind("aaa", 0) == 0);
  CHECK(echo_of(line, 1, static_cast<int>(line.size())).text.substr(0, 3) == "...");
  // A window never splits a UTF-8 character.
  std::string wide;
  for (int i = 0; i < 200; ++i) wide += "\xC3\xA9";
  Echo w = echo_of(wide, 1, 201);
  CHECK((static_cast<unsigned char>(w.text[3]) & 0xC0) != 0x80);
}

TEST_CASE("thousands of warnings on one long line: memory in proportion to them, and a few lines shown per file") {
  std::string line;
  for (int i = 0; i < 20000; ++i) line += "[[Missing " + std::to_string(i) + "]] ";
  Diagnostics diags;
  for (int i = 0; i < 20000; ++i) diags.warning("big.md", 1, 1 + i * 16, "broken link", echo_of(line, 1, 1 + i * 16));
  diags.warning("other.md", 3, 1, "one more");
  size_t bytes = 0;
  for (const auto& d : diags.sorted()) bytes += d.source_line.size();
  CHECK(bytes <= 20001 * (kEchoWidth + 6));
  std::string out = diags.report();
  CHECK(out.size() < 100 * 1000);
  CHECK(out.find("big.md: warning: 19950 more warnings in this file not shown") != std::string::npos);
  CHECK(out.find("other.md:3:1: warning: one more") != std::string::npos);
  CHECK(diags.warning_count() == 20001);
}
