// Practice questions: the ```quiz blocks of a note, read and checked.
//
// Syntax (TOML; markdown inside the strings):
//
//   ```quiz
//   domain = "model-development"    # optional: a domain of one of the site's exams
//   exams = { mls-c01 = "modeling" } # optional: per exam (like front matter's exams:)
//   question = """
//   A team trains ... Which approach meets the requirement?
//   """
//   options = [
//     "Use …",                       # 2 to 8 options, distinct; they are A, B, C, …
//     "Use …",
//   ]
//   answer = "B"                     # the correct option's letter; ["A", "C"] for several
//   explanation = """
//   Why B is right, why the tempting A is not ([[Note title]]).
//   """
//   ```
//
// A question's domains default to its note's (Page::exams); `domain` and
// `exams` override them for the exams they name (content/exam_map.h resolves
// them into Quiz::exams).
//
// Contract:
// - parse_quiz() never throws. A block that is not a valid question gives no
//   quiz and one problem per mistake, each at its file line and column: TOML
//   syntax (toml++'s place), an unknown key (with "did you mean"), a missing
//   question, options or answer (no correct option), a value of the wrong
//   type, fewer than 2 or more than 8 options, an empty or duplicate option
//   (compared without case and extra white space), an answer that names no
//   option or names one twice.
// - Quiz::links are the explanation's wikilinks (as the markdown parser finds
//   them: not in code), each at the file place of its `[[`; checking that
//   they name notes is the site's (site/site_quizzes.h), which knows them.
// - Quiz::id is 16 hex digits of FNV-1a over the note's source and the
//   question's text: stable while neither changes, so a learner's history of
//   a question survives edits elsewhere in the note.
// Pure; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "markdown/markdown.h"

namespace kb::content {

struct QuizLink {
  std::string target;    // as written ("" for [[#Heading]])
  std::string fragment;  // heading or ^block, without '#'
  int line = 0, column = 0;
};

struct Quiz {
  size_t block = 0;                  // index in Page::blocks
  int line = 0;                      // file line of the opening fence
  std::string id;
  std::string question;              // markdown
  std::vector<std::string> options;  // markdown, in the order written (A, B, ...)
  std::vector<int> answers;          // indexes into options, ascending
  std::string explanation;           // markdown; "" when none is written
  std::vector<QuizLink> links;       // the explanation's wikilinks
  // As written, with the file place of each value (for exam_map's warnings).
  std::string domain;
  int domain_line = 0, domain_column = 0;
  std::map<std::string, std::string> exams_written;
  std::map<std::string, std::pair<int, int>> exam_places;  // exam id -> line, column of its value
  // Resolved (content/exam_map.h): exam id -> domain id.
  std::map<std::string, std::string> exams;
};

struct QuizProblem {
  std::string message;
  int line = 0, column = 0;  // file places
};

struct QuizParse {
  std::optional<Quiz> quiz;
  std::vector<QuizProblem> problems;  // empty when quiz is set
};

// `block`: a ```quiz block whose line is a file line; `index`: its place in
// Page::blocks; `source`: the note's path in the notes folder.
QuizParse parse_quiz(const markdown::FencedBlock& block, size_t index, const std::string& source);

// "A" for 0, "B" for 1, ...
std::string option_letter(int index);
// The answers as a reader is told them: "B", "B and D", "A, C and E".
std::string answer_letters(const std::vector<int>& answers);

}  // namespace kb::content
