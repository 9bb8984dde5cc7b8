// Obsidian's inline syntax end to end on tests/sites/ok/obsidian-text: a
// %%comment%% is in no page, no summary and no search index (kb search or
// the browser's), and its links are not links; ==highlights== are <mark>.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::slurp;

TEST_CASE("a comment's words are in no page and cannot be searched") {
  const fs::path fixture = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/obsidian-text";
  fs::path out = kb::testing::scratch_path("kb-obsidian-text", "site");
  // With a base URL, so the feed and sitemap are written and checked too.
  Run build = kb::testing::run_kb(fixture, "build --strict --base-url https://example.org/notes/ --out '" +
                                               out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file() || e.path().string().find(".kb-index") != std::string::npos) continue;
    std::string text = slurp(e.path());
    INFO(e.path().string());
    CHECK(text.find("zebracorn") == std::string::npos);
    CHECK(text.find("quokka") == std::string::npos);
    CHECK(text.find("Hidden heading") == std::string::npos);
  }
  REQUIRE(fs::exists(out / "feed.xml"));
  CHECK(slurp(out / "feed.xml").find("highlighted") != std::string::npos);  // the note is in it, the comment not
  for (const char* word : {"zebracorn", "quokka", "hidden"}) {
    Run search = kb::testing::run_kb(fixture, "search --site '" + out.string() + "' --json " + word);
    INFO(search.output);
    REQUIRE(search.status == 0);
    auto j = nlohmann::json::parse(search.output, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(j["total"].get<size_t>() == 0);
  }
  Run found = kb::testing::run_kb(fixture, "search --site '" + out.string() + "' --json highlighted");
  CHECK(nlohmann::json::parse(found.output, nullptr, false)["total"].get<size_t>() == 1);
  std::string page = slurp(out / "remarks.html");
  CHECK(page.find("<mark>highlighted words</mark>") != std::string::npos);
  CHECK(page.find("<mark><em>markup</em> inside a highlight</mark>") != std::string::npos);
  CHECK(page.find("<code>%%code%%</code>") != std::string::npos);
}
