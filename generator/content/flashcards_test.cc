#include "content/flashcards.h"

#include <algorithm>

#include <catch2/catch.hpp>

using kb::content::extract_cards;
using kb::content::Flashcard;
using kb::content::holds_cards;


TEST_CASE("flashcards: only notes tagged flashcards hold them") {
  CHECK(holds_cards({"aws", "flashcards"}));
  CHECK(holds_cards({"flashcards/sagemaker"}));
  CHECK_FALSE(holds_cards({"flashcard", "cards", "my-flashcards"}));
  CHECK_FALSE(holds_cards({}));
}

TEST_CASE("flashcards: single-line, reversed and list-item cards") {
  std::string body =
      "# Metrics\n"
      "\n"
      "Recall::TP / (TP + FN)\n"
      "- Precision :: TP / (TP + FP) <!--SR:!2026-01-01,3,250-->\n"
      "Specificity:::True negative rate\n"
      "Text with a `std::vector` in code is no card.\n"
      "::no front\n";
  auto cards = extract_cards(body, 5, "metrics/recall.md");
  REQUIRE(cards.size() == 4);
  CHECK(cards[0].front == "Recall");
  CHECK(cards[0].back == "TP / (TP + FN)");
  CHECK(cards[0].line == 7);  // body line 3, the body starting at file line 5
  CHECK(cards[0].context == "Metrics");
  CHECK(cards[1].front == "Precision");
  CHECK(cards[1].back == "TP / (TP + FP)");  // the plugin's schedule dropped
  CHECK(cards[2].front == "Specificity");
  CHECK(cards[2].back == "True negative rate");
  CHECK_FALSE(cards[2].reversed);
  CHECK(cards[3].front == "True negative rate");
  CHECK(cards[3].back == "Specificity");
  CHECK(cards[3].reversed);
  CHECK(cards[2].id != cards[3].id);
}

TEST_CASE("flashcards: multi-line cards split at a lone ? (?? adds the reverse), ending at a blank line") {
  std::string body =
      "## Inference\n"
      "### Options\n"
      "Which endpoint type scales to zero\n"
      "and takes payloads up to 1 GB?\n"
      "?\n"
      "Asynchronous inference,\n"
      "with an SQS-like internal queue.\n"
      "\n"
      "Serverless\n"
      "??\n"
      "Scales to zero, no GPUs\n";
  auto cards = extract_cards(body, 1, "a.md");
  REQUIRE(cards.size() == 3);
  CHECK(cards[0].kind == Flashcard::Kind::kMultiLine);
  CHECK(cards[0].front == "Which endpoint type scales to zero\nand takes payloads up to 1 GB?");
  CHECK(cards[0].back == "Asynchronous inference,\nwith an SQS-like internal queue.");
  CHECK(cards[0].context == "Inference › Options");
  CHECK(cards[0].line == 3);
  CHECK(cards[1].front == "Serverless");
  CHECK(cards[2].reversed);
  CHECK(cards[2].front == "Scales to zero, no GPUs");
}

TEST_CASE("flashcards: a cloze card per {{span}} while highlights, bold and math stay what they are") {
  std::string body =
      "The {{F1 score}} is the harmonic mean of {{precision}} and recall; ==remember it==.\n"
      "\n"
      "A ==highlight== and **bold** alone make no card.\n"
      "\n"
      "Math $\\frac{{a}}{b}$ and `{{code}}` are not clozes.\n";
  auto cards = extract_cards(body, 1, "f1.md");
  REQUIRE(cards.size() == 2);
  CHECK(cards[0].kind == Flashcard::Kind::kCloze);
  CHECK(cards[0].front == "The […] is the harmonic mean of precision and recall; ==remember it==.");
  CHECK(cards[0].back == "The **F1 score** is the harmonic mean of precision and recall; ==remember it==.");
  CHECK(cards[1].front == "The F1 score is the harmonic mean of […] and recall; ==remember it==.");
}

TEST_CASE("flashcards: nothing in fenced or indented code is a card") {
  std::string body =
      "```cpp\n"
      "auto v = std::vector<int>::size_type{};\n"
      "?\n"
      "```\n"
      "\n"
      "    indented::code\n"
      "\n"
      "~~~~\n"
      "a::b\n"
      "~~~\n"
      "still::code\n"
      "~~~~\n"
      "After::fence\n";
  auto cards = extract_cards(body, 1, "code.md");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].front == "After");
  CHECK(cards[0].line == 13);
}

TEST_CASE("flashcards: ids depend on the note and the card's text only") {
  std::string a = "Q::A\n", b = "\n\nQ::A\n", c = "Q::A2\n";
  auto x = extract_cards(a, 1, "n.md"), y = extract_cards(b, 9, "n.md"), z = extract_cards(c, 1, "n.md");
  auto w = extract_cards(a = "Q::A\n", 1, "other.md");
  REQUIRE((x.size() == 1 && y.size() == 1 && z.size() == 1 && w.size() == 1));
  CHECK(x[0].id == y[0].id);  // moved within the note: the same card
  CHECK(x[0].id != z[0].id);
  CHECK(x[0].id != w[0].id);
  CHECK(x[0].id.size() == 16);
  CHECK(x[0].id == "f16c23ec88ac11f7");  // FNV-1a: the same in every kb build, as Anki GUIDs must be
}
