#include "content/quiz.h"

#include <catch2/catch.hpp>

using namespace kb;
using content::parse_quiz;

namespace {

// A block as the markdown parser lists it: its fence on file line 10,
// column 1; its content starts on line 11.
markdown::FencedBlock block(const std::string& toml) {
  return {toml, 10, 1, markdown::FencedBlock::Kind::kQuiz};
}

const std::string kGood =
    "question = \"\"\"\nA team needs X.\nWhich option meets it?\n\"\"\"\n"  // lines 11-14
    "options = [\n  \"Use A\",\n  \"Use `B`\",\n  \"Use C\",\n  \"Use D\",\n]\n"  // 15-20
    "answer = \"B\"\n"                                                            // 21
    "explanation = \"\"\"\nB fits ([[Target note]]); A is tempting\n"            // 22-23
    "but see [[Other#Costs|costs]] and `[[not a link]]`.\n\"\"\"\n";            // 24-25

// The single problem's place and whether its message starts with `start`.
void one_problem(const content::QuizParse& q, int line, int column, const std::string& start) {
  REQUIRE(q.problems.size() == 1);
  INFO(q.problems[0].message);
  CHECK_FALSE(q.quiz);
  CHECK(q.problems[0].line == line);
  CHECK(q.problems[0].column == column);
  CHECK(q.problems[0].message.rfind(start, 0) == 0);
}

}  // namespace

TEST_CASE("quiz: a valid block gives its question, options, answers, explanation and links at their places") {
  auto q = parse_quiz(block(kGood), 3, "aws/kinesis.md");
  REQUIRE(q.problems.empty());
  REQUIRE(q.quiz);
  CHECK(q.quiz->block == 3);
  CHECK(q.quiz->line == 10);
  CHECK(q.quiz->question == "A team needs X.\nWhich option meets it?");
  CHECK(q.quiz->options == std::vector<std::string>{"Use A", "Use `B`", "Use C", "Use D"});
  CHECK(q.quiz->answers == std::vector<int>{1});
  CHECK(q.quiz->explanation.rfind("B fits", 0) == 0);
  REQUIRE(q.quiz->links.size() == 2);  // the one in a code span is text
  CHECK(q.quiz->links[0].target == "Target note");
  CHECK(q.quiz->links[0].line == 23);
  CHECK(q.quiz->links[0].column == 9);
  CHECK(q.quiz->links[1].target == "Other");
  CHECK(q.quiz->links[1].fragment == "Costs");
  CHECK(q.quiz->links[1].line == 24);
  CHECK(q.quiz->links[1].column == 9);
  CHECK(q.quiz->id.size() == 16);
}

TEST_CASE("quiz: the id follows the note and the question, not the options or the place") {
  auto a = parse_quiz(block(kGood), 0, "a.md");
  std::string moved = kGood;
  moved.replace(moved.find("Use C"), 5, "Use E");
  auto b = parse_quiz({moved, 40, 3, markdown::FencedBlock::Kind::kQuiz}, 5, "a.md");
  auto c = parse_quiz(block(kGood), 0, "b.md");
  REQUIRE(a.quiz);
  REQUIRE(b.quiz);
  REQUIRE(c.quiz);
  CHECK(a.quiz->id == b.quiz->id);
  CHECK(a.quiz->id != c.quiz->id);
  CHECK(a.quiz->id == "60c6049c7f2dc573");  // pinned: a learner's history keys on it
}

TEST_CASE("quiz: several answers, lower-case letters, domain and exams as written") {
  auto q = parse_quiz(block("domain = \"modeling\"\nexams = { mla-c01 = \"model-development\" }\n"
                            "question = \"Pick two. (Choose TWO.)\"\noptions = [\"a\", \"b\", \"c\", \"d\", \"e\"]\n"
                            "answer = [\"e\", \"B\"]\n"),
                      0, "x.md");
  REQUIRE(q.quiz);
  CHECK(q.quiz->answers == std::vector<int>{1, 4});
  CHECK(q.quiz->explanation.empty());
  CHECK(q.quiz->domain == "modeling");
  CHECK(q.quiz->domain_line == 11);
  CHECK(q.quiz->domain_column == 10);
  CHECK(q.quiz->exams_written == std::map<std::string, std::string>{{"mla-c01", "model-development"}});
  CHECK(q.quiz->exam_places.at("mla-c01") == std::pair<int, int>{12, 21});
}

