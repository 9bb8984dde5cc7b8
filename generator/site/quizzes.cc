#include "site/quizzes.h"

#include "content/exam_map.h"
#include "content/loader.h"
#include "site/snippet.h"

namespace kb::site {

std::string quiz_html(size_t page, const content::Quiz& q, size_t ordinal, const std::string& shown_on,
                      const Corpus& corpus, const LinkGraph& graph, const SiteMath& math) {
  auto md = [&](const std::string& text, bool inline_only) {
    return render_snippet(text, page, shown_on, corpus, graph, math, inline_only);
  };
  std::string out = "<div class=\"quiz\" role=\"group\" aria-label=\"Practice question " + std::to_string(ordinal) +
                    "\" data-quiz=\"" + q.id + "\">\n<div class=\"quiz-stem\">" + md(q.question, false) +
                    "</div>\n<ol class=\"quiz-options\" type=\"A\">\n";
  for (const auto& option : q.options) out += "<li>" + md(option, true) + "</li>\n";
  out += "</ol>\n<details class=\"quiz-answer\"><summary>Show the answer</summary>\n<p class=\"quiz-key\">Answer: <strong>" +
         content::answer_letters(q.answers) + "</strong></p>\n";
  if (!q.explanation.empty()) out += "<div class=\"quiz-explanation\">" + md(q.explanation, false) + "</div>\n";
  out += "</details>\n</div>\n";
  return out;
}

size_t report_quiz_links(const Corpus& corpus, const LinkGraph& graph, Diagnostics& diags) {
  size_t broken = 0;
  for (const Page& p : corpus.pages)
    for (const auto& q : p.quizzes)
      for (const auto& l : q.links) {
        std::string message;
        auto target = graph.find(l.target);
        if (!target)
          message = "quiz explanation: no note named \u201C" + l.target +
                    "\u201D (check the title, or use a note's alias or file name)";
        else if (!l.fragment.empty() && snippet_anchor(corpus.pages[*target], l.fragment).empty())
          message = "quiz explanation: \u201C" + corpus.pages[*target].title + "\u201D has no " +
                    (l.fragment[0] == '^' ? "block " : "heading ") + "\u201C" + l.fragment + "\u201D";
        if (message.empty()) continue;
        ++broken;
        diags.warning(content::display_path(p.file), l.line, l.column, message, echo_of(p.body, l.line - p.body_line + 1, l.column));
      }
  return broken;
}

std::vector<render::ExamQuestion> exam_questions(const render::SiteModel& model, const LinkGraph& graph,
                                                 const SiteMath& math) {
  std::vector<render::ExamQuestion> out;
  const Corpus& corpus = *model.corpus;
  for (size_t page : render::study_order(model))
    for (const auto& q : corpus.pages[page].quizzes) {
      render::ExamQuestion e;
      e.id = q.id;
      e.page = page;
      e.stem_html = render_snippet(q.question, page, "", corpus, graph, math);
      for (const auto& o : q.options) e.options_html.push_back(render_snippet(o, page, "", corpus, graph, math, true));
      e.answers = q.answers;
      e.explanation_html = q.explanation.empty() ? "" : render_snippet(q.explanation, page, "", corpus, graph, math);
      e.exams = q.exams;
      e.domain = content::quiz_domain(*model.config, corpus.pages[page], q);
      out.push_back(std::move(e));
    }
  return out;
}

}  // namespace kb::site
