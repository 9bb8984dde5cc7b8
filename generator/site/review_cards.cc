#include "site/review_cards.h"

#include "site/snippet.h"

namespace kb::site {

std::vector<render::ReviewCard> review_cards(const render::SiteModel& model, const LinkGraph& graph,
                                             const SiteMath& math) {
  std::vector<render::ReviewCard> out;
  const Corpus& corpus = *model.corpus;
  for (size_t page : render::study_order(model))
    for (const auto& card : corpus.pages[page].cards)
      out.push_back({card.id, render_snippet(card.front, page, "", corpus, graph, math),
                     render_snippet(card.back, page, "", corpus, graph, math), page});
  return out;
}

}  // namespace kb::site
