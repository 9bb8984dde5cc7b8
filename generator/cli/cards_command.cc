#include "cli/cards_command.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "content/loader.h"
#include "markdown/markdown.h"

namespace kb::cli {
namespace {

const char* kind_name(content::Flashcard::Kind k) {
  switch (k) {
    case content::Flashcard::Kind::kSingleLine: return "single-line";
    case content::Flashcard::Kind::kMultiLine: return "multi-line";
    case content::Flashcard::Kind::kCloze: return "cloze";
  }
  return "single-line";
}

}  // namespace

std::string card_html(const std::string& markdown) {
  markdown::Options options;
  options.heading_ids = false;
  auto doc = markdown::Document::parse(markdown, options);
  // No site to link to: a link shows as its label. Formulas go to Anki's
  // MathJax, which reads \( \) and \[ \].
  auto as_text = [](const markdown::LinkRef&) {
    markdown::ResolvedLink r;
    r.as_text = true;
    return r;
  };
  auto math = [](const markdown::Formula& f, size_t) {
    std::string tex;
    for (char c : f.latex) {
      if (c == '<') tex += "&lt;";
      else if (c == '>') tex += "&gt;";
      else if (c == '&') tex += "&amp;";
      else tex += c;
    }
    return f.display ? "\\[" + tex + "\\]" : "\\(" + tex + "\\)";
  };
  std::string html = doc.render_html(as_text, math).html;
  while (!html.empty() && html.back() == '\n') html.pop_back();
  // One paragraph alone needs no <p> around it on a card.
  if (html.rfind("<p>", 0) == 0 && html.size() > 7 && html.compare(html.size() - 4, 4, "</p>") == 0 &&
      html.find("<p>", 3) == std::string::npos)
    html = html.substr(3, html.size() - 7);
  return html;
}

std::string anki_field(const std::string& text) {
  std::string s = text;
  // Newlines: line breaks inside <pre>, spaces elsewhere (HTML ignores them).
  std::string out;
  bool pre = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 4, "<pre") == 0) pre = true;
    if (s.compare(i, 6, "</pre>") == 0) pre = false;
    if (s[i] == '\n') out += pre ? "<br>" : " ";
    else if (s[i] == '\t') out += "    ";
    else out += s[i];
  }
  if (out.find('"') == std::string::npos) return out;
  std::string quoted = "\"";
  for (char c : out) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string anki_tags(const Page& page) {
  std::vector<std::string> tags;
  auto add = [&](std::string t) {
    std::string out;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '/') out += "::";
      else if (t[i] == ' ' || t[i] == '\t' || t[i] == '"') out += '_';
      else out += t[i];
    }
    if (!out.empty() && std::find(tags.begin(), tags.end(), out) == tags.end()) tags.push_back(out);
  };
  for (const auto& t : page.meta.tags) add(t);
  for (const auto& [exam, domain] : page.exams) add(exam.empty() ? domain : exam + "/" + domain);
  if (page.exams.empty() && !page.domain.empty()) add(page.domain);
  std::string out;
  for (const auto& t : tags) out += (out.empty() ? "" : " ") + t;
  return out;
}

int run_cards(const SiteOptions& options, const CardsCommand& command, std::ostream& out, std::ostream& err) {
  if (command.format != "tsv" && command.format != "json") {
    err << "kb cards: --format is tsv or json, not \"" << command.format << "\"\n";
    return 2;
  }
  Diagnostics diags;
  auto config = resolve_config(options, diags);
  if (!config) {
    err << diags.report();
    return 1;
  }
  Corpus corpus = content::load(*config, diags, nullptr, false);
  err << diags.report();
  if (diags.has_errors()) return 1;
  std::vector<const Page*> pages;
  for (const auto& p : corpus.pages)
    if (!p.cards.empty()) pages.push_back(&p);
  std::sort(pages.begin(), pages.end(), [](const Page* a, const Page* b) { return a->source < b->source; });
  if (command.format == "json") {
    nlohmann::json all = nlohmann::json::array();
    for (const Page* p : pages)
      for (const auto& c : p->cards) {
        nlohmann::json exams = nlohmann::json::object();
        for (const auto& [exam, domain] : p->exams) exams[exam] = domain;
        all.push_back({{"id", c.id}, {"note", p->source}, {"url", p->url}, {"title", p->title},
                       {"context", c.context}, {"kind", kind_name(c.kind)}, {"reversed", c.reversed},
                       {"front", c.front}, {"back", c.back}, {"front_html", card_html(c.front)},
                       {"back_html", card_html(c.back)}, {"line", c.line}, {"tags", p->meta.tags},
                       {"domain", p->domain}, {"exams", exams}});
      }
    out << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  out << "#separator:tab\n#html:true\n#notetype:Basic\n#deck:" << anki_field(config->title)
      << "\n#guid column:1\n#tags column:4\n";
  for (const Page* p : pages) {
    const std::string tags = anki_tags(*p);
    for (const auto& c : p->cards) {
      // The note's title (and the headings above the card) on the front, so
      // a card read out of its note still says what it is about.
      // (A leading H1 that is the title is not said twice.)
      std::string context = c.context;
      if (context == p->title) context.clear();
      else if (context.rfind(p->title + " › ", 0) == 0) context = context.substr(p->title.size() + 5);
      std::string where = p->title + (context.empty() ? "" : " › " + context);
      std::string front = "<div class=\"kb-context\">" + where + "</div>" + card_html(c.front);
      out << c.id << '\t' << anki_field(front) << '\t' << anki_field(card_html(c.back)) << '\t' << tags << '\n';
    }
  }
  return 0;
}

}  // namespace kb::cli
