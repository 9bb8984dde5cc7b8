#include "cli/quiz_command.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "content/exam_map.h"
#include "content/loader.h"
#include "links/link_graph.h"
#include "site/quizzes.h"

namespace kb::cli {
namespace {

std::string first_words(const std::string& text, size_t max) {
  std::string flat;
  for (char c : text) flat += c == '\n' ? ' ' : c;
  if (flat.size() <= max) return flat;
  size_t cut = flat.rfind(' ', max);
  return flat.substr(0, cut == std::string::npos ? max : cut) + " …";
}

}  // namespace

int run_quiz(const SiteOptions& options, const QuizCommand& command, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  auto config = resolve_config(options, diags);
  if (!config) {
    err << diags.report();
    return 1;
  }
  Corpus corpus = content::load(*config, diags, nullptr, false);
  if (diags.has_errors()) {
    err << diags.report();
    return 1;
  }
  Diagnostics linking;  // the notes' own links are kb check's; only the questions' are said here
  LinkGraph graph = LinkGraph::build(corpus, linking);
  site::report_quiz_links(corpus, graph, diags);
  err << diags.report();
  std::vector<const Page*> pages;
  for (const auto& p : corpus.pages)
    if (!p.quizzes.empty()) pages.push_back(&p);
  std::sort(pages.begin(), pages.end(), [](const Page* a, const Page* b) { return a->source < b->source; });
  if (command.json) {
    nlohmann::json all = nlohmann::json::array();
    for (const Page* p : pages)
      for (const auto& q : p->quizzes) {
        nlohmann::json exams = nlohmann::json::object();
        for (const auto& [exam, domain] : q.exams) exams[exam] = domain;
        nlohmann::json answers = nlohmann::json::array();
        for (int a : q.answers) answers.push_back(content::option_letter(a));
        nlohmann::json links = nlohmann::json::array();
        for (const auto& l : q.links) {
          auto target = graph.find(l.target);
          links.push_back({{"target", l.target},
                           {"note", target ? corpus.pages[*target].source : std::string()},
                           {"url", target ? corpus.pages[*target].url : std::string()}});
        }
        all.push_back({{"id", q.id}, {"note", p->source}, {"url", p->url}, {"title", p->title}, {"line", q.line},
                       {"domain", content::quiz_domain(*config, *p, q)}, {"exams", exams}, {"stem", q.question},
                       {"options", q.options}, {"answers", answers}, {"explanation", q.explanation},
                       {"links", links}});
      }
    out << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  size_t total = 0;
  std::map<std::string, std::map<std::string, size_t>> counts;  // exam -> domain -> questions
  for (const Page* p : pages)
    for (const auto& q : p->quizzes) {
      ++total;
      const std::string domain = content::quiz_domain(*config, *p, q);
      out << fmt::format("{}:{}  [{}]  {}\n", content::display_path(p->file), q.line, domain.empty() ? "-" : domain,
                         first_words(q.question, 72));
      for (const auto& [exam, d] : q.exams) ++counts[exam][d];
    }
  out << fmt::format("\n{} question{} in {} note{}\n", total, total == 1 ? "" : "s", pages.size(),
                     pages.size() == 1 ? "" : "s");
  for (const auto& exam : config->exams) {
    auto it = counts.find(exam.id);
    std::string line;
    for (const auto& d : exam.domains) {
      size_t n = it == counts.end() || !it->second.count(d.id) ? 0 : it->second.at(d.id);
      line += fmt::format("{}{} {}", line.empty() ? "" : ", ", d.id, n);
    }
    out << (exam.id.empty() ? std::string("domains") : exam.id) << ": " << line << "\n";
  }
  return 0;
}

}  // namespace kb::cli
