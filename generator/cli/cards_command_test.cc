#include "cli/cards_command.h"

#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "content/test_notes.h"

using namespace kb;

TEST_CASE("kb cards: a TSV field is quoted as Anki's reader takes it") {
  CHECK(cli::anki_field("plain text") == "plain text");
  CHECK(cli::anki_field("a\tb\nc") == "a    b c");
  CHECK(cli::anki_field("<code class=\"x\">a</code>") == "\"<code class=\"\"x\"\">a</code>\"");
  CHECK(cli::anki_field("<pre><code>a\nb</code></pre>\nafter") == "<pre><code>a<br>b</code></pre> after");
}

TEST_CASE("kb cards: a card's markdown as HTML, links as labels and math for MathJax") {
  CHECK(cli::card_html("See [[Precision|the precision note]] and **this**") ==
        "See the precision note and <strong>this</strong>");
  const std::string math = cli::card_html("$a < b$ then $$x^2$$");
  CHECK(math.find("\\(a &lt; b\\)") != std::string::npos);
  CHECK(math.find("\\[x^2\\]") != std::string::npos);
  CHECK(cli::card_html("one\n\ntwo").find("<p>one</p>") != std::string::npos);  // several paragraphs keep theirs
}

TEST_CASE("kb cards: Anki tags from the note's tags and its exams") {
  Page p;
  p.meta.tags = {"metrics", "flashcards/ml", "two words"};
  p.exams = {{"mla-c01", "model-development"}};
  CHECK(cli::anki_tags(p) == "metrics flashcards::ml two_words mla-c01::model-development");
}

TEST_CASE("kb cards prints Anki's import headers and a line per card, and JSON with every field") {
  kb::testing::TempNotes t("kb-cards-test");
  t.write("metrics/recall.md",
          "---\ntitle: Recall\ntags: [metrics, flashcards]\n---\n# Recall\n\n## Formula\nRecall::$\\frac{TP}{TP+FN}$\n"
          "Sensitivity:::Recall\n");
  t.write("metrics/plain.md", "---\ntitle: Plain\ntags: [metrics]\n---\nNot::a card here.\n");
  t.write("a.md", "---\ntitle: A\ntags: [flashcards]\n---\nThe {{F1 score}} balances precision and recall.\n");
  cli::SiteOptions site;
  site.notes = (t.root / "notes").string();
  std::ostringstream out, err;
  REQUIRE(cli::run_cards(site, {}, out, err) == 0);
  INFO(out.str() << err.str());
  const std::string tsv = out.str();
  CHECK(tsv.rfind("#separator:tab\n#html:true\n#notetype:Basic\n", 0) == 0);
  CHECK(tsv.find("#guid column:1\n#tags column:4\n") != std::string::npos);
  std::istringstream lines(tsv);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line[0] != '#') rows.push_back(line);
  REQUIRE(rows.size() == 4);  // the cloze, then recall's three (path order); plain.md holds none
  CHECK(rows[0].find("The […] balances") != std::string::npos);
  for (const auto& r : rows) CHECK(std::count(r.begin(), r.end(), '\t') == 3);
  CHECK(rows[1].find("Recall › Formula</div>Recall") != std::string::npos);  // the title not said twice
  CHECK(rows[1].find("\\(\\frac{TP}{TP+FN}\\)") != std::string::npos);
  CHECK(rows[1].substr(rows[1].rfind('\t') + 1) == "metrics flashcards");

  std::ostringstream json_out, json_err;
  cli::CardsCommand json;
  json.format = "json";
  REQUIRE(cli::run_cards(site, json, json_out, json_err) == 0);
  auto all = nlohmann::json::parse(json_out.str());
  REQUIRE(all.size() == 4);
  CHECK(all[1]["note"] == "metrics/recall.md");
  CHECK(all[1]["front"] == "Recall");
  CHECK(all[1]["kind"] == "single-line");
  CHECK(all[3]["reversed"] == true);
  CHECK(all[1]["id"].get<std::string>().size() == 16);
  // Importing again updates rather than duplicates: ids are the same next time.
  std::ostringstream again, again_err;
  REQUIRE(cli::run_cards(site, json, again, again_err) == 0);
  CHECK(nlohmann::json::parse(again.str())[1]["id"] == all[1]["id"]);

  std::ostringstream bad_out, bad_err;
  cli::CardsCommand bad;
  bad.format = "csv";
  CHECK(cli::run_cards(site, bad, bad_out, bad_err) == 2);
  CHECK(bad_err.str().find("--format is tsv or json") != std::string::npos);
}
