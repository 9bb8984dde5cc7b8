// The math fixture (tests/sites/ok/math/): formulas typeset by KaTeX at build
// time, its CSS and only the fonts it needs shipped, the disk cache serving a
// rebuild without node, and the browser fallback when node is missing.
// Each run gets its own cache folder (XDG_CACHE_HOME), so nothing depends on
// what an earlier run left in ~/.cache.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::count;
using kb::testing::Run;
using kb::testing::slurp;

namespace {

fs::path temp(const std::string& name) { return kb::testing::scratch_path("kb-math", name); }


bool node_available() { return std::system("node --version > /dev/null 2>&1") == 0; }

using kb::testing::run_kb_env;

const fs::path kSite = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/math";

}  // namespace

TEST_CASE("formulas are typeset at build time, and the cache serves the next build") {
  if (!node_available()) {
    WARN("node is not installed: skipping");
    return;
  }
  fs::path cache = temp("cache"), out = temp("site");
  std::vector<std::pair<std::string, std::string>> env = {{"XDG_CACHE_HOME", cache.string()}, {"KB_TIMING", "1"}};
  const std::string build = "build --strict --out '" + out.string() + "'";
  Run cold = run_kb_env(kSite, env, build);
  INFO(cold.output);
  REQUIRE(cold.status == 0);
  CHECK(cold.output.find("math: 11 formulas (11 distinct, 0 cached), 1 node run(s)") != std::string::npos);
  CHECK(cold.output.find("warning") == std::string::npos);

  std::string precision = slurp(out / "metrics/precision.html");
  CHECK(count(precision, "<span class=\"katex\">") == 9);
  CHECK(count(precision, "<span class=\"katex-display\">") == 2);
  CHECK(precision.find("katex-error") == std::string::npos);
  CHECK(precision.find("\\(") == std::string::npos);  // no TeX left for a browser
  // MathML alone, drawn by the browser: no KaTeX HTML, no KaTeX file.
  CHECK(count(precision, "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"") == 9);
  CHECK(precision.find("katex-html") == std::string::npos);
  CHECK(precision.find("href=\"../assets/math/math.css\"") != std::string::npos);
  CHECK(precision.find("assets/katex/") == std::string::npos);
  // Text that is not math stays text.
  CHECK(precision.find("it costs $5 and $10, $x$ is escaped, and <code>$x$</code> is code.") != std::string::npos);
  CHECK(precision.find("<em>this</em>") != std::string::npos);
  CHECK(count(precision, "<em>") == 1);
  // Home and folder pages with math link the CSS; a page without math does not.
  CHECK(slurp(out / "index.html").find("href=\"assets/math/math.css\"") != std::string::npos);
  CHECK(slurp(out / "metrics/index.html").find("<span class=\"katex\">") != std::string::npos);
  std::string plain = slurp(out / "plain.html");
  CHECK(plain.find("katex") == std::string::npos);
  CHECK(plain.find("a ticket costs $5 and a book $10, and <code>$PATH</code>") != std::string::npos);
  CHECK(slurp(out / "tags/metrics.html").find("katex") == std::string::npos);

  // kb's math CSS, the math font it names and the font's licence; nothing of KaTeX's.
  CHECK(slurp(out / "assets/math/math.css").find("url(STIXTwoMath-Regular.woff2)") != std::string::npos);
  CHECK(fs::file_size(out / "assets/math/STIXTwoMath-Regular.woff2") > 100000);
  CHECK(slurp(out / "assets/math/STIXTwoMath-LICENSE.txt").find("SIL Open Font License") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "assets/katex"));

  // Warm: every formula from the cache, no node, the same pages.
  Run warm = run_kb_env(kSite, env, build);
  INFO(warm.output);
  REQUIRE(warm.status == 0);
  CHECK(warm.output.find("math: 11 formulas (11 distinct, 11 cached), 0 node run(s)") != std::string::npos);
  CHECK(slurp(out / "metrics/precision.html") == precision);

  // With the cache warm, a missing node does not matter.
  auto without_node = env;
  without_node.emplace_back("KB_NODE", "/nonexistent/node");
  Run no_node = run_kb_env(kSite, without_node, build);
  INFO(no_node.output);
  CHECK(no_node.status == 0);
  CHECK(slurp(out / "metrics/precision.html") == precision);

  // kb check typesets too (from the cache) and is clean.
  Run check = run_kb_env(kSite, env, "check --strict");
  CHECK(check.status == 0);
  fs::remove_all(cache.parent_path());
}

TEST_CASE("without node, KaTeX's JS typesets math in the browser, and one warning says so") {
  fs::path cache = temp("empty-cache"), out = temp("browser-site");
  std::vector<std::pair<std::string, std::string>> env = {{"XDG_CACHE_HOME", cache.string()},
                                                          {"KB_NODE", "/nonexistent/node"}};
  Run r = run_kb_env(kSite, env, "build --out '" + out.string() + "'");
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(count(r.output, "warning:") == 1);
  CHECK(r.output.find("warning: math: cannot typeset at build time: node was not found") != std::string::npos);
  CHECK(r.output.find("the site ships KaTeX's JavaScript instead") != std::string::npos);

  std::string precision = slurp(out / "metrics/precision.html");
  CHECK(precision.find("<span class=\"math inline\">\\(\\frac{\\TP}{\\TP + \\FP}\\)</span>") != std::string::npos);
  CHECK(precision.find("<span class=\"katex\">") == std::string::npos);
  CHECK(precision.find("<script src=\"../assets/katex/katex.min.js\" defer></script>") != std::string::npos);
  CHECK(precision.find("<script src=\"../assets/katex/kb-math.js\" defer></script>") != std::string::npos);
  CHECK(slurp(out / "plain.html").find("katex") == std::string::npos);
  CHECK(fs::exists(out / "assets/katex/katex.min.js"));
  CHECK(fs::exists(out / "assets/katex/fonts/KaTeX_Fraktur-Regular.woff2"));  // any font may be needed
  CHECK_FALSE(fs::exists(out / "assets/math"));  // KaTeX draws in its own fonts here
  std::string script = slurp(out / "assets/katex/kb-math.js");
  CHECK(script.find("window.kbMathMacros = {\"\\\\FP\":\"\\\\mathrm{FP}\"") != std::string::npos);

  // --strict fails on that warning, and leaves the site as it was.
  Run strict = run_kb_env(kSite, env, "build --strict --out '" + out.string() + "'");
  CHECK(strict.status == 1);
  CHECK(slurp(out / "metrics/precision.html") == precision);
  fs::remove_all(cache.parent_path());
}

TEST_CASE("without node, the review page's cards leave their formulas to the browser too") {
  // (Cards are rendered away from their notes: site/snippet.h asked a
  // typesetter that is not there and the build died.)
  fs::path cache = temp("empty-cache-cards"), out = temp("browser-cards");
  Run r = run_kb_env(fs::path(KB_SOURCE_DIR) / "tests/sites/ok/flashcards",
                     {{"XDG_CACHE_HOME", cache.string()}, {"KB_NODE", "/nonexistent/node"}},
                     "build --out '" + out.string() + "'");
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::string review = slurp(out / "review.html");
  CHECK(review.find("<span class=\"math inline\">\\(") != std::string::npos);
  CHECK(review.find("<span class=\"katex\">") == std::string::npos);
  fs::remove_all(cache.parent_path());
}

TEST_CASE("a site without math ships no KaTeX and runs no node") {
  fs::path out = temp("basic");
  Run r = run_kb_env(fs::path(KB_SOURCE_DIR) / "tests/sites/ok/basic", {{"KB_NODE", "/nonexistent/node"}},
                   "build --strict --out '" + out.string() + "'");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK_FALSE(fs::exists(out / "assets/katex"));
  CHECK_FALSE(fs::exists(out / "assets/math"));
  CHECK(slurp(out / "metrics/f1.html").find("katex") == std::string::npos);
  fs::remove_all(out.parent_path());
}

TEST_CASE("a formula KaTeX rejects is a warning: the page is built and shows its TeX as an error") {
  const fs::path site = fs::path(KB_SOURCE_DIR) / "tests/sites/invalid/katex-error";
  fs::path out = kb::testing::scratch_path("kb-math-site", "katex-warning");
  Run build = kb::testing::run_kb(site, "build --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  CHECK(count(build.output, "warning: KaTeX parse error") == 3);
  std::string bad = slurp(out / "bad.html");
  CHECK(count(bad, "class=\"math-error\"") == 3);
  CHECK(bad.find("title=\"KaTeX: Undefined control sequence: \\fracc\">$\\frac{a}{b} + \\fracc{c}{d}$</code>") !=
        std::string::npos);
  // The formulas KaTeX accepts on the same page are typeset as usual.
  CHECK(bad.find("class=\"katex\"") != std::string::npos);
}
