#include "math/katex_renderer.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "math/katex_dist.h"
#include "math/subprocess.h"

namespace fs = std::filesystem;
using namespace kb::math;

namespace {

// A fresh cache folder per test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("kb-math-" + std::to_string(::getpid()) + "-" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

bool node_available() { return run({default_node(), "--version"}, "", 30).exit_code == 0; }

size_t files_under(const fs::path& dir) {
  size_t n = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); ++it)
    if (it->is_regular_file()) ++n;
  return n;
}

}  // namespace

TEST_CASE("KaTeX is compiled in", "[math][katex]") {
  const KatexDist& k = katex_dist();
  REQUIRE_FALSE(k.version.empty());  // node_modules/katex was there when kb was built
  CHECK(k.version == "0.19.1");
  CHECK(k.js.size() > 100000);
  CHECK(k.css.find("@font-face") != std::string_view::npos);
  CHECK(k.fonts.size() == 20);
  CHECK(k.batch_script.find("renderToString") != std::string_view::npos);
  CHECK(k.browser_script.find("katex.render") != std::string_view::npos);
}

TEST_CASE("one node run typesets a batch, the cache serves the next build", "[math][katex][cache]") {
  if (!node_available()) {
    WARN("node is not installed: skipping");
    return;
  }
  TempDir cache("cache");
  KatexOptions o;
  o.node = default_node();
  o.cache_dir = cache.path;
  o.macros = {{"\\TP", "\\mathrm{TP}"}};
  std::vector<FormulaRequest> formulas = {
      {"\\frac{\\TP}{\\TP + FP}", false}, {"x^2", true}, {"x^2", false}, {"\\frac{\\TP}{\\TP + FP}", false}};

  // Cold: one node run for the three distinct formulas.
  KatexBatch cold = render_with_katex(formulas, o);
  REQUIRE(cold.typeset);
  CHECK(cold.node_runs == 1);
  CHECK(cold.unique == 3);
  CHECK(cold.cache_hits == 0);
  REQUIRE(cold.size() == 4);
  for (size_t i = 0; i < cold.size(); ++i) CHECK(cold.result(i).ok());
  CHECK(cold.result(0).html.find("class=\"katex\"") != std::string::npos);
  CHECK(cold.result(0).html.find("TP") != std::string::npos);  // the macro expanded
  CHECK(cold.result(1).html.find("katex-display") != std::string::npos);
  CHECK(cold.result(2).html.find("katex-display") == std::string::npos);
  CHECK(cold.result(3).html == cold.result(0).html);
  CHECK(files_under(cache.path) == 3);

  // Warm: no node at all, the same HTML.
  KatexBatch warm = render_with_katex(formulas, o);
  REQUIRE(warm.typeset);
  CHECK(warm.node_runs == 0);
  CHECK(warm.cache_hits == 3);
  for (size_t i = 0; i < formulas.size(); ++i) CHECK(warm.result(i).html == cold.result(i).html);

  // Warm even without node: everything is cached.
  KatexOptions no_node = o;
  no_node.node = "/nonexistent/node";
  KatexBatch cached_only = render_with_katex(formulas, no_node);
  CHECK(cached_only.typeset);
  CHECK(cached_only.node_runs == 0);

  // One new formula: one node run, for that one only.
  formulas.push_back({"\\sqrt{2}", false});
  KatexBatch more = render_with_katex(formulas, o);
  CHECK(more.node_runs == 1);
  CHECK(more.cache_hits == 3);
  CHECK(more.unique == 4);
  CHECK(files_under(cache.path) == 4);

  // Other macros are other keys: everything misses.
  KatexOptions other = o;
  other.macros["\\FP"] = "\\mathrm{FP}";
  KatexBatch remacro = render_with_katex(formulas, other);
  CHECK(remacro.node_runs == 1);
  CHECK(remacro.cache_hits == 0);

  // A damaged cache file is a miss, then rewritten.
  for (auto& e : fs::recursive_directory_iterator(cache.path))
    if (e.is_regular_file()) std::ofstream(e.path(), std::ios::trunc) << "{not json";
  KatexBatch repaired = render_with_katex(formulas, o);
  CHECK(repaired.typeset);
  CHECK(repaired.node_runs == 1);
  CHECK(repaired.cache_hits == 0);
  CHECK(render_with_katex(formulas, o).cache_hits == 4);
}

