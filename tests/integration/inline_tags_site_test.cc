// Inline #tags end to end on tests/sites/ok/inline-tags: they are search
// filters like front-matter tags (kb search's tag: field), case folded, and
// what is no tag (a %%comment%%, code, a URL's #frag, \#escaped) filters
// nothing.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;

TEST_CASE("inline tags are searchable as tags") {
  const fs::path fixture = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/inline-tags";
  fs::path out = kb::testing::scratch_path("kb-inline-tags", "site");
  Run build = kb::testing::run_kb(fixture, "build --strict --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  auto total = [&](const std::string& query) {
    Run search = kb::testing::run_kb(fixture, "search --site '" + out.string() + "' --json '" + query + "'");
    INFO(query << ": " << search.output);
    REQUIRE(search.status == 0);
    auto j = nlohmann::json::parse(search.output, nullptr, false);
    REQUIRE(j.is_object());
    return j["total"].get<size_t>();
  };
  CHECK(total("tag:done") == 1);          // inline only
  CHECK(total("tag:ml") == 2);            // written #ML in one note, #ml in the other
  CHECK(total("tag:ml/metrics") == 1);    // front matter
  CHECK(total("tag:café") == 1);
  for (const char* none : {"tag:hidden", "tag:code", "tag:frag", "tag:escaped", "tag:1984", "tag:in-a-block"})
    CHECK(total(none) == 0);
}
