#include "content/convention.h"

#include <catch2/catch.hpp>

#include "content/loader.h"
#include "content/test_notes.h"

using namespace kb;
using content::TitleEvidence;
using R = Config::TitleRule;

namespace {

content::Convention decided(const TitleEvidence& e, bool vault = false) {
  content::Convention c;
  c.vault = vault;
  content::decide_titles(c, e);
  return c;
}

const Page* find(const Corpus& corpus, const std::string& source) {
  for (const auto& p : corpus.pages)
    if (p.source == source) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("the title rule follows the notes' own convention") {
  // A GitHub notes repo: notes open with an H1 that names them.
  CHECK(decided({10, 9, 0, 1, 0}).titles == R::kHeading);
  // An Obsidian vault, whatever its notes look like.
  CHECK(decided({10, 9, 0, 0, 0}, true).titles == R::kFileName);
  // Several H1s in a note are sections.
  CHECK(decided({20, 15, 4, 0, 0}).titles == R::kFileName);
  // Most notes open with text: an H1 is a section where it appears.
  CHECK(decided({400, 56, 0, 50, 300}).titles == R::kFileName);
  // Wikilinked notes whose H1s say something else than their names.
  CHECK(decided({10, 8, 0, 6, 10}).titles == R::kFileName);
  // ...but the same H1s without wikilinks title a GitHub repo's notes.
  CHECK(decided({10, 8, 0, 6, 0}).titles == R::kHeading);
  // Nothing to decide: every note has a front-matter title.
  auto all_titled = decided({0, 0, 0, 0, 0});
  CHECK(all_titled.titles == R::kHeading);
  CHECK(all_titled.titles_reason.find("front matter") != std::string::npos);
  // The reason is written for the user.
  CHECK(decided({20, 15, 4, 0, 0}).describe().find("4 of 20 notes") != std::string::npos);
}

TEST_CASE("site.toml's choice wins over detection") {
  content::Convention c;
  c.titles = R::kHeading;
  content::decide_titles(c, {10, 0, 5, 0, 10});
  CHECK(c.titles == R::kHeading);
}

TEST_CASE("a leading H1 that reads as the file name") {
  CHECK(content::h1_matches_name("F1 score", "f1-score"));
  CHECK(content::h1_matches_name("Amazon Kinesis Data Streams", "Kinesis streams"));
  CHECK(content::h1_matches_name("Übersicht", "übersicht"));
  CHECK_FALSE(content::h1_matches_name("Theory", "🎊 ConvNeXt"));
  CHECK_FALSE(content::h1_matches_name("OSI Model", "🗼 Networking"));
}

TEST_CASE("an .obsidian folder makes a vault: file-name titles and Obsidian's line breaks") {
  kb::testing::TempNotes t("kb-convention-vault");
  t.write(".obsidian/app.json", "{\"legacyEditor\": false}");
  t.write("🎊 ConvNeXt.md", "# Theory\n\nDepthwise convolutions.\nA second line.\n\n# Results\n");
  t.write("Plain.md", "---\ntitle: From front matter\n---\n# From front matter\n\nText.\n");
  Diagnostics diags;
  Corpus corpus = content::load(t.config(), diags);
  CHECK(diags.report().empty());
  CHECK(corpus.convention.vault);
  CHECK(corpus.convention.titles == R::kFileName);
  CHECK(corpus.convention.line_breaks);
  const Page* convnext = find(corpus, "🎊 ConvNeXt.md");
  REQUIRE(convnext);
  CHECK(convnext->title == "🎊 ConvNeXt");
  CHECK_FALSE(convnext->drop_leading_h1);  // "Theory" is a section, shown with its id
  const Page* plain = find(corpus, "Plain.md");
  REQUIRE(plain);
  CHECK(plain->title == "From front matter");
  CHECK(plain->drop_leading_h1);  // the H1 repeats the title
}

TEST_CASE("strict line breaks in Obsidian's settings keep markdown's rule") {
  kb::testing::TempNotes t("kb-convention-strict");
  t.write(".obsidian/app.json", "{\"strictLineBreaks\": true}");
  t.write("a.md", "one\ntwo\n");
  Diagnostics diags;
  CHECK_FALSE(content::load(t.config(), diags).convention.line_breaks);
  Config c = t.config();
  c.line_breaks = true;  // site.toml wins
  CHECK(content::load(c, diags).convention.line_breaks);
}

TEST_CASE("a notes repo whose notes open with their H1 is titled by them") {
  kb::testing::TempNotes t("kb-convention-repo");
  t.write("kinesis-streams.md", "# Amazon Kinesis Data Streams\n\nShards.\n");
  t.write("f1-score.md", "# F1 score\n\nHarmonic mean.\n");
  t.write("sub/auc.md", "# AUC\n\nArea.\n");
  Diagnostics diags;
  Corpus corpus = content::load(t.config(), diags);
  CHECK_FALSE(corpus.convention.vault);
  CHECK(corpus.convention.titles == R::kHeading);
  CHECK_FALSE(corpus.convention.line_breaks);
  const Page* k = find(corpus, "kinesis-streams.md");
  REQUIRE(k);
  CHECK(k->title == "Amazon Kinesis Data Streams");
  CHECK(k->drop_leading_h1);
  CHECK(k->summary == "Shards.");
}
