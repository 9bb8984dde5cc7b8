#include "site/snippet.h"

#include <algorithm>

#include "core/text.h"
#include "markdown/markdown.h"

namespace kb::site {

std::string snippet_anchor(const Page& to, const std::string& fragment) {
  if (fragment.empty()) return {};
  if (fragment[0] == '^')
    return std::any_of(to.block_ids.begin(), to.block_ids.end(),
                       [&](const markdown::BlockId& b) { return "^" + b.id == fragment; })
               ? fragment
               : std::string();
  const std::string slug = text::heading_slug(fragment);
  for (const auto& h : to.headings)
    if (h.id == slug || h.text == fragment) return h.id;
  return {};
}

std::string snippet_href(const std::string& target, const std::string& fragment, const std::string& shown_on,
                         const Corpus& corpus, const LinkGraph& graph) {
  auto found = graph.find(target);
  if (!found) return {};
  const Page& to = corpus.pages[*found];
  std::string href = text::relative_url(shown_on, text::url_encode_path(to.url));
  if (std::string anchor = snippet_anchor(to, fragment); !anchor.empty()) href += "#" + anchor;
  return href;
}

std::string render_snippet(const std::string& text, size_t page, const std::string& shown_on, const Corpus& corpus,
                           const LinkGraph& graph, const SiteMath& math, bool inline_only) {
  markdown::Options options;
  options.heading_ids = false;
  auto doc = markdown::Document::parse(text, options);
  auto resolve = [&](const markdown::LinkRef& ref) {
    markdown::ResolvedLink r;
    std::string href = ref.kind == markdown::LinkKind::kWiki
                           ? snippet_href(ref.target, ref.fragment, shown_on, corpus, graph)
                           : std::string();
    if (href.empty()) {
      r.as_text = true;
      return r;
    }
    r.href = std::move(href);
    r.title = corpus.pages[*graph.find(ref.target)].title;
    r.note = true;
    return r;
  };
  const markdown::MathTypesetter note_math = math.typesetter(page);
  const auto& formulas = corpus.pages[page].formulas;
  auto typeset = [&](const markdown::Formula& f, size_t) -> std::string {
    if (!note_math) return "";  // KaTeX did not run here: the browser typesets it
    for (size_t i = 0; i < formulas.size(); ++i)
      if (formulas[i].latex == f.latex && formulas[i].display == f.display) return note_math(formulas[i], i);
    return "";
  };
  std::string html = doc.render_html(resolve, typeset).html;
  while (!html.empty() && html.back() == '\n') html.pop_back();
  if (inline_only && html.rfind("<p>", 0) == 0 && html.size() >= 7 && html.compare(html.size() - 4, 4, "</p>") == 0 &&
      html.find("<p>", 3) == std::string::npos)
    html = html.substr(3, html.size() - 7);
  return html;
}

}  // namespace kb::site