TEST_CASE("quiz: each mistake is a problem at its file line and column") {
  const std::string opts = "options = [\"one\", \"two\", \"three\", \"four\"]\n";
  // No correct option: missing, or an empty list.
  one_problem(parse_quiz(block("question = \"Q\"\n" + opts), 0, "x.md"), 10, 1, "no correct option");
  one_problem(parse_quiz(block("question = \"Q\"\n" + opts + "answer = []\n"), 0, "x.md"), 13, 10,
              "no correct option");
  // Duplicate options, compared without case or extra space: at the repeat.
  one_problem(parse_quiz(block("question = \"Q\"\noptions = [\n  \"Use S3\",\n  \"use  s3 \",\n  \"Use EFS\",\n]\n"
                               "answer = \"A\"\n"),
                         0, "x.md"),
              14, 3, "option B repeats an earlier option");
  // An answer that names no option, or one twice.
  one_problem(parse_quiz(block("question = \"Q\"\n" + opts + "answer = \"E\"\n"), 0, "x.md"), 13, 10,
              "answer \"E\" names no option: they are A to D");
  one_problem(parse_quiz(block("question = \"Q\"\n" + opts + "answer = [\"A\", \"a\"]\n"), 0, "x.md"), 13, 16,
              "answer \"a\" is named twice");
  one_problem(parse_quiz(block("question = \"Q\"\n" + opts + "answer = 2\n"), 0, "x.md"), 13, 10,
              "`answer` must be an option's letter (A to D)");
  // An unknown key, with the closest one.
  one_problem(parse_quiz(block("question = \"Q\"\n" + opts + "answer = \"A\"\nexplantion = \"x\"\n"), 0, "x.md"), 14, 1,
              "unknown key `explantion` in a quiz block (did you mean `explanation`?)");
  // TOML syntax: toml++'s place.
  auto bad = parse_quiz(block("question = \"Q\n" + opts), 0, "x.md");
  REQUIRE_FALSE(bad.problems.empty());
  CHECK(bad.problems[0].line == 11);
  CHECK(bad.problems[0].message.rfind("invalid TOML in the quiz block", 0) == 0);
  // Too few options; no question; a question of the wrong type.
  one_problem(parse_quiz(block("question = \"Q\"\noptions = [\"only\"]\nanswer = \"A\"\n"), 0, "x.md"), 12, 11,
              "a question needs at least 2 options");
  one_problem(parse_quiz(block(opts + "answer = \"A\"\n"), 0, "x.md"), 10, 1, "the quiz block has no `question`");
  one_problem(parse_quiz(block("question = 3\n" + opts + "answer = \"A\"\n"), 0, "x.md"), 11, 12,
              "`question` must be a string");
  // An empty option.
  one_problem(parse_quiz(block("question = \"Q\"\noptions = [\"a\", \" \", \"c\"]\nanswer = \"A\"\n"), 0, "x.md"), 12,
              17, "option B is empty");
}

TEST_CASE("quiz: an indented fence shifts columns by its indentation") {
  auto q = parse_quiz({"question = \"Q\"\noptions = [\"a\", \"a\"]\nanswer = \"A\"\n", 4, 3,
                       markdown::FencedBlock::Kind::kQuiz},
                      0, "x.md");
  REQUIRE(q.problems.size() == 1);
  CHECK(q.problems[0].line == 6);
  CHECK(q.problems[0].column == 17 + 2);
}

TEST_CASE("quiz: option letters") {
  CHECK(content::option_letter(0) == "A");
  CHECK(content::option_letter(4) == "E");
  CHECK(content::answer_letters({1}) == "B");
  CHECK(content::answer_letters({1, 3}) == "B and D");
  CHECK(content::answer_letters({0, 2, 4}) == "A, C and E");
}
