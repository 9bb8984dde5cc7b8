// Transclusions and block references end to end (tests/sites/ok/obsidian and
// tests/sites/invalid/transclusion-cycle): embedded text is shown with links
// relative to the page that shows it, ids stay unique, search finds a
// passage only where it is written, and a cycle builds (without --strict)
// with a note in place of the repeated embed.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::slurp;

namespace {

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("embedded notes show their text with links that work from the embedding page") {
  const fs::path fixture = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/obsidian";
  fs::path out = kb::testing::scratch_path("kb-transclusion", "site");
  Run build = kb::testing::run_kb(fixture, "build --strict --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);

  std::string embeds = slurp(out / "embeds.html");
  // The glossary's own link, written in reference/, resolved from the root.
  CHECK(has(embeds, "<a class=\"wikilink\" href=\"internal-links.html\" title=\"Internal links\">Internal links</a>"));
  // Its same-page link goes to the glossary's page.
  CHECK(has(embeds, "href=\"reference/glossary.html#terms\">Terms</a>"));
  CHECK(has(embeds, "<p class=\"transclusion-source\"><a class=\"wikilink\" href=\"basic-formatting.html#lists\">"
                    "Basic formatting \u203A Lists</a></p>"));
  CHECK(has(embeds, "Gradient descent moves the weights"));
  CHECK(has(embeds, "<td>adaptive moments</td>"));
  CHECK_FALSE(has(embeds, " ^gd-step"));  // the id is no text
  CHECK_FALSE(has(embeds, "<img"));
  // Inside a sentence: a link.
  CHECK(has(embeds, "<a class=\"wikilink embed-link\" href=\"block-references.html\""));
  // Every id on the page once, though notes with headings are embedded.
  std::set<std::string> ids;
  std::regex id_attr("\\sid=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(embeds.begin(), embeds.end(), id_attr); it != std::sregex_iterator(); ++it) {
    INFO((*it)[1].str());
    CHECK(ids.insert((*it)[1].str()).second);
  }
  // An embed of an embed, from a page one folder down.
  std::string summary = slurp(out / "reference/summary.html");
  CHECK(has(summary, "href=\"glossary.html#bias\">Glossary \u203A Bias</a>"));
  CHECK(has(summary, "Error from wrong assumptions"));
  CHECK_FALSE(has(summary, "Error from sensitivity"));  // the next section is not part of it

  // Block anchors and links to them.
  std::string blocks = slurp(out / "block-references.html");
  CHECK(has(blocks, "<div class=\"block-ref\" id=\"^gd-step\">"));
  CHECK(has(blocks, "<span class=\"block-ref\" id=\"^lr-high\"></span>"));
  CHECK(has(blocks, "id=\"^optimizers\">\n<table>"));
  CHECK(has(slurp(out / "internal-links.html"), "href=\"block-references.html#^lr-high\""));

  // Search finds embedded words only on the page that holds them.
  Run search = kb::testing::run_kb(fixture, "search --site '" + out.string() + "' --json sensitivity");
  INFO(search.output);
  auto j = nlohmann::json::parse(search.output, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j["total"].get<size_t>() == 1);
}

TEST_CASE("a transclusion cycle is a warning and the pages still build") {
  const fs::path fixture = fs::path(KB_SOURCE_DIR) / "tests/sites/invalid/transclusion-cycle";
  fs::path out = kb::testing::scratch_path("kb-transclusion-cycle", "site");
  Run build = kb::testing::run_kb(fixture, "build --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  CHECK(has(build.output, "warning: transclusion cycle"));
  std::string alpha = slurp(out / "loop/alpha.html");
  CHECK(has(alpha, "Beta's own text."));
  CHECK(has(alpha, "transclusion-cut"));
  std::string mirror = slurp(out / "mirror.html");
  CHECK(has(mirror, "Not embedded again"));
}

TEST_CASE("embeds nest four levels deep and a page shows at most twenty nested ones") {
  fs::path root = kb::testing::scratch_path("kb-transclusion-depth", "vault");
  fs::create_directories(root / "notes");
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(root / "notes" / (name + ".md")) << text;
  };
  // A chain: n0 embeds n1 embeds ... n6.
  for (int k = 0; k <= 6; ++k)
    write("n" + std::to_string(k), "Text of level " + std::to_string(k) + ".\n\n" +
                                       (k < 6 ? "![[n" + std::to_string(k + 1) + "]]\n" : ""));
  // A fan: wide embeds ten notes, each of which embeds three leaves.
  std::string wide;
  for (int k = 0; k < 10; ++k) {
    wide += "![[mid" + std::to_string(k) + "]]\n\n";
    write("mid" + std::to_string(k), "Middle " + std::to_string(k) + ".\n\n![[leaf" + std::to_string(3 * k) +
                                         "]]\n\n![[leaf" + std::to_string(3 * k + 1) + "]]\n\n![[leaf" +
                                         std::to_string(3 * k + 2) + "]]\n");
    for (int j = 0; j < 3; ++j) write("leaf" + std::to_string(3 * k + j), "Leaf " + std::to_string(3 * k + j) + ".\n");
  }
  write("wide", wide);
  fs::path out = root / "site";
  Run build = kb::testing::run_kb(root, "build --strict --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  std::string n0 = slurp(out / "n0.html");
  for (int k = 0; k <= 4; ++k) CHECK(has(n0, "Text of level " + std::to_string(k) + "."));
  CHECK_FALSE(has(n0, "Text of level 5."));
  CHECK(has(n0, "nest more than 4 deep"));
  std::string w = slurp(out / "wide.html");
  for (int k = 0; k < 10; ++k) CHECK(has(w, "Middle " + std::to_string(k) + "."));  // the page's own embeds
  CHECK(has(w, "Leaf 19."));
  CHECK_FALSE(has(w, "Leaf 20."));
  CHECK(kb::testing::count(w, "already shows 20 notes") == 10);
}
