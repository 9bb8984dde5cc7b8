// The matrix fixture (tests/sites/ok/matrix/): schemas in notes/data/matrices/,
// values in YAML (flow and block) and TOML front matter. Its matrix pages are
// real tables (rows linking to their notes, sorted by title, typed cells), the
// notes show their values as a card, every page links the matrices, and a site
// without schemas has none of this.
#include <unistd.h>

#include <filesystem>
#include <string>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::count;
using kb::testing::Run;
using kb::testing::slurp;

namespace {

fs::path temp(const std::string& name) { return kb::testing::scratch_path("kb-matrix", name); }

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }


const fs::path kSite = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/matrix";

}  // namespace

TEST_CASE("the matrix fixture checks clean, strictly") {
  Run check = kb::testing::run_kb(kSite, "check --strict");
  INFO(check.output);
  CHECK(check.status == 0);
  CHECK(has(check.output, "0 errors, 0 warnings"));
}

TEST_CASE("a matrix page is a table of rows linking to their notes") {
  fs::path out = temp("site");
  Run build = kb::testing::run_kb(kSite, "build --strict --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  for (const char* f : {"matrices/index.html", "matrices/stores.html", "matrices/models.html", "assets/matrix.js"})
    CHECK(fs::exists(out / f));

  std::string page = slurp(out / "matrices/stores.html");
  std::string table = page.substr(page.find("<table class=\"matrix-table\" id=\"matrix-table\">"));
  table = table.substr(0, table.find("</table>"));
  // A real table: a header row of the schema's labels, one row per note.
  CHECK(has(table, "<thead><tr><th scope=\"col\" data-column=\"title\" data-type=\"text\">Name</th>"));
  CHECK(has(table, ">Largest object (TB)</th>"));
  CHECK(count(table, "<tr id=\"row-") == 5);
  // Rows by title, the first cell linking to the note.
  size_t ebs = table.find("<a href=\"../storage/ebs.html\">Amazon EBS</a>");
  size_t efs = table.find("<a href=\"../storage/efs.html\">Amazon EFS</a>");
  size_t s3 = table.find("<th scope=\"row\" data-sort=\"Amazon S3\"><a href=\"../storage/s3.html\">Amazon S3</a>");
  size_t glacier = table.find("<a href=\"../storage/glacier.html\">S3 Glacier</a>");
  REQUIRE(ebs != std::string::npos);
  REQUIRE(glacier != std::string::npos);
  CHECK(ebs < efs);
  CHECK(efs < s3);
  CHECK(s3 < glacier);
  // Typed cells: a bool as Yes/No, a number, a list as a list, links to notes,
  // a dash for a value not given; the TOML note's values too.
  CHECK(has(table, "data-type=\"bool\" data-sort=\"no\">No"));
  CHECK(has(table, "data-type=\"number\" data-sort=\"5\">5"));
  CHECK(has(table, "<ul class=\"matrix-list\"><li>restore first</li><li>HTTP API</li></ul>"));
  CHECK(has(table, "<li><a href=\"../storage/ebs.html\">Amazon EBS</a></li>"));
  CHECK(has(table, "<span class=\"matrix-none\""));
  // The controls exist for matrix.js, hidden until it shows them.
  CHECK(has(page, "<form class=\"matrix-controls\" hidden"));
  CHECK(has(page, "<select data-filter=\"category\">"));
  CHECK(has(page, "<option value=\"HTTP API\">HTTP API (2)</option>"));
  CHECK(has(page, "<option value=\"Yes\">Yes (3)</option>"));
  CHECK_FALSE(has(page, "data-filter=\"use\""));  // no filter = true
  CHECK(has(page, "<section class=\"matrix-compare\" id=\"compare\" hidden"));
  CHECK(has(page, "<script src=\"../assets/matrix.js\" defer></script>"));
  // Only matrix pages load it.
  CHECK_FALSE(has(slurp(out / "storage/s3.html"), "matrix.js"));

  std::string index = slurp(out / "matrices/index.html");
  CHECK(has(index, "<a href=\"stores.html\">Storage services</a> <span class=\"count\">5 rows · 6 attributes</span>"));
  CHECK(has(index, "<a href=\"models.html\">Model families</a>"));
  CHECK(index.find("stores.html\">Storage") < index.find("models.html\">Model"));  // by order
  // Every page links the list of matrices from its header.
  CHECK(has(slurp(out / "index.html"), "<a href=\"matrices/index.html\">Matrices</a>"));
  CHECK(has(page, "<a href=\"index.html\" aria-current=\"page\">Matrices</a>"));
}

TEST_CASE("a note with matrix values shows them as a card linking to its row") {
  fs::path out = temp("cards");
  Run build = kb::testing::run_kb(kSite, "build --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  std::string s3 = slurp(out / "storage/s3.html");
  REQUIRE(has(s3, "<aside class=\"matrix-card\" aria-label=\"Storage services\">"));
  // Near the top: after the title, before the body.
  CHECK(s3.find("<h1>Amazon S3</h1>") < s3.find("matrix-card"));
  CHECK(s3.find("matrix-card") < s3.find("<div class=\"note-body\">"));
  CHECK(has(s3, "<a href=\"../matrices/stores.html#row-s3\">Storage services</a>"));
  CHECK(has(s3, "<div><dt>Largest object (TB)</dt><dd>5</dd></div>"));
  CHECK(has(s3, "<li><a href=\"glacier.html\">S3 Glacier</a></li>"));
  // A column the note leaves out is not on its card.
  std::string ebs = slurp(out / "storage/ebs.html");
  CHECK(has(ebs, "matrix-card"));
  CHECK_FALSE(has(ebs, "Largest object"));
  CHECK(has(slurp(out / "models/kmeans.html"), "<div><dt>Learning</dt><dd>unsupervised</dd></div>"));
  // An algorithm note without a block has no card (and gave no warning).
  CHECK_FALSE(has(slurp(out / "models/trees.html"), "matrix-card"));
}

TEST_CASE("a notes folder without data/matrices/ gets no matrix pages or links") {
  fs::path out = temp("basic");
  fs::path basic = fs::path(KB_SOURCE_DIR) / "tests/sites/ok/basic";
  Run build = kb::testing::run_kb(basic, "build --out '" + out.string() + "'");
  INFO(build.output);
  REQUIRE(build.status == 0);
  CHECK_FALSE(fs::exists(out / "matrices"));
  CHECK_FALSE(has(slurp(out / "index.html"), "Matrices"));
  CHECK_FALSE(has(slurp(out / "metrics/f1.html"), "matrix-card"));
}
