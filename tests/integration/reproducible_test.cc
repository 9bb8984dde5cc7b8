// Two clean builds of the same notes write the same files: every page, asset
// and exported search file byte for byte (the search index's ids no longer
// follow thread scheduling). Only kb's own Xapian database under .kb-index/
// may differ (Xapian stamps each database with a new UUID).
#include <filesystem>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::published;

TEST_CASE("two clean builds of the same notes write identical files") {
  fs::path root = kb::testing::scratch_path("kb-reproducible", "sites");
  fs::path a = root / "a", b = root / "b";
  const fs::path repo = KB_SOURCE_DIR;
  for (const fs::path& out : {a, b}) {
    Run build = kb::testing::run_kb(repo, "build --out '" + out.string() + "'");
    INFO(build.output);
    REQUIRE(build.status == 0);
  }
  auto first = published(a), second = published(b);
  REQUIRE(first.size() > 300);
  CHECK(first.size() == second.size());
  size_t search_files = 0;
  for (const auto& [rel, bytes] : first) {
    INFO(rel);
    auto other = second.find(rel);
    REQUIRE(other != second.end());
    CHECK(bytes == other->second);
    search_files += rel.rfind("search/", 0) == 0;
  }
  CHECK(search_files > 50);
}
