// The demos fixture (tests/sites/ok/demos/): ```demo blocks run by the
// kernels at build time and embedded as plots, tables and a variant switcher;
// the disk cache serving the next build; the styles only on pages with demos.
// Each run gets its own cache folder (KB_DEMO_CACHE).
#include <unistd.h>

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::count;
using kb::testing::Run;
using kb::testing::run_kb_env;
using kb::testing::slurp;

namespace {

fs::path temp(const std::string& name) { return kb::testing::scratch_path("kb-demos", name); }


const fs::path kSite = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/demos";

}  // namespace

TEST_CASE("demo blocks are computed at build time and cached for the next build") {
  fs::path cache = temp("cache"), out = temp("site");
  std::vector<std::pair<std::string, std::string>> env = {{"KB_DEMO_CACHE", cache.string()}, {"KB_TIMING", "1"}};
  const std::string build = "build --strict --out '" + out.string() + "'";
  Run cold = run_kb_env(kSite, env, build);
  INFO(cold.output);
  REQUIRE(cold.status == 0);
  // kmeans (4 variants), elbow, binomial overlay (3 runs), roc from the CSV.
  CHECK(cold.output.find("demos: 4 demos, 9 variants (0 cached, 9 computed)") != std::string::npos);
  CHECK(cold.output.find("; 4 demos, 9 variants, 0 from the cache)") != std::string::npos);

  std::string clustering = slurp(out / "clustering.html");
  CHECK(count(clustering, "<figure class=\"demo\"") == 2);
  CHECK(clustering.find("data-demo=\"kmeans\" id=\"demo-1\"") != std::string::npos);
  CHECK(clustering.find("data-demo=\"elbow\" id=\"demo-2\"") != std::string::npos);
  CHECK(count(clustering, "class=\"demo-variant\"") == 5);
  // The default (k = 4) shows without JS; the other three wait hidden.
  CHECK(count(clustering, "\" hidden aria-label=\"k = ") == 3);
  CHECK(clustering.find("aria-label=\"k = 4\">") != std::string::npos);
  CHECK(clustering.find("<div class=\"demo-controls\" hidden>") != std::string::npos);
  CHECK(count(clustering, "<svg") >= 5);
  CHECK(clustering.find("k-means on four blobs") != std::string::npos);
  CHECK(clustering.find("language-demo") == std::string::npos);  // no block left as code
  // The demo in the list item stays in it.
  CHECK(clustering.find("<li>\n<p>Run it for several k:</p>\n<figure class=\"demo\"") != std::string::npos);
  CHECK(clustering.find("href=\"assets/plot.css\"") != std::string::npos);
  CHECK(clustering.find("href=\"assets/demo.css\"") != std::string::npos);
  CHECK(clustering.find("src=\"assets/demo.js\"") != std::string::npos);

  std::string distributions = slurp(out / "distributions.html");
  CHECK(distributions.find("data-demo=\"binomial\"") != std::string::npos);
  CHECK(distributions.find("demo-controls") == std::string::npos);  // an overlay: one figure
  CHECK(distributions.find("p = 0.2") != std::string::npos);
  CHECK(distributions.find("p = 0.8") != std::string::npos);
  CHECK(distributions.find("data-demo=\"roc\"") != std::string::npos);

  std::string plain = slurp(out / "plain.html");
  CHECK(plain.find("plot.css") == std::string::npos);
  CHECK(plain.find("demo.js") == std::string::npos);
  CHECK(plain.find("<code class=\"language-toml") != std::string::npos);  // a toml block is code (highlighted)
  REQUIRE(fs::exists(out / "assets/plot.css"));
  CHECK(slurp(out / "assets/plot.css").find("kb-plot") != std::string::npos);

  // Warm: every variant from the cache, the same pages.
  Run warm = run_kb_env(kSite, env, build);
  INFO(warm.output);
  REQUIRE(warm.status == 0);
  CHECK(warm.output.find("demos: 4 demos, 9 variants (9 cached, 0 computed)") != std::string::npos);
  CHECK(slurp(out / "clustering.html") == clustering);
  CHECK(slurp(out / "distributions.html") == distributions);

  // kb check runs them too (from the cache) and is clean.
  Run check = run_kb_env(kSite, env, "check --strict");
  INFO(check.output);
  CHECK(check.status == 0);
  fs::remove_all(cache.parent_path());
}

TEST_CASE("without a cache folder demos are computed every time, with the same result") {
  fs::path out1 = temp("nocache1"), out2 = temp("nocache2");
  std::vector<std::pair<std::string, std::string>> env = {{"KB_DEMO_CACHE", ""}, {"KB_TIMING", "1"}};
  Run a = run_kb_env(kSite, env, "build --out '" + out1.string() + "'");
  Run b = run_kb_env(kSite, env, "build --out '" + out2.string() + "'");
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  CHECK(b.output.find("(0 cached, 9 computed)") != std::string::npos);
  CHECK(slurp(out1 / "clustering.html") == slurp(out2 / "clustering.html"));
  fs::remove_all(out1.parent_path());
}
