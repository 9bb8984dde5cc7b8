#include "content/exam_map.h"

#include <functional>
#include <map>
#include <tuple>

#include "content/front_matter.h"
#include "content/loader.h"

namespace kb::content {
namespace {

std::string list_of(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::vector<std::string> exam_ids(const Config& config) {
  std::vector<std::string> ids;
  for (const auto& e : config.exams) ids.push_back(e.id);
  return ids;
}

std::vector<std::string> domain_ids(const Exam& exam) {
  std::vector<std::string> ids;
  for (const auto& d : exam.domains) ids.push_back(d.id);
  return ids;
}

// Where a warning about a mapping goes: `exam` is the exam id of an
// `exams` entry ("" for `domain`), `at_value` its value rather than its key.
using WarnAt = std::function<void(const std::string& exam, bool from_exams, bool at_value, const std::string& message)>;

// `exams` and `domain` as written, over `base` (a quiz's note's mapping): a
// domain names the exam that declares it.
std::map<std::string, std::string> mapped(const std::map<std::string, std::string>& exams, const std::string& domain,
                                          const Config& config, std::map<std::string, std::string> base,
                                          const WarnAt& warn) {
  std::map<std::string, std::string> from_exams;
  for (const auto& [exam_id, domain_id] : exams) {
    const Exam* exam = config.exam(exam_id);
    if (!exam || exam_id.empty()) {
      warn(exam_id, true, false,
           "unknown exam '" + exam_id + "' in 'exams'; site.toml declares: " + list_of(exam_ids(config)));
      continue;
    }
    if (!exam->domain(domain_id)) {
      warn(exam_id, true, true,
           "exam '" + exam_id + "' has no domain '" + domain_id + "'; its domains: " + list_of(domain_ids(*exam)));
      continue;
    }
    from_exams[exam_id] = domain_id;
  }
  if (!domain.empty()) {
    std::vector<const Exam*> declaring;
    for (const auto& e : config.exams)
      if (e.domain(domain)) declaring.push_back(&e);
    if (declaring.empty()) {
      std::string known;
      for (const auto& e : config.exams)
        for (const auto& d : e.domains) known += (known.empty() ? "" : ", ") + d.id;
      warn("", false, true, "unknown domain '" + domain + "'; site.toml declares: " + known);
    } else if (declaring.size() > 1) {
      warn("", false, true,
           "domain '" + domain + "' is a domain of several exams; say which with exams: { " + declaring[0]->id + ": " +
               domain + " }");
    } else if (auto it = from_exams.find(declaring[0]->id); it != from_exams.end() && it->second != domain) {
      warn("", false, true, "domain '" + domain + "' contradicts exams: { " + it->first + ": " + it->second + " }; keep one");
    } else {
      from_exams[declaring[0]->id] = domain;
    }
  }
  for (auto& [exam, d] : from_exams) base[exam] = d;
  return base;
}

}  // namespace

void resolve_exams(Page& page, const Config& config, Diagnostics& diags) {
  page.exams.clear();
  page.domain.clear();
  for (auto& q : page.quizzes) q.exams.clear();
  const FrontMatter& m = page.meta;
  if (config.exams.empty()) {  // no exam declared: the domain as written
    page.domain = m.domain;
    return;
  }
  const std::string file = display_path(page.file);
  auto warn_at = [&](const std::string& pointer, const std::string& key, bool at_value, const std::string& message) {
    int line = 0, column = 0;
    if (auto p = m.places.find(pointer); p != m.places.end()) {
      line = at_value ? p->second.value_line : p->second.line;
      column = at_value ? p->second.value_column : p->second.column;
    } else if (auto l = m.key_lines.find(key); l != m.key_lines.end()) {
      line = l->second;
    }
    diags.warning(file, line, column, message);
  };
  page.exams = mapped(m.exams, m.domain, config, {},
                      [&](const std::string& exam, bool from_exams, bool at_value, const std::string& message) {
                        if (from_exams) warn_at("/exams" + front_matter::pointer_segment(exam), "exams", at_value, message);
                        else warn_at("/domain", "domain", true, message);
                      });
  if (const Exam* primary = config.primary_exam())
    if (auto it = page.exams.find(primary->id); it != page.exams.end()) page.domain = it->second;
  // Each question: the note's domains, unless it names its own.
  for (auto& q : page.quizzes)
    q.exams = mapped(q.exams_written, q.domain, config, page.exams,
                     [&](const std::string& exam, bool from_exams, bool, const std::string& message) {
                       auto place = q.exam_places.find(exam);
                       int line = from_exams ? q.line : q.domain_line, column = from_exams ? 0 : q.domain_column;
                       if (from_exams && place != q.exam_places.end()) std::tie(line, column) = place->second;
                       diags.warning(file, line, column, "quiz: " + message,
                                     echo_of(page.body, line - page.body_line + 1, column));
                     });
  if (page.exams.empty()) return;
  bool active = false;
  std::vector<std::string> wanted;
  for (const auto& e : config.exams) {
    if (e.retired) continue;
    wanted.push_back(e.id);
    active |= page.exams.count(e.id) > 0;
  }
  if (!active && !wanted.empty())
    warn_at("/exams", m.exams.empty() ? "domain" : "exams", false,
            "the note is in no domain of an active exam (" + list_of(wanted) + "); add it, like exams: { " +
                wanted.front() + ": " + config.exam(wanted.front())->domains.front().id + " }");
}

std::string quiz_domain(const Config& config, const Page& page, const Quiz& q) {
  if (config.exams.empty()) return q.domain.empty() ? page.domain : q.domain;
  const Exam* primary = config.primary_exam();
  auto it = primary ? q.exams.find(primary->id) : q.exams.end();
  return it == q.exams.end() ? std::string() : it->second;
}

std::string written_quiz_domains(const Page& page) {
  std::string out;
  for (const auto& q : page.quizzes) {
    if (q.domain.empty() && q.exams_written.empty()) continue;
    out += q.domain + '\x1f' + std::to_string(q.line) + ':' + std::to_string(q.domain_line) + ':' +
           std::to_string(q.domain_column);
    for (const auto& [exam, domain] : q.exams_written) {
      auto place = q.exam_places.find(exam);
      out += '\x1f' + exam + '=' + domain + '@' +
             (place == q.exam_places.end() ? "" : std::to_string(place->second.first) + ':' +
                                                      std::to_string(place->second.second));
    }
    out += '\x1e';
  }
  return out;
}

void resolve_exams(std::vector<Page>& pages, const Config& config, Diagnostics& diags) {
  for (Page& page : pages) resolve_exams(page, config, diags);
}

}  // namespace kb::content
