// The fixture sites under tests/sites/ok/ build cleanly, every link in their
// output resolves to a file of the site, and chosen pages match their golden
// HTML (tests/sites/ok/<site>/golden/). Regenerate goldens after a deliberate
// change with KB_UPDATE_GOLDEN=1 and review the diff.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <catch2/catch.hpp>

#include "run_kb.h"

#include "core/text.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::slurp;

namespace {

fs::path temp(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("kb-ok-" + std::to_string(::getpid())) / name;
  fs::remove_all(p);
  fs::create_directories(p.parent_path());
  return p;
}

}  // namespace

TEST_CASE("the basic fixture checks clean and builds") {
  fs::path site = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/basic";
  Run check = kb::testing::run_kb(site, "check");
  INFO(check.output);
  CHECK(check.status == 0);
  CHECK(check.output.find("warning:") == std::string::npos);
  CHECK(check.output.find("0 warnings") != std::string::npos);

  fs::path out = temp("basic");
  Run build = kb::testing::run_kb(site, "build --strict --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  CHECK(build.output.find("Built 6 notes") != std::string::npos);

  for (const char* f : {"index.html", "metrics/f1.html", "metrics/precision.html", "metrics/recall.html",
                        "data-engineering/kinesis-streams.html", "data-engineering/übersicht.html",
                        "data-engineering/img/shard.svg", "data-engineering/index.html",
                        "metrics/index.html", "tags/index.html", "tags/metrics.html",
                        "all-notes.html", ".kb-site"})
    CHECK(fs::exists(out / f));

  std::string f1 = slurp(out / "metrics/f1.html");
  CHECK(f1.find("id=\"worked-example\"") != std::string::npos);
  CHECK(f1.find("<table>") != std::string::npos);
  CHECK(f1.find("type=\"checkbox\"") != std::string::npos);
  CHECK(f1.find("<del>arithmetic</del>") != std::string::npos);
  CHECK(f1.find("footnote") != std::string::npos);
  // Backlinks: precision and recall both link to F1.
  CHECK(f1.find("precision.html") != std::string::npos);
  CHECK(f1.find("recall.html") != std::string::npos);
  std::string streams = slurp(out / "data-engineering/kinesis-streams.html");
  CHECK(streams.find("<b>raw html</b> is kept,  is not.") != std::string::npos);  // sanitized
  CHECK(streams.find("alert") == std::string::npos);
  CHECK(streams.find("src=\"img/shard.svg\"") != std::string::npos);
  // The formula index lists the formula pages and every page links to it.
  std::string formulas = slurp(out / "formulas.html");
  formulas = formulas.substr(formulas.find("<article"));  // the list, not the navigation
  CHECK(formulas.find("metrics/f1.html") != std::string::npos);
  CHECK(formulas.find("precision.html") == std::string::npos);  // not a formula page
  CHECK(f1.find("formulas.html\">Formulas</a>") != std::string::npos);
  std::string precision = slurp(out / "metrics/precision.html");
  CHECK(precision.find("href=\"f1.html#worked-example\"") != std::string::npos);
}

TEST_CASE("every link and asset in a built site is relative and exists") {
  fs::path site = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/basic";
  fs::path out = temp("links");
  REQUIRE(kb::testing::run_kb(site, "build -q --out '" + out.string() + "'").status == 0);
  std::regex attr(R"re((?:href|src)="([^"]*)")re");
  size_t checked = 0;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (e.path().extension() != ".html") continue;
    std::string html = slurp(e.path());
    for (std::sregex_iterator it(html.begin(), html.end(), attr), end; it != end; ++it) {
      std::string url = (*it)[1];
      INFO(e.path().string() << ": " << url);
      CHECK(url.rfind("http:", 0) != 0);
      CHECK(url.rfind("https:", 0) != 0);
      CHECK(url.rfind("//", 0) != 0);
      CHECK(url.rfind("/", 0) != 0);
      std::string path = url.substr(0, url.find('#'));
      if (path.empty()) continue;  // same-page anchor
      auto decoded = kb::text::url_decode(path);
      REQUIRE(decoded);
      CHECK(fs::exists(e.path().parent_path() / *decoded));
      ++checked;
    }
  }
  CHECK(checked > 50);
}

TEST_CASE("kb build without site.toml works on any folder and names the site after it") {
  fs::path dir = temp("vault");
  fs::create_directories(dir / "My Vault" / "sub");
  std::ofstream(dir / "My Vault" / "Start.md") << "# Start\n\nSee [[Deep note]].\n";
  std::ofstream(dir / "My Vault" / "sub" / "Deep note.md") << "Deep text with #tag and [[Start]].\n";
  Run r = kb::testing::run_kb(dir, "build --notes 'My Vault' --out out");
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(slurp(dir / "out/index.html").find("My Vault") != std::string::npos);
  CHECK(fs::exists(dir / "out/sub/deep-note.html"));
  // A second build replaces the first; a folder kb did not write is refused.
  CHECK(kb::testing::run_kb(dir, "build -q --notes 'My Vault' --out out").status == 0);
  fs::create_directories(dir / "precious");
  std::ofstream(dir / "precious" / "thesis.tex") << "x";
  Run refused = kb::testing::run_kb(dir, "build --notes 'My Vault' --out precious");
  CHECK(refused.status == 1);
  CHECK(refused.output.find("not written by kb") != std::string::npos);
  CHECK(fs::exists(dir / "precious" / "thesis.tex"));
  // Output inside the notes folder is refused.
  Run inside = kb::testing::run_kb(dir, "build --notes 'My Vault' --out 'My Vault/site'");
  CHECK(inside.status == 1);
  CHECK(inside.output.find("overlap") != std::string::npos);
}

TEST_CASE("the study guide's own notes check clean with --strict") {
  // Its formulas, links, demos and matrices are held to --strict, so a
  // formula KaTeX rejects (only a warning for other vaults) fails here.
  Run check = kb::testing::run_kb(fs::path(KB_SOURCE_DIR), "check --strict");
  INFO(check.output);
  CHECK(check.status == 0);
  CHECK(check.output.find("0 errors, 0 warnings") != std::string::npos);
}
