// Golden pages: every fixture under tests/sites/ok/ with a `golden.txt` is
// built and the pages it lists must match tests/sites/ok/<site>/golden/.
// golden.txt holds one directive a line:
//   args: build --drafts      kb's arguments (default: build); --out is added
//   exit: 0                   expected exit status (default 0)
//   expect: text              a line of output that must appear, verbatim
//   absent: text              text that must not appear anywhere in the output
//   page: tags/index.html     a page compared with golden/<page>
//   missing: secret.html      a file that must not be in the built site
// Regenerate after a deliberate change with KB_UPDATE_GOLDEN=1 and review the
// diff. Each fixture is built from a copy outside any git repository, so
// pages carry no commit dates or authors.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;
using kb::testing::slurp;

namespace {

struct GoldenSpec {
  std::string args = "build";
  int exit = 0;
  std::vector<std::string> expect, absent, pages, missing;
};

GoldenSpec read_spec(const fs::path& file) {
  GoldenSpec g;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    auto value = [&](const char* key, std::string& out) {
      std::string k = std::string(key) + ": ";
      if (line.rfind(k, 0) != 0) return false;
      out = line.substr(k.size());
      return true;
    };
    std::string v;
    if (value("args", v)) g.args = v;
    else if (value("exit", v)) g.exit = std::stoi(v);
    else if (value("expect", v)) g.expect.push_back(v);
    else if (value("absent", v)) g.absent.push_back(v);
    else if (value("page", v)) g.pages.push_back(v);
    else if (value("missing", v)) g.missing.push_back(v);
  }
  return g;
}

}  // namespace

TEST_CASE("golden pages of every fixture site that lists them") {
  fs::path root = fs::path(KB_SOURCE_DIR) / "tests/sites/ok";
  bool update = std::getenv("KB_UPDATE_GOLDEN") != nullptr;
  size_t fixtures = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    fs::path site = entry.path();
    if (!fs::exists(site / "golden.txt")) continue;
    ++fixtures;
    std::string name = site.filename().string();
    GoldenSpec spec = read_spec(site / "golden.txt");
    fs::path copy = kb::testing::scratch_path("kb-golden", name + "-src");
    fs::copy(site, copy, fs::copy_options::recursive);
    fs::path out = kb::testing::scratch_path("kb-golden", name + "-out");
    Run run = kb::testing::run_kb(copy, spec.args + " --out '" + out.string() + "'");
    INFO("fixture " << name << ": kb " << spec.args << "\n" << run.output);
    REQUIRE(run.status == spec.exit);
    for (const auto& line : spec.expect) {
      INFO("expected in the output: " << line);
      CHECK(run.output.find(line) != std::string::npos);
    }
    for (const auto& text : spec.absent) {
      INFO("must not be in the output: " << text);
      CHECK(run.output.find(text) == std::string::npos);
    }
    for (const auto& file : spec.missing) {
      INFO("must not be in the site: " << file);
      CHECK_FALSE(fs::exists(out / file));
    }
    for (const auto& page : spec.pages) {
      fs::path golden = site / "golden" / page;
      INFO("page " << page);
      REQUIRE(fs::exists(out / page));
      std::string actual = slurp(out / page);
      if (update) {
        fs::create_directories(golden.parent_path());
        std::ofstream(golden, std::ios::binary) << actual;
        continue;
      }
      INFO("golden " << golden.string() << " differs: rebuild with KB_UPDATE_GOLDEN=1 and review the diff");
      CHECK(actual == slurp(golden));
    }
  }
  CHECK(fixtures >= 1);
}
