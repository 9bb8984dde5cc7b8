#include "code/highlighter.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "code/highlight_dist.h"
#include "core/test_temp_dir.h"
#include "math/katex_renderer.h"

using namespace kb::code;
namespace fs = std::filesystem;

namespace {

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

HighlightOptions options(const fs::path& cache = {}) {
  HighlightOptions o;
  o.node = kb::math::default_node();
  o.cache_dir = cache;
  return o;
}

}  // namespace

TEST_CASE("highlight.js is compiled in", "[code]") {
  const HighlightDist& d = highlight_dist();
  REQUIRE_FALSE(d.version.empty());
  CHECK(d.scripts.size() == 3);
  CHECK_FALSE(d.batch_script.empty());
}

TEST_CASE("every language the guide promises is highlighted, aliases too", "[code]") {
  std::vector<CodeRequest> blocks = {
      {"python", "def f(x):\n    return x + 1  # one\n"},
      {"py", "import os\n"},
      {"bash", "for f in *.md; do echo \"$f\"; done\n"},
      {"sh", "export A=1\n"},
      {"json", "{\"a\": [1, true, null]}\n"},
      {"yaml", "key: value\nlist:\n  - 1\n"},
      {"toml", "[table]\nkey = \"v\"\n"},
      {"sql", "SELECT a FROM t WHERE b = 1;\n"},
      {"javascript", "const x = () => 1;\n"},
      {"ts", "let n: number = 1;\n"},
      {"c", "int main(void) { return 0; }\n"},
      {"cpp", "template <class T> T f(T x) { return x; }\n"},
      {"java", "public class A { }\n"},
      {"go", "func main() { fmt.Println(1) }\n"},
      {"rust", "fn main() { let x = 1; }\n"},
      {"scala", "object A { def f(x: Int) = x }\n"},
      {"r", "x <- c(1, 2)\n"},
      {"dockerfile", "FROM debian:12\nRUN apt-get update\n"},
      {"html", "<div class=\"a\">x</div>\n"},
      {"css", ".a { color: red; }\n"},
      {"markdown", "# Title\n*em*\n"},
  };
  HighlightBatch b = highlight_code(blocks, options());
  INFO(b.problem);
  REQUIRE(b.highlighted);
  REQUIRE(b.results.size() == blocks.size());
  for (size_t i = 0; i < blocks.size(); ++i) {
    INFO(blocks[i].language);
    CHECK_FALSE(b.results[i].plain);
    CHECK(has(b.results[i].html, "<span class=\"hljs-"));
  }
  CHECK(b.node_runs == 1);
}

TEST_CASE("unknown languages are plain and code is escaped", "[code]") {
  HighlightBatch b = highlight_code({{"no-such-language", "x"}, {"", "y"}, {"html", "</pre><script>alert(1)</script>"}},
                                    options());
  REQUIRE(b.highlighted);
  CHECK(b.results[0].plain);
  CHECK(b.results[1].plain);
  CHECK_FALSE(has(b.results[2].html, "<script>"));
  CHECK_FALSE(has(b.results[2].html, "</pre>"));
  CHECK(has(b.results[2].html, "&lt;/"));
}

TEST_CASE("results are cached across runs and node is not needed for hits", "[code]") {
  kb::testing::TempDir dir("kb-code", "cache");
  std::vector<CodeRequest> blocks = {{"python", "x = 1\n"}, {"python", "x = 1\n"}, {"sql", "SELECT 1;\n"}};
  HighlightBatch first = highlight_code(blocks, options(dir.path));
  REQUIRE(first.highlighted);
  CHECK(first.unique == 2);
  CHECK(first.cache_hits == 0);
  HighlightOptions no_node = options(dir.path);
  no_node.node = "/nonexistent/node";
  HighlightBatch second = highlight_code(blocks, no_node);
  REQUIRE(second.highlighted);
  CHECK(second.cache_hits == 2);
  CHECK(second.node_runs == 0);
  CHECK(second.results[0].html == first.results[0].html);
}

TEST_CASE("without node, highlighting is off and says why", "[code]") {
  HighlightOptions o = options();
  o.node = "/nonexistent/node";
  HighlightBatch b = highlight_code({{"python", "x = 2\n"}}, o);
  CHECK_FALSE(b.highlighted);
  CHECK(has(b.problem, "node"));
}
