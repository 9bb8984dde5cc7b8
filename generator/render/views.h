// View models: the mustache data each page template receives.
//
// Every page gets the layout keys. These are the same for every page of one
// directory (globals(), built once and shared; a page's own keys come first):
//   lang, site_title, site_description, has_site_description,
//   repository, has_repository           from Config (escaped by {{...}})
//   root           "" or "../" x depth: prefix for any site path
//   assets         root + "assets/"
//   home_url, tags_url, all_notes_url   relative hrefs to the site's index pages
//   feed_url, has_feed   absolute URL of the Atom feed (feed.xml), when the
//                  site has a base_url (else has_feed is false)
// and these are the page's:
//   title          the page's own heading (a note's title, a folder's name...)
//   head_title     text of <title>: "Page — Site" (the site title alone on home)
//   kind           "note" | "home" | "folder" | "tag" | "tags" | "all-notes"
//   is_note, is_home, is_folder, is_tag, is_tags, is_all_notes: the one for
//                  this page is true (the others are absent, hence false)
//   description, has_description   summary for <meta name="description">
//   nav            {home_current, before, here, after}: before/here/after are
//                  HTML (use {{{...}}}) rendered by templates/nav_items.mustache
//                  from the lists in nav.h
//   has_breadcrumbs, breadcrumbs: [{name, url}]   the links above the title
//                  (Home first); the page itself is not in the list
//   has_toc        false unless the page has a table of contents
//   has_math       true when the page's body has formulas (note, home and
//                  folder pages): templates/math_head.mustache links KaTeX's CSS
//   math_in_browser  has_math, and the site typesets math in the browser
//                  (kb could not run KaTeX at build time): load KaTeX's JS too
// A count named X_text beside X is the number with its noun, singular for
// one ("1 note", "3 tags"; render/view_data.h put_count()).
// Lists of notes use one shape, "note card":
//   {title, url, summary, has_summary, folder, folder_url}
// and each page kind adds (has_X is true when list X is not empty):
//   note:      page {title, summary, kind, has_kind, domain, domain_title,
//              has_domain, source, word_count, minutes}, tags [{name, url}],
//              toc [{text, id, level,
//              sub}] (levels 2-3; sub = level 3), body (HTML, use {{{body}}}),
//              backlinks [note card], backlink_count, prev / next {title, url}
//              or false, folder {name, url}
//   home:      body, domains [{id, title, weight, has_weight, bar, notes [note
//              card], count, count_text, has_more, more}], folders [{name, url, count,
//              count_text, summary}], notes [note card] (root notes),
//              note_count(_text), tag_count(_text), folder_count(_text)
//   folder:    body, notes [note card], folders [{name, url, count, count_text,
//              summary}], note_count(_text)
//   tag:       tag, notes [note card] (tagged it or a tag below it), count(_text),
//              has_parent, parent, parent_url (the tag right above a nested
//              one), children [{name, url, count}], has_children
//   tags:      tags [{name, url, count, depth (0..5)}] in tree order (each
//              tag followed by the tags below it), tag_count(_text)
//   all-notes: letters [{letter, anchor, notes [note card]}], note_count(_text)
// Comparison matrices (matrix/matrix.h; only when SiteModel::matrices has some):
//   layout     matrices_url, has_matrices (the header link)
//   note:      matrix_cards [{title, url (its row on the matrix page),
//              attributes [{label, cell}]}], has_matrix_cards: the note's own
//              values, the cells it gives only
//   a cell:    {column, type, has_value, is_list, text, items [{text, url, has_url}],
//              sort} — text for text/enum/number, "Yes"/"No" for a bool; a
//              list's items (url: the note a `links` item names); sort: the
//              key the page's script sorts by
//   matrix:    matrix {id, title, description, has_description, row_count,
//              column_count}, columns [{name, label, type}], rows [{id, title,
//              url, summary, cells [cell]}], has_rows, filters [{name, label,
//              options [{value, count}]}], has_filters, matrices_index_url
//   matrix-index: matrices [{title, description, has_description, url,
//              row_count, column_count}]
//
// Contract: pure functions of the site model; every href is relative to the
// page's own URL with an explicit .html. Text is given raw: templates escape.
#pragma once

