// Exam map: each note's domain in each of the site's exams (site.toml's
// [[exams]], or the one exam of [[domains]]), from its front matter.
//
// Contract: resolve_exams() sets every page's `exams` (exam id -> domain id)
// and `domain` (its domain in Config::primary_exam()) from `exams:` and
// `domain:` as written:
// - `exams: { mla-c01: model-development }` names the exam and the domain;
// - `domain: modeling` names a domain of the exam that declares it (with
//   [[domains]], the one exam); in a site with several exams that declare
//   the same id, it is ambiguous and `exams:` must say which;
// - a site that declares no exam keeps `domain:` as written, unchecked.
// A wrong id (an exam or domain site.toml does not declare, an ambiguous or
// contradicting `domain:`) is a warning at its file:line:col, with the ids
// to choose from, and that mapping is dropped: one note's slip does not stop
// the build (--strict makes it fail). A note mapped to some exam but to no
// active one is warned about too: it is study material for a retired exam
// only. Each of the page's questions (Page::quizzes) gets the note's
// mapping, overridden by its own `exams` and `domain` (content/quiz.h),
// checked the same way and warned about at the quiz's keys. Depends on the
// front matter, the questions' written domains and site.toml alone, so a
// page where none of those changed resolves as before.
#pragma once

#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "core/diagnostic.h"

namespace kb::content {

void resolve_exams(Page& page, const Config& config, Diagnostics& diags);
void resolve_exams(std::vector<Page>& pages, const Config& config, Diagnostics& diags);

// A question's domain in the primary exam, as pages and `kb quiz` show it;
// in a site without exams, as written (or its note's).
std::string quiz_domain(const Config& config, const Page& page, const Quiz& quiz);

// What of the page's questions resolve_exams() reads and warns at: each
// written `domain` and `exams` with their places (questions without either
// left out), as one comparable string.
std::string written_quiz_domains(const Page& page);

}  // namespace kb::content
