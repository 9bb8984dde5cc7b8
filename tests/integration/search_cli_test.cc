// `kb search` end to end on the search fixture (tests/sites/ok/search): the
// build keeps the index in kb's cache (site/search_location.h), and the command answers in text
// and JSON, for good and bad queries.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;

namespace {

const fs::path& built_site() {
  static fs::path out = [] {
    fs::path o = fs::temp_directory_path() / ("kb-search-cli-" + std::to_string(::getpid())) / "site";
    fs::remove_all(o.parent_path());
    fs::create_directories(o.parent_path());
    fs::path site = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/search";
    Run build = kb::testing::run_kb(site, "build --strict -q --out '" + o.string() + "'");
    INFO(build.output);
    REQUIRE(build.status == 0);
    return o;
  }();
  return out;
}

nlohmann::json search_json(const std::string& args) {
  Run r = kb::testing::run_kb(built_site().parent_path(),
                              "search --site '" + built_site().string() + "' --json " + args);
  INFO(r.output);
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.output, nullptr, false);
  REQUIRE(j.is_object());
  return j;
}

std::string first_title(const nlohmann::json& j) {
  return j["results"].empty() ? "" : j["results"][0]["title"].get<std::string>();
}

}  // namespace

TEST_CASE("kb build keeps the search index in kb's cache, not the site, and kb search makes the database from it") {
  fs::path root = fs::temp_directory_path() / ("kb-search-db-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path site = root / "site", cache = root / "cache";
  ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);  // this test's own process (ctest runs one case per process)
  Run build = kb::testing::run_kb(fs::path(KB_SOURCE_DIR) / "tests/sites/ok/search",
                                  "build --strict -q --out '" + site.string() + "'");
  REQUIRE(build.status == 0);
  // Nothing of the index is published with the site.
  for (const auto& e : fs::recursive_directory_iterator(site)) {
    INFO(e.path());
    CHECK(e.path().filename() != "pages.bin");
    CHECK(e.path().filename() != "iamglass");
    CHECK(e.path().filename() != ".kb-index");
  }
  std::vector<fs::path> indexes;
  for (const auto& e : fs::directory_iterator(cache / "kb" / "search")) indexes.push_back(e.path());
  REQUIRE(indexes.size() == 1);
  const fs::path index = indexes[0];
  CHECK(fs::exists(index / "pages.idx"));
  CHECK(fs::exists(index / "pages.bin"));
  CHECK_FALSE(fs::exists(index / "db"));
  Run r = kb::testing::run_kb(root, "search --site '" + site.string() + "' --json auc");
  CHECK(r.status == 0);
  // Only JSON, even with the database made meanwhile (what a person at a
  // terminal is told goes nowhere else).
  CHECK(nlohmann::json::parse(r.output, nullptr, false).is_object());
  CHECK(fs::exists(index / "db" / "iamglass"));
  // A copy of the site has no index: a message saying where indexes are.
  fs::copy(site, root / "copy", fs::copy_options::recursive);
  Run copy = kb::testing::run_kb(root, "search --site '" + (root / "copy").string() + "' auc");
  CHECK(copy.status == 1);
  CHECK(copy.output.find("no search index for") != std::string::npos);
  CHECK(copy.output.find("run kb build") != std::string::npos);
  // An index of another build of the site (a build stopped between the
  // site's swap and the index's): told to build again, not answered from it.
  std::string marker = kb::testing::slurp(index / "marker");
  std::ofstream(index / "marker", std::ios::trunc) << "another build";
  Run stale = kb::testing::run_kb(root, "search --site '" + site.string() + "' auc");
  CHECK(stale.status == 1);
  CHECK(stale.output.find("is from another build of it") != std::string::npos);
  std::ofstream(index / "marker", std::ios::trunc) << marker;
  // A damaged entry list: a message that says what to do, not a crash.
  fs::remove_all(index / "db");
  std::ofstream(index / "pages.bin", std::ios::trunc) << "garbage";
  Run bad = kb::testing::run_kb(root, "search --site '" + site.string() + "' auc");
  CHECK(bad.status == 1);
  CHECK(bad.output.find("damaged; run kb build --no-cache") != std::string::npos);
  // A new full build installs a new index and the site's copy's is none.
  Run again = kb::testing::run_kb(fs::path(KB_SOURCE_DIR) / "tests/sites/ok/search",
                                  "build --no-cache -q --out '" + site.string() + "'");
  REQUIRE(again.status == 0);
  CHECK(kb::testing::run_kb(root, "search --site '" + site.string() + "' --json auc").status == 0);
  fs::remove_all(root);
}

