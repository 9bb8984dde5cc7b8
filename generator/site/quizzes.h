// Quizzes: the site's practice questions (Page::quizzes, content/quiz.h) as
// the pages show them, their links checked.
//
// Contract:
// - quiz_html() is a question on its note's page (or where the note is
//   embedded, `shown_on`): the question, its options lettered A, B, ...,
//   and a <details> that holds the answer and the explanation, so it reads
//   without JS and keeps the answer hidden until asked for:
//     <div class="quiz" role="group" aria-label="Practice question N">
//       <div class="quiz-stem">…</div>
//       <ol class="quiz-options" type="A"><li>…</li>…</ol>
//       <details class="quiz-answer"><summary>Show the answer</summary>
//         <p class="quiz-key">Answer: <strong>B</strong> …</p>
//         <div class="quiz-explanation">…</div></details></div>
//   Markdown renders as site/snippet.h renders it.
// - report_quiz_links() warns at its file:line:col about every explanation
//   link that names no note, or a heading or block its note does not have;
//   returns how many. (Warnings: the question still shows, the link as
//   text; --strict fails.)
// - exam_questions() is every question of the site, in reading order, for
//   exam.html (a page at the site root).
// Pure; after SiteMath::finish().
#pragma once

#include <string>
#include <vector>

#include "content/page.h"
#include "core/diagnostic.h"
#include "links/link_graph.h"
#include "render/site_model.h"
#include "site/site_math.h"

namespace kb::site {

std::string quiz_html(size_t page, const content::Quiz& quiz, size_t ordinal, const std::string& shown_on,
                      const Corpus& corpus, const LinkGraph& graph, const SiteMath& math);

size_t report_quiz_links(const Corpus& corpus, const LinkGraph& graph, Diagnostics& diags);

std::vector<render::ExamQuestion> exam_questions(const render::SiteModel& model, const LinkGraph& graph,
                                                 const SiteMath& math);

}  // namespace kb::site
