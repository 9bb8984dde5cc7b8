// `kb quiz [--notes DIR] [--json]`: every practice question of the notes
// (content/quiz.h), for checking them or for other tools.
//
// Contract:
// - run_quiz() loads the notes as `kb check` would (site.toml, drafts left
//   out) and resolves their links; load problems and the questions' own
//   (a block that is no valid question, a domain site.toml does not have,
//   an explanation link that finds no note) go to `err` as file:line:col.
//   Errors: exit status 1, nothing printed. Warnings are printed and the
//   questions that are valid still listed.
// - Questions come note by note in path order, each note's in document order.
// - --json: an array of {id, note, url, title, line, domain (its domain in
//   the site's primary exam, or as written in a site without exams), exams
//   ({exam: domain}, every exam it is in), stem, options (markdown, A first),
//   answers (letters), explanation (markdown), links: [{target, note, url}]
//   (each explanation link; note and url "" when it finds no note)}.
// - Otherwise a text summary: a line per question (note:line, its domain,
//   its first words), then the count per domain of each exam.
#pragma once

#include <ostream>

#include "cli/commands.h"

namespace kb::cli {

struct QuizCommand {
  bool json = false;
};

int run_quiz(const SiteOptions& options, const QuizCommand& command, std::ostream& out, std::ostream& err);

}  // namespace kb::cli