TEST_CASE("a formula KaTeX cannot parse carries KaTeX's message and place", "[math][katex]") {
  if (!node_available()) {
    WARN("node is not installed: skipping");
    return;
  }
  TempDir cache("errors");
  KatexOptions o;
  o.node = default_node();
  o.cache_dir = cache.path;
  KatexBatch b = render_with_katex({{"a + \\fracc{1}{2}", false}, {"x^", false}, {"y", false}}, o);
  REQUIRE(b.typeset);
  REQUIRE(b.size() == 3);
  CHECK(b.result(0).error == "Undefined control sequence: \\fracc");
  CHECK(b.result(0).position == 5);
  CHECK(b.result(1).error == "Expected group after '^'");
  CHECK(b.result(2).ok());
  // Errors are cached too: a rebuild of a broken note needs no node.
  KatexBatch again = render_with_katex({{"a + \\fracc{1}{2}", false}}, o);
  CHECK(again.node_runs == 0);
  CHECK(again.result(0).error == "Undefined control sequence: \\fracc");
  CHECK(again.result(0).position == 5);
}

TEST_CASE("without node the batch says why and falls back", "[math][katex]") {
  TempDir cache("nonode");
  KatexOptions o;
  o.node = "/nonexistent/node";
  o.cache_dir = cache.path;
  KatexBatch b = render_with_katex({{"x", false}}, o);
  CHECK_FALSE(b.typeset);
  CHECK(b.node_runs == 1);
  CHECK(b.problem.find("node was not found") != std::string::npos);
  CHECK(b.problem.find("KB_NODE") != std::string::npos);
  CHECK(files_under(cache.path) == 0);

  // A node that fails is a problem too, not a crash.
  o.node = "false";
  KatexBatch failed = render_with_katex({{"x", false}}, o);
  CHECK_FALSE(failed.typeset);
  CHECK(failed.problem.find("node failed to run KaTeX") != std::string::npos);

  // Nothing to typeset needs no node.
  KatexBatch empty = render_with_katex({}, o);
  CHECK(empty.typeset);
  CHECK(empty.node_runs == 0);
}

TEST_CASE("no disk cache when there is no cache folder", "[math][katex][cache]") {
  if (!node_available()) {
    WARN("node is not installed: skipping");
    return;
  }
  KatexOptions o;
  o.node = default_node();
  CHECK(render_with_katex({{"x", false}}, o).node_runs == 1);
  CHECK(render_with_katex({{"x", false}}, o).node_runs == 1);
}

TEST_CASE("the cache folder follows XDG", "[math][cache]") {
  struct Restore {
    const char* name;
    bool had;
    std::string value;
    explicit Restore(const char* n) : name(n), had(std::getenv(n) != nullptr), value(had ? std::getenv(n) : "") {}
    ~Restore() {
      if (had) ::setenv(name, value.c_str(), 1);
      else ::unsetenv(name);
    }
  } xdg("XDG_CACHE_HOME"), home("HOME");
  ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
  CHECK(default_cache_dir() == fs::path("/tmp/xdg/kb"));
  ::setenv("XDG_CACHE_HOME", "relative", 1);  // the spec ignores relative paths
  ::setenv("HOME", "/home/someone", 1);
  CHECK(default_cache_dir() == fs::path("/home/someone/.cache/kb"));
  ::unsetenv("XDG_CACHE_HOME");
  ::unsetenv("HOME");
  CHECK(default_cache_dir().empty());
}