TEST_CASE("kb search finds the right note first") {
  CHECK(first_title(search_json("auc")) == "ROC curve and AUC");
  CHECK(first_title(search_json("sensitivity")) == "Precision and recall");
  CHECK(first_title(search_json("rcf")) == "Random Cut Forest");
  CHECK(first_title(search_json("'\"random cut forest\"'")) == "Random Cut Forest");
  CHECK(first_title(search_json("'title:firehose'")) == "Amazon Data Firehose");
  auto j = search_json("'kinesys firehose'");
  CHECK(j["corrected"] == "kinesis firehose");
  CHECK(first_title(j) == "Amazon Data Firehose");
}

TEST_CASE("kb search JSON shape, limit, filters and facets") {
  auto j = search_json("--limit 2 'streaming OR metrics'");
  for (const char* key : {"query", "corrected", "total", "results", "facets"}) CHECK(j.contains(key));
  CHECK(j["results"].size() == 2);
  CHECK(j["total"].get<int>() >= 2);
  CHECK(j["facets"]["domain"].is_object());
  CHECK(j["facets"]["kind"].is_object());
  auto d = search_json("--domain data-engineering parquet");
  for (const auto& r : d["results"]) CHECK(r["path"].get<std::string>().rfind("data-engineering/", 0) == 0);
  auto t = search_json("--tag metrics --tag classification positives");
  CHECK(t["total"] == 2);
}

TEST_CASE("kb search prints readable text") {
  Run r = kb::testing::run_kb(built_site().parent_path(), "search --site '" + built_site().string() + "' 'kinesys firehose'");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(r.output.find("Did you mean: kinesis firehose?") != std::string::npos);
  CHECK(r.output.find("Amazon Data Firehose") != std::string::npos);
  CHECK(r.output.find("data-engineering/data-firehose.html") != std::string::npos);
}

TEST_CASE("kb search survives bad queries and a missing index") {
  std::string long_query(10000, 'a');
  for (std::string q : {std::string("'\"unbalanced'"), "'" + long_query + "'", std::string("$'a\\x01\\x02b'"),
                        std::string("'the of and'"), std::string("'((( AND'")}) {
    Run r = kb::testing::run_kb(built_site().parent_path(),
                                "search --site '" + built_site().string() + "' --json " + q);
    INFO(q.substr(0, 40) << "\n" << r.output.substr(0, 500));
    CHECK(r.status == 0);
    CHECK(nlohmann::json::parse(r.output, nullptr, false).is_object());
  }
  Run missing = kb::testing::run_kb(built_site().parent_path(), "search --site /nonexistent x");
  CHECK(missing.status == 1);
  CHECK(missing.output.find("kb build") != std::string::npos);
}

TEST_CASE("kb search --domain takes exam:domain on a site of several exams, and the facets name them so") {
  fs::path out = fs::temp_directory_path() / ("kb-search-exams-" + std::to_string(::getpid())) / "site";
  fs::remove_all(out.parent_path());
  fs::create_directories(out.parent_path());
  Run build = kb::testing::run_kb(fs::path(KB_SOURCE_DIR) / "tests/sites/ok/exams", "build -q --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  auto search = [&](const std::string& args) {
    Run r = kb::testing::run_kb(out.parent_path(), "search --site '" + out.string() + "' --json " + args);
    INFO(r.output);
    REQUIRE(r.status == 0);
    auto j = nlohmann::json::parse(r.output, nullptr, false);
    REQUIRE(j.is_object());
    std::set<std::string> titles;
    for (const auto& hit : j["results"]) titles.insert(hit["title"].get<std::string>());
    return std::make_pair(titles, j);
  };
  // Boosting is in new-01:build and old-01:modeling; Feature scaling in
  // new-01:data-prep and old-01:engineering; the retired service in
  // old-01:engineering only.
  CHECK(search("--domain new-01:build trees").first == std::set<std::string>{"Decision trees", "Boosting"});
  CHECK(search("--domain old-01:engineering 'service OR scale'").first ==
        std::set<std::string>{"Feature scaling", "A retired service"});
  CHECK(search("--domain new-01:engineering 'service OR scale'").first.empty());  // no such domain in new-01
  CHECK(search("--domain engineering 'service OR scale'").first.size() == 2);     // a plain id: any exam's
  auto [titles, j] = search("trees");
  CHECK(j["facets"]["domain"].contains("new-01:build"));  // the primary exam's, qualified
}
