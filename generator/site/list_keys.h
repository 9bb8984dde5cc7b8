// List keys: for every list page of the site (home and folder pages, tag
// pages, all notes, formulas, matrices, the navigation shards, sitemap,
// feed, 404, search page), a hash of what it shows, so an incremental build
// re-renders the lists whose key changed and keeps the rest, as
// site/build_keys.h does for note pages. A renamed note then re-renders its
// folder's page, its tags' pages, all notes and the home page, not the
// hundred other tag pages of the site.
//
// Every key hashes the build key and the site's shape (shape_key(): every
// URL, folder, tag, kind, domain and count); then what the page lists:
// - its navigation's titles: all of them on a small site, on a big one the
//   window of its folder's notes (render/nav.h; the root's for site pages);
// - a card per page listed: its title and summary (note cards show both);
// - home: the cards of every page with a domain (the exam maps), the root's
//   folders (with their index notes' summaries) and notes; an exam domain's
//   page: its notes' cards (the exam map is in the shape); review.html:
//   every flashcard's text, its note's title, domain and tags, and the
//   typeset formulas (each note's source hash stands for all of them);
// - a folder: its notes' cards, its subfolders' summaries, its index note's
//   summary; a tag: its notes' cards; all notes: every card; formulas: the
//   formula pages' cards; a matrix page: the matrices' key;
// - a navigation shard: the titles of its folder's first notes (`window`);
// - the sitemap and the feed (and anything not named here): listing_key(),
//   every page's title, summary and history.
// An index note's page is its folder's list too: its key joins its note page
// key with folder().
// Missing a dependency here would make an incremental build differ from a
// clean one; tests/integration's random edit sequences (a windowed site
// among them) compare the two.
//
// Contract: pure functions of their inputs, like build_keys.h; the object
// keeps references to `corpus` and `model`, which must outlive it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content/page.h"
#include "core/key_hasher.h"
#include "render/nav.h"
#include "render/site_model.h"

namespace kb::site {

using kb::KeyHasher;

class ListKeys {
 public:
  // `listing`: listing_key() for the lists that hash everything.
  ListKeys(uint64_t build, uint64_t shape, uint64_t matrices, uint64_t listing, const Corpus& corpus,
           const render::SiteModel& model, const render::NavOptions& nav);

  uint64_t home() const;
  uint64_t folder(size_t index) const;            // folder 0 is home()
  uint64_t tag(const std::string& name) const;
  uint64_t exam_domain(size_t exam, size_t domain) const;  // Config::exams indices: its notes' cards
  uint64_t review() const;  // review.html: every note's flashcards, and the cards of the notes holding them
  uint64_t exam() const;    // exam.html: every practice question, its note, and its links' targets
  uint64_t site_page() const;                     // tags index, search page, 404: navigation only
  uint64_t all_notes() const;
  uint64_t formulas() const;
  uint64_t matrix() const;                        // the matrices index and each matrix page
  uint64_t nav_shard(size_t folder) const;
  uint64_t listing() const { return listing_; }   // sitemap, feed, robots.txt
  // The list an index note's page also is (its folder's), or listing().
  uint64_t index_page(size_t page) const;

 private:
  uint64_t base(std::string_view kind) const;
  uint64_t with_cards(std::string_view kind, size_t nav_folder, const std::vector<size_t>& pages) const;
  uint64_t nav_titles(size_t folder) const;
  // A page's headings and block ids: what a link's #fragment goes to.
  uint64_t anchors(size_t page) const;
  // Subfolder cards show their index notes' summaries.
  void add_folder_cards(KeyHasher& h, const std::vector<size_t>& folders) const;

  uint64_t build_, shape_, matrices_, listing_;
  const Corpus& corpus_;
  const render::SiteModel& model_;
  render::NavOptions nav_;
  bool windowed_ = false;
  uint64_t all_titles_ = 0;       // the navigation of a small site
  std::vector<uint64_t> card_;    // per page: title and summary
};

}  // namespace kb::site
