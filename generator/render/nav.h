// The navigation tree shown on every page, as flat mustache lists.
//
// Mustache has no recursion without recursive partials (which TemplateSet
// inlines, so cannot recurse), so the tree is flattened into events that
// templates/nav_items.mustache walks in order:
//   {{#items}}
//     {{#open}}  a folder starts: {name, url, expanded, current, count}  {{/open}}
//     {{#note}}  a note: {title, url, current}                           {{/note}}
//     {{#more}}  "N more notes" link to a folder page: {label, url}      {{/more}}
//     {{#close}} the folder ends (true)                                  {{/close}}
//   {{/items}}
// Each item holds exactly one of open / note / more / close (an object, or
// true for close); inside, every key the template reads is set, so mustache's
// lookup never falls through to an outer context.
//
// The tree is split in three around the current folder's own notes:
// `before` (everything up to the current folder's open item), `here` (its
// notes) and `after` (the rest). before and after are the same for every page
// of a folder, and so is each note's line in `here` except the current one:
// the renderer renders them once per folder and joins the HTML per page.
//
// Big sites: with more than NavOptions::full_limit notes, every folder is
// still listed but only the current folder's notes, `window` of them around
// the current page, with "more" links to the folder page, so a 10,000-note
// site does not put 10,000 links on every page.
//
// Contract: pure; hrefs are relative to NavPlace::from_url with explicit .html.
#pragma once

#include <optional>
#include <string>

#include "render/site_model.h"
#include "render/view_data.h"

namespace kb::render {

struct NavOptions {
  size_t full_limit = 300;  // at most this many notes: list them all
  size_t window = 30;       // else: this many of the current folder's notes
};

// Where in the site a page sits, as far as the navigation cares.
struct NavPlace {
  std::string from_url;               // the page's site path ("a/b.html")
  size_t folder = 0;                  // its folder (the root for index pages of the site)
  std::optional<size_t> page;         // the note itself, for note pages
  bool folder_page = false;           // the page is `folder`'s own page
};

// Items around the current folder's notes (see above).
void build_nav_frame(const SiteModel& site, const NavPlace& place, const NavOptions& options,
                     List* before, List* after);
// Which of the current folder's notes (indices into Folder::pages) to list:
// all of them, or on big sites a window around the current page.
struct NavWindow {
  size_t begin = 0;
  size_t end = 0;
};
NavWindow nav_window(const SiteModel& site, const NavPlace& place, const NavOptions& options);

// One item of `here`: a note, or a "N earlier notes"/"N more notes" link to
// the current folder's page (`earlier` picks the wording).
Data nav_note_item(const SiteModel& site, const NavPlace& place, size_t page, bool current);
Data nav_more_item(const SiteModel& site, const NavPlace& place, size_t count, bool earlier);

// Big sites (more than full_limit notes) list folders off the current page's
// path closed and empty (`data-nav="<folder index>"`, the folder's name a
// link to its page): their contents come from a shard, one per folder, at
// nav_shard_url() (site path), loaded by the theme's script when the reader
// opens the folder. A shard calls kbNavFolder(folder, {folders:
// [{id, name, url, count}], notes: [{title, url}] (the first `window`),
// more?: {label, url}}) with URLs relative to the site root.
bool nav_is_windowed(const SiteModel& site, const NavOptions& options);
std::string nav_shard_url(size_t folder);
std::string nav_shard(const SiteModel& site, size_t folder, const NavOptions& options);

// Every page of one folder and directory shares its frame: this names it.
std::string nav_frame_key(const NavPlace& place);

}  // namespace kb::render
