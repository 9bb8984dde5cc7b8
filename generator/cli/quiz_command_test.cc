#include "cli/quiz_command.h"

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "content/test_notes.h"

using namespace kb;

namespace {

const char* kSiteToml =
    "title = \"T\"\n"
    "[[exams]]\nid = \"new\"\ntitle = \"New\"\nstatus = \"active\"\n"
    "[[exams.domains]]\nid = \"data\"\ntitle = \"Data\"\nweight = 50\n"
    "[[exams.domains]]\nid = \"models\"\ntitle = \"Models\"\nweight = 50\n"
    "[[exams]]\nid = \"old\"\ntitle = \"Old\"\nstatus = \"retired\"\nretired = 2026-03-31\n"
    "[[exams.domains]]\nid = \"modeling\"\ntitle = \"Modeling\"\nweight = 100\n";

}  // namespace

TEST_CASE("kb quiz --json prints every question with its domains, answers and links, and warns about the bad ones") {
  kb::testing::TempNotes t("kb-quiz-test");
  std::ofstream(t.root / "site.toml") << kSiteToml;
  t.write("precision.md", "---\ntitle: Precision\nexams: { new: models, old: modeling }\n---\n# Precision\n\n## Costs\nx\n");
  t.write("metrics.md",
          "---\ntitle: Metrics\nexams: { new: models, old: modeling }\n---\n"  // 1-4
          "```quiz\n"                                                          // 5
          "question = \"Which metric? (Choose TWO.)\"\n"                      // 6
          "options = [\"Precision\", \"Recall\", \"Accuracy\", \"AUC\", \"Log loss\"]\n"
          "answer = [\"A\", \"D\"]\n"
          "explanation = \"See [[Precision#Costs]] and [[Nowhere]].\"\n"       // 9
          "```\n"
          "```quiz\ndomain = \"data\"\nquestion = \"Q2\"\noptions = [\"x\", \"y\"]\nanswer = \"B\"\n```\n"  // 11-16
          "```quiz\nquestion = \"Broken\"\noptions = [\"x\", \"X \"]\nanswer = \"A\"\n```\n");  // 17-21
  cli::SiteOptions site;
  site.config = (t.root / "site.toml").string();
  site.notes = (t.root / "notes").string();
  std::ostringstream out, err;
  REQUIRE(cli::run_quiz(site, {true}, out, err) == 0);
  INFO(out.str() << err.str());
  CHECK(err.str().find("metrics.md:9:") != std::string::npos);
  CHECK(err.str().find("no note named \u201CNowhere\u201D") != std::string::npos);
  CHECK(err.str().find("metrics.md:19:") != std::string::npos);  // the repeated option
  auto all = nlohmann::json::parse(out.str());
  REQUIRE(all.size() == 2);  // the broken block is no question
  CHECK(all[0]["domain"] == "models");
  CHECK(all[0]["exams"] == nlohmann::json({{"new", "models"}, {"old", "modeling"}}));
  CHECK(all[0]["stem"] == "Which metric? (Choose TWO.)");
  CHECK(all[0]["options"].size() == 5);
  CHECK(all[0]["answers"] == nlohmann::json({"A", "D"}));
  CHECK(all[0]["line"] == 5);
  REQUIRE(all[0]["links"].size() == 2);
  CHECK(all[0]["links"][0]["note"] == "precision.md");
  CHECK(all[0]["links"][0]["url"] == "precision.html");
  CHECK(all[0]["links"][1]["note"] == "");
  CHECK(all[0]["id"].get<std::string>().size() == 16);
  CHECK(all[1]["domain"] == "data");  // its own domain, over the note's
  CHECK(all[1]["exams"] == nlohmann::json({{"new", "data"}, {"old", "modeling"}}));

  std::ostringstream text, err2;
  REQUIRE(cli::run_quiz(site, {false}, text, err2) == 0);
  CHECK(text.str().find("2 questions in 1 note\n") != std::string::npos);
  CHECK(text.str().find("new: data 1, models 1\n") != std::string::npos);
  CHECK(text.str().find("old: modeling 2\n") != std::string::npos);
}
