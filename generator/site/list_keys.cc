#include "site/list_keys.h"

#include <algorithm>

#include <tbb/parallel_for.h>

#include "site/build_keys.h"

namespace kb::site {

ListKeys::ListKeys(uint64_t build, uint64_t shape, uint64_t matrices, uint64_t listing, const Corpus& corpus,
                   const render::SiteModel& model, const render::NavOptions& nav)
    : build_(build), shape_(shape), matrices_(matrices), listing_(listing), corpus_(corpus), model_(model), nav_(nav),
      windowed_(render::nav_is_windowed(model, nav)), card_(corpus.pages.size()) {
  tbb::parallel_for(size_t(0), corpus.pages.size(), [&](size_t i) {
    card_[i] = KeyHasher().add(corpus.pages[i].title).add(corpus.pages[i].summary).value();
  });
  if (!windowed_) {
    KeyHasher titles;
    for (const Page& p : corpus.pages) titles.add(p.title);
    all_titles_ = titles.value();
  }
}

uint64_t ListKeys::base(std::string_view kind) const { return KeyHasher().add(build_).add(shape_).add(kind).value(); }

uint64_t ListKeys::nav_titles(size_t folder) const {
  if (!windowed_) return all_titles_;
  render::NavPlace place{"", folder, std::nullopt, false};
  render::NavWindow w = render::nav_window(model_, place, nav_);
  const auto& pages = model_.folders[folder].pages;
  KeyHasher h;
  for (size_t k = w.begin; k < w.end && k < pages.size(); ++k) h.add(corpus_.pages[pages[k]].title);
  return h.value();
}

uint64_t ListKeys::with_cards(std::string_view kind, size_t nav_folder, const std::vector<size_t>& pages) const {
  KeyHasher h;
  h.add(base(kind)).add(nav_titles(nav_folder)).add(static_cast<uint64_t>(pages.size()));
  for (size_t p : pages) h.add(card_[p]);
  return h.value();
}

void ListKeys::add_folder_cards(KeyHasher& h, const std::vector<size_t>& folders) const {
  for (size_t c : folders)
    if (auto index = model_.folders[c].index_page) h.add(corpus_.pages[*index].summary);
  h.add("|");
}

uint64_t ListKeys::home() const {
  KeyHasher h;
  h.add(base("home")).add(nav_titles(0));
  // The exam map: each domain's notes in reading order (more than it shows;
  // a page's domain is in the shape).
  for (size_t p : model_.reading_order)
    if (!corpus_.pages[p].exams.empty() || !corpus_.pages[p].domain.empty()) h.add(card_[p]);
  const render::Folder& root = model_.folders[0];
  add_folder_cards(h, root.children);
  for (size_t p : root.pages) h.add(card_[p]);
  // Recently updated notes: every page's last commit date.
  for (const auto& hist : model_.history) h.add(hist.updated);
  // The study panel counts the cards and questions.
  h.add(static_cast<uint64_t>(model_.cards)).add(static_cast<uint64_t>(model_.questions));
  return h.value();
}

uint64_t ListKeys::folder(size_t index) const {
  if (index == 0 || index >= model_.folders.size()) return home();
  const render::Folder& f = model_.folders[index];
  KeyHasher h;
  h.add(with_cards("folder", index, f.pages)).add(static_cast<uint64_t>(index));
  add_folder_cards(h, f.children);
  if (f.index_page) h.add(corpus_.pages[*f.index_page].summary);
  return h.value();
}

uint64_t ListKeys::tag(const std::string& name) const {
  auto it = model_.tags.find(name);
  static const std::vector<size_t> none;
  return KeyHasher().add(with_cards("tag", 0, it == model_.tags.end() ? none : it->second.pages)).add(name).value();
}

uint64_t ListKeys::exam_domain(size_t exam, size_t domain) const {
  return KeyHasher()
      .add(with_cards("exam", 0, model_.exam_pages[exam][domain]))
      .add(static_cast<uint64_t>(exam))
      .add(static_cast<uint64_t>(domain))
      .value();
}

uint64_t ListKeys::anchors(size_t page) const {
  KeyHasher h;
  for (const auto& x : corpus_.pages[page].headings) h.add(x.text).add(x.id);
  for (const auto& b : corpus_.pages[page].block_ids) h.add(b.id);
  return h.value();
}

uint64_t ListKeys::exam() const {
  KeyHasher h;
  // (listing_: every page's title, so a name that finds no note now may find a renamed one.)
  h.add(base("exam")).add(nav_titles(0)).add(listing_);
  for (size_t p = 0; p < corpus_.pages.size(); ++p) {
    const Page& page = corpus_.pages[p];
    if (page.quizzes.empty()) continue;
    // The questions come from the note's source; their domains from its
    // exams (the exam map is in the shape); a link goes to a heading of its target.
    h.add(page.source).add(page.source_hash).add(card_[p]);
    for (const auto& q : page.quizzes)
      for (const auto& l : q.links)
        if (auto target = model_.graph ? model_.graph->find(l.target) : std::nullopt) h.add(anchors(*target));
  }
  return h.value();
}

uint64_t ListKeys::review() const {
  KeyHasher h;
  // (listing_: every page's title, so a card's link shows its target's; a
  // link to a heading goes to its id, so every page's anchors.)
  h.add(base("review")).add(nav_titles(0)).add(listing_);
  for (size_t p = 0; p < corpus_.pages.size(); ++p) h.add(anchors(p));
  for (size_t p = 0; p < corpus_.pages.size(); ++p) {
    const Page& page = corpus_.pages[p];
    if (page.cards.empty()) continue;
    // The cards' text, their links' targets and formulas all come from the
    // note's source; its title and domain show beside each card.
    h.add(page.source).add(page.source_hash).add(card_[p]).add(page.domain);
    for (const auto& t : page.meta.tags) h.add(t);
  }
  return h.value();
}

uint64_t ListKeys::site_page() const { return KeyHasher().add(base("site")).add(nav_titles(0)).value(); }

uint64_t ListKeys::all_notes() const {
  std::vector<size_t> all(corpus_.pages.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  return with_cards("all", 0, all);
}

uint64_t ListKeys::formulas() const { return with_cards("formulas", 0, model_.formulas); }

uint64_t ListKeys::matrix() const { return KeyHasher().add(base("matrix")).add(nav_titles(0)).add(matrices_).value(); }

uint64_t ListKeys::nav_shard(size_t folder) const {
  KeyHasher h;
  h.add(base("shard")).add(static_cast<uint64_t>(folder));
  if (folder < model_.folders.size()) {
    const auto& pages = model_.folders[folder].pages;
    for (size_t k = 0; k < std::min(pages.size(), nav_.window); ++k) h.add(corpus_.pages[pages[k]].title);
  }
  return h.value();
}

uint64_t ListKeys::index_page(size_t page) const {
  auto it = model_.folder_by_path.find(corpus_.pages[page].folder);
  return it == model_.folder_by_path.end() ? listing_ : folder(it->second);
}

}  // namespace kb::site
