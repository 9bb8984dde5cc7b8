// Drafts end to end on tests/sites/ok/drafts: notes marked draft: true or
// publish: false are in neither the search database (kb search) nor the
// browser's static index, unless built with --drafts; kb check reports the
// links to them and says how many notes it left out.
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;

namespace {

const fs::path kFixture = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/drafts";

fs::path build(const std::string& name, const std::string& flags) {
  fs::path out = kb::testing::scratch_path("kb-drafts", name);
  Run r = kb::testing::run_kb(kFixture, "build -q " + flags + " --out '" + out.string() + "'");
  INFO(r.output);
  REQUIRE(r.status == 0);
  return out;
}

size_t hits(const fs::path& site, const std::string& query) {
  Run r = kb::testing::run_kb(site.parent_path(), "search --site '" + site.string() + "' --json " + query);
  INFO(r.output);
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.output, nullptr, false);
  REQUIRE(j.is_object());
  return j["total"].get<size_t>();
}

// Whether any file of the browser's index (search/) holds `word`.
bool in_static_index(const fs::path& site, const std::string& word) {
  for (const auto& e : fs::recursive_directory_iterator(site / "search"))
    if (e.is_regular_file() && kb::testing::slurp(e.path()).find(word) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("drafts are not searchable, in kb search or in the site's own index") {
  fs::path site = build("site", "");
  CHECK(hits(site, "pelicans") == 1);
  CHECK(hits(site, "zebracorn") == 0);   // draft: true
  CHECK(hits(site, "quokkaword") == 0);  // publish: false
  CHECK(hits(site, "tag:classified") == 0);
  CHECK(in_static_index(site, "pelican"));
  CHECK_FALSE(in_static_index(site, "zebracorn"));
  CHECK_FALSE(in_static_index(site, "quokkaword"));
  CHECK_FALSE(in_static_index(site, "plans/secret"));
}

TEST_CASE("kb build --drafts makes drafts searchable for a local preview") {
  fs::path site = build("preview", "--drafts");
  CHECK(hits(site, "zebracorn") == 1);
  CHECK(hits(site, "quokkaword") == 1);
  CHECK(in_static_index(site, "zebracorn"));
}

TEST_CASE("kb check reports links to drafts and how many notes it left out") {
  Run r = kb::testing::run_kb(kFixture, "check");
  INFO(r.output);
  CHECK(r.status == 0);  // a link to a draft is a warning, not a broken link
  CHECK(r.output.find("notes/index.md:3:32: warning: \"Secret plan\" is a draft") != std::string::npos);
  CHECK(r.output.find("Left out 2 drafts (draft: true or publish: false); kb check --drafts includes them") !=
        std::string::npos);
  CHECK(r.output.find("ok: 2 notes, 8 links, 0 broken links, 0 errors, 6 warnings") != std::string::npos);

  Run strict = kb::testing::run_kb(kFixture, "check --strict");
  CHECK(strict.status == 1);
  Run preview = kb::testing::run_kb(kFixture, "check --drafts --strict");
  INFO(preview.output);
  CHECK(preview.status == 0);
  CHECK(preview.output.find("ok: 4 notes") != std::string::npos);
}
