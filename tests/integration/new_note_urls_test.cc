// `kb new` says when the note it wrote will not have the page URL its name
// gives: kb writes one of its own pages there (site/reserved_urls.h), or the
// name makes it its folder's page (index.md, README.md).
#include <filesystem>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;

TEST_CASE("kb new warns about a name kb uses for its own pages") {
  fs::path dir = kb::testing::scratch_path("kb-new-urls", "site");
  fs::create_directories(dir / "notes");
  Run search = kb::testing::run_kb(dir, "new Search");
  INFO(search.output);
  CHECK(search.status == 0);
  CHECK(search.output.find("notes/search.md: warning: its page URL search.html is where kb writes the search page, "
                           "so kb build will publish it at a numbered URL: rename the file to choose another") !=
        std::string::npos);
  Run all = kb::testing::run_kb(dir, "new 'All notes'");
  CHECK(all.output.find("its page URL all-notes.html is where kb writes the list of all notes") != std::string::npos);
  Run readme = kb::testing::run_kb(dir, "new README");
  CHECK(readme.output.find("notes/readme.md: warning: a note named readme.md is its folder's page") !=
        std::string::npos);
  Run fine = kb::testing::run_kb(dir, "new 'Fine note' --domain tags");
  INFO(fine.output);
  CHECK(fine.status == 0);
  CHECK(fine.output.find("warning") == std::string::npos);
  CHECK(fs::exists(dir / "notes/search.md"));  // written all the same
}