#include <string>

#include "render/nav.h"
#include "render/site_model.h"
#include "render/view_data.h"

namespace kb::render::views {

// A page's data, without "nav" (the renderer adds it), and its place.
struct View {
  Data data;
  NavPlace place;
  RawHtml raw;  // the body: spliced in after rendering (view_data.h)
};

View note(const SiteModel& site, size_t page, const std::string& body_html);
View home(const SiteModel& site, const std::string& body_html);
// exams/<exam>/<domain>.html: a domain of a named exam, its notes in reading
// order (templates/exam-domain.mustache): exam {id, title, retired,
// retired_on}, domain {id, title, weight, has_weight}, count(_text), notes [card],
// other_domains [{title, url, current}].
View exam_domain(const SiteModel& site, size_t exam, size_t domain);

// review.html (templates/review.mustache): every flashcard, rendered, for
// the review session (assets/study/review.js) and, without JS, as a list:
// cards [{id, front, back (HTML), note, url, domain, domain_title, tags}],
// card_count, domains [{id, title}], tags [name].
View review(const SiteModel& site, const std::vector<ReviewCard>& cards);
// exam.html (templates/exam.mustache): every practice question, rendered,
// for the practice exam (assets/study/exam.js) and, without JS, as a list
// with each answer in a <details>; the site's exams with their domains and
// weights for the draw.
View exam(const SiteModel& site, const std::vector<ExamQuestion>& questions);
View folder(const SiteModel& site, size_t folder, const std::string& body_html);
// An unknown tag gives a page listing nothing.
View tag(const SiteModel& site, const std::string& tag);
View tags_index(const SiteModel& site);
View all_notes(const SiteModel& site);
// formulas.html: every formula and distribution page, grouped by exam domain.
//   groups [{name, anchor, count, notes: [card]}], has_groups, formula_count
View formulas(const SiteModel& site);
// matrices/<id>.html: matrix `index` of SiteModel::matrices as a table (rows
// link to their notes), with the filter, sort and compare controls
// assets/matrix.js wires up (hidden without JS).
View matrix(const SiteModel& site, size_t index);
// matrices/index.html: every matrix with its description and size.
View matrices_index(const SiteModel& site);
// search.html at the site root: the search page (filled in by the search
// client in the browser, from its ?q= parameter).
View search_page(const SiteModel& site);
// graph.html: the canvas, its filters and the data script (site/site_graph.h); note_count(_text).
View graph_page(const SiteModel& site);
// 404.html at the site root, which GitHub Pages serves for a missing URL at
// any depth: relative links would resolve against the missing URL, so the
// page's <head> (templates/not_found_head.mustache) sets a <base> at the site
// root. With a base_url, root, assets and the index hrefs are absolute and
// the base is base_url. Without, a script finds the root from the URL:
// the first path segment that names a folder at the site root (not_found_top,
// a JSON array: the root's folders, assets/, tags/, search/...) ends it; if
// none does, on *.github.io the root is the first segment (a project site,
// /<repo>/), elsewhere "/". A wrong guess (a user site's /typo/x.html) is
// fixed by probing <root>assets/kb.js. From file:// nothing changes.
// Keys: not_found_base (absolute base_url or ""), has_not_found_base,
// not_found_top, is_not_found.
View not_found(const SiteModel& site);

// The layout keys shared by every page in the directory of `from_url`.
Data globals(const SiteModel& site, const std::string& from_url);

// Site path of a tag's page (also for a tag no page has).
std::string tag_url(const SiteModel& site, const std::string& tag);

}  // namespace kb::render::views
