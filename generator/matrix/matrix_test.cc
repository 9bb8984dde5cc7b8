#include "matrix/matrix.h"

#include <filesystem>

#include <catch2/catch.hpp>

#include "config/config.h"
#include "content/loader.h"
#include "content/test_notes.h"

using namespace kb;
using namespace kb::matrix;
namespace fs = std::filesystem;

namespace {

const char* kSchema = "title = \"Stores\"\nkey = \"store\"\nkinds = [\"service\"]\n"
                      "[[columns]]\nname = \"kind\"\ntype = \"enum\"\nvalues = [\"object\", \"block\"]\nrequired = true\n"
                      "[[columns]]\nname = \"peers\"\ntype = \"list\"\nlinks = true\n";

std::string note(const std::string& title, const std::string& kind) {
  return "---\ntitle: " + title + "\nkind: service\nstore: { kind: " + kind + " }\n---\nBody.\n";
}

}  // namespace

TEST_CASE("the model has a matrix per schema, rows by title with unique ids") {
  kb::testing::TempNotes t("kb-matrix-model");
  t.write("data/matrices/stores.toml", kSchema);
  t.write("b/s3.md", note("amazon S3", "object"));
  t.write("a/ebs.md", note("Amazon EBS", "block"));
  t.write("c/s3.md", note("Zeta store", "object"));
  t.write("plain.md", "# Plain\n");
  Config config = t.config();
  Diagnostics diags;
  Corpus corpus = content::load(config, diags);
  REQUIRE(corpus.pages.size() == 4);
  MatrixSet set = build(config.notes_dir, corpus, [](std::string_view) { return std::nullopt; }, diags);
  INFO(diags.report());
  CHECK_FALSE(diags.has_errors());
  REQUIRE(set.matrices.size() == 1);
  const Matrix& m = set.matrices[0];
  CHECK(m.url == "matrices/stores.html");
  CHECK(m.schema.title == "Stores");
  REQUIRE(m.rows.size() == 3);
  CHECK(corpus.pages[m.rows[0].page].title == "Amazon EBS");
  CHECK(corpus.pages[m.rows[1].page].title == "amazon S3");  // case-insensitive
  CHECK(m.rows[0].id == "ebs");
  CHECK(m.rows[1].id == "s3");
  CHECK(m.rows[2].id == "s3-2");  // two notes named s3.md
  CHECK(m.rows[0].cells[0].text == "block");
  // Rows by page.
  size_t plain = 3;
  CHECK(corpus.pages[plain].title == "Plain");
  CHECK(set.rows_of(plain).empty());
  REQUIRE(set.rows_of(m.rows[2].page).size() == 1);
  CHECK(set.rows_of(m.rows[2].page)[0].row == 2);
}

TEST_CASE("without data/matrices/ nothing changes") {
  kb::testing::TempNotes t("kb-matrix-model");
  t.write("a.md", "---\nkind: service\nstore: { kind: nonsense }\n---\n");
  Config config = t.config();
  Diagnostics diags;
  Corpus corpus = content::load(config, diags);
  MatrixSet set = build(config.notes_dir, corpus, [](std::string_view) { return std::nullopt; }, diags);
  CHECK(set.empty());
  CHECK(diags.report().empty());
}

TEST_CASE("a block with an error is no row, and a note at a matrix page's URL is an error") {
  kb::testing::TempNotes t("kb-matrix-model");
  t.write("data/matrices/stores.toml", kSchema);
  t.write("good.md", note("Good", "object"));
  t.write("bad.md", note("Bad", "tape"));
  t.write("matrices/stores.md", "# Clash\n");
  Config config = t.config();
  Diagnostics diags;
  Corpus corpus = content::load(config, diags);
  MatrixSet set = build(config.notes_dir, corpus, [](std::string_view) { return std::nullopt; }, diags);
  REQUIRE(set.matrices.size() == 1);
  REQUIRE(set.matrices[0].rows.size() == 1);
  CHECK(corpus.pages[set.matrices[0].rows[0].page].title == "Good");
  auto d = diags.sorted();
  REQUIRE(d.size() == 2);
  CHECK(d[0].path.find("bad.md") != std::string::npos);
  CHECK(d[0].line == 4);
  CHECK(d[1].path.find("matrices/stores.md") != std::string::npos);
  CHECK(d[1].message.find("is where kb writes a comparison matrix page") != std::string::npos);
}
