// Code blocks end to end: a 10,000-line block builds and is highlighted
// (its time is a benchmark figure in the README, not asserted here), code
// that looks like HTML stays text, and the highlighting cache serves the
// next build without node.
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::slurp;

TEST_CASE("a ten-thousand-line code block and hostile code build highlighted and escaped") {
  fs::path root = kb::testing::scratch_path("kb-code", "vault");
  fs::create_directories(root / "notes");
  {
    std::ofstream big(root / "notes" / "big.md");
    big << "# Big\n\n```python\n";
    for (int i = 0; i < 10000; ++i) big << "value_" << i << " = compute(" << i << ")  # step " << i << "\n";
    big << "```\n";
    std::ofstream hostile(root / "notes" / "hostile.md");
    hostile << "# Hostile\n\n```html\n</code></pre><script>alert(1)</script>\n```\n\n"
               "```python\nx = '</pre><img src=x onerror=alert(1)>'\n```\n";
  }
  fs::path cache = root / "cache";
  fs::path out = root / "site";
  Run build = kb::testing::run_kb_env(root, {{"XDG_CACHE_HOME", cache.string()}},
                                      "build --strict --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  std::string big = slurp(out / "big.html");
  CHECK(kb::testing::count(big, "<span class=\"hljs-comment\">") == 10000);
  std::string hostile = slurp(out / "hostile.html");
  CHECK(hostile.find("<script>alert") == std::string::npos);
  CHECK(hostile.find("<img src=x") == std::string::npos);
  CHECK(kb::testing::count(hostile, "</pre>") == 2);  // its two blocks' own
  // From the cache, with no node at all.
  Run again = kb::testing::run_kb_env(root, {{"XDG_CACHE_HOME", cache.string()}, {"KB_NODE", "/nonexistent"}},
                                      "build --strict --out '" + out.string() + "'");
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK(slurp(out / "big.html") == big);
}
