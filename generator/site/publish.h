// What a published site needs besides its pages: sitemap.xml, robots.txt and
// the Atom feed of recently updated notes (feed.xml).
//
// Contract: pure functions of the site model (and its config's base_url).
// URLs in the sitemap and the feed are absolute: base_url (a trailing '/'
// added when missing) followed by the page's site path, percent-encoded.
// Without a base_url there is no sitemap and no feed (both need absolute
// URLs): sitemap_xml() and atom_feed() return "" and robots.txt names no
// sitemap.
#pragma once

#include <string>

#include "render/site_model.h"

namespace kb::site {

inline constexpr const char kSitemapUrl[] = "sitemap.xml";
inline constexpr const char kRobotsUrl[] = "robots.txt";
inline constexpr const char kFeedUrl[] = "feed.xml";
inline constexpr const char kSearchPageUrl[] = "search.html";  // full search results (with the search index)
inline constexpr const char kNotFoundUrl[] = "404.html";       // GitHub Pages' page for a missing URL
inline constexpr size_t kFeedEntries = 20;

// base_url with exactly one trailing '/', or "" when it is empty.
std::string site_base(const Config& config);

// Every page the build writes (notes, index and folder pages, tag pages, the
// tags index, all notes) except search.html and 404.html, with <lastmod> from
// the page's history when known.
std::string sitemap_xml(const render::SiteModel& site);

// Allows everything; names the sitemap when there is one. (Crawlers read
// robots.txt only at a host's root: under a sub-path it is harmless.)
std::string robots_txt(const render::SiteModel& site);

// Atom 1.0: the kFeedEntries most recently updated notes (index pages left
// out; notes without an update date left out), newest first, ties by title.
// Each entry has id and link (the page's absolute URL), title, updated,
// summary (when the note has one) and its authors. Feed <updated> is the
// newest entry's date (build time when there are no entries).
std::string atom_feed(const render::SiteModel& site);

}  // namespace kb::site
