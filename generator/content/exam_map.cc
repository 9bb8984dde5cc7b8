#include "content/exam_map.h"

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

}  // namespace

void resolve_exams(Page& page, const Config& config, Diagnostics& diags) {
  page.exams.clear();
  page.domain.clear();
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
  for (const auto& [exam_id, domain_id] : m.exams) {
    const std::string pointer = "/exams" + front_matter::pointer_segment(exam_id);
    const Exam* exam = config.exam(exam_id);
    if (!exam || exam_id.empty()) {
      warn_at(pointer, "exams", false,
              "unknown exam '" + exam_id + "' in 'exams'; site.toml declares: " + list_of(exam_ids(config)));
      continue;
    }
    if (!exam->domain(domain_id)) {
      warn_at(pointer, "exams", true,
              "exam '" + exam_id + "' has no domain '" + domain_id + "'; its domains: " + list_of(domain_ids(*exam)));
      continue;
    }
    page.exams[exam_id] = domain_id;
  }
  if (!m.domain.empty()) {
    std::vector<const Exam*> declaring;
    for (const auto& e : config.exams)
      if (e.domain(m.domain)) declaring.push_back(&e);
    if (declaring.empty()) {
      std::string known;
      for (const auto& e : config.exams)
        for (const auto& d : e.domains) known += (known.empty() ? "" : ", ") + d.id;
      warn_at("/domain", "domain", true, "unknown domain '" + m.domain + "'; site.toml declares: " + known);
    } else if (declaring.size() > 1) {
      warn_at("/domain", "domain", true,
              "domain '" + m.domain + "' is a domain of several exams; say which with exams: { " + declaring[0]->id +
                  ": " + m.domain + " }");
    } else if (auto it = page.exams.find(declaring[0]->id); it != page.exams.end() && it->second != m.domain) {
      warn_at("/domain", "domain", true,
              "domain '" + m.domain + "' contradicts exams: { " + it->first + ": " + it->second + " }; keep one");
    } else {
      page.exams[declaring[0]->id] = m.domain;
    }
  }
  if (const Exam* primary = config.primary_exam())
    if (auto it = page.exams.find(primary->id); it != page.exams.end()) page.domain = it->second;
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

void resolve_exams(std::vector<Page>& pages, const Config& config, Diagnostics& diags) {
  for (Page& page : pages) resolve_exams(page, config, diags);
}

}  // namespace kb::content
