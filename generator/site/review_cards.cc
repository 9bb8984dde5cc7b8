#include "site/review_cards.h"

#include "core/text.h"
#include "markdown/markdown.h"

namespace kb::site {
namespace {

std::string render_card(const std::string& text, size_t page, const Corpus& corpus, const LinkGraph& graph,
                        const SiteMath& math) {
  markdown::Options options;
  options.heading_ids = false;
  auto doc = markdown::Document::parse(text, options);
  auto resolve = [&](const markdown::LinkRef& ref) {
    markdown::ResolvedLink r;
    auto target = ref.kind == markdown::LinkKind::kWiki ? graph.find(ref.target) : std::nullopt;
    if (!target) {
      r.as_text = true;
      return r;
    }
    r.href = text::url_encode_path(corpus.pages[*target].url);
    r.title = corpus.pages[*target].title;
    r.note = true;
    return r;
  };
  const markdown::MathTypesetter note_math = math.typesetter(page);
  const auto& formulas = corpus.pages[page].formulas;
  auto typeset = [&](const markdown::Formula& f, size_t) -> std::string {
    for (size_t i = 0; i < formulas.size(); ++i)
      if (formulas[i].latex == f.latex && formulas[i].display == f.display) return note_math(formulas[i], i);
    return "";
  };
  std::string html = doc.render_html(resolve, typeset).html;
  while (!html.empty() && html.back() == '\n') html.pop_back();
  return html;
}

}  // namespace

std::vector<render::ReviewCard> review_cards(const render::SiteModel& model, const LinkGraph& graph,
                                             const SiteMath& math) {
  std::vector<render::ReviewCard> out;
  const Corpus& corpus = *model.corpus;
  std::vector<size_t> order = model.reading_order;
  for (size_t i = 0; i < corpus.pages.size(); ++i)
    if (corpus.pages[i].is_index) order.push_back(i);  // index notes last (they are not in the reading order)
  for (size_t page : order)
    for (const auto& card : corpus.pages[page].cards)
      out.push_back({card.id, render_card(card.front, page, corpus, graph, math),
                     render_card(card.back, page, corpus, graph, math), page});
  return out;
}

}  // namespace kb::site
