// Review cards: every flashcard of the site (Page::cards) as review.html
// shows it (render/views.h review()): question and answer rendered as the
// note renders them, for a page at the site root.
//
// Contract: review_cards() renders each card's markdown on its own (site/snippet.h): a
// wikilink goes to the note the site's link graph finds by that name (else
// it shows as its label); a markdown link shows as its label; a formula is
// the note's own typeset HTML for the same TeX (SiteMath, which typeset
// every formula of the notes, card lines included), else TeX for the
// browser. Cards come note by note in the site's reading order. Pure, after
// SiteMath::finish().
#pragma once

#include <vector>

#include "content/page.h"
#include "links/link_graph.h"
#include "render/site_model.h"
#include "site/site_math.h"

namespace kb::site {

std::vector<render::ReviewCard> review_cards(const render::SiteModel& model, const LinkGraph& graph,
                                             const SiteMath& math);

}  // namespace kb::site
