#include "site/publish.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "core/text.h"
#include "matrix/matrix.h"

namespace kb::site {

namespace {

std::string xml(const std::string& s) { return text::html_escape(s); }

std::string absolute(const std::string& base, const std::string& url) {
  return base + text::url_encode_path(url);
}

// "2026-11-22" -> "2026-11-22T00:00:00Z" (Atom wants RFC 3339 date-times).
std::string atom_time(const std::string& date) { return date + "T00:00:00Z"; }

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

const std::string& updated_of(const render::SiteModel& site, size_t page) {
  static const std::string none;
  return page < site.history.size() ? site.history[page].updated : none;
}

}  // namespace

std::string site_base(const Config& config) {
  std::string base = config.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base.empty() ? base : base + "/";
}

std::string sitemap_xml(const render::SiteModel& site) {
  std::string base = site_base(*site.config);
  if (base.empty()) return "";
  std::map<std::string, std::string> pages;  // url -> lastmod ("" if unknown)
  for (size_t i = 0; i < site.corpus->pages.size(); ++i) pages[site.corpus->pages[i].url] = updated_of(site, i);
  for (const auto& f : site.folders) pages.emplace(f.url, "");
  for (const auto& [name, tag] : site.tags) pages.emplace(tag.url, "");
  // The generated index pages a reader lands on from a search engine too.
  if (!site.formulas.empty()) pages.emplace(render::kFormulasUrl, "");
  if (site.matrices && !site.matrices->empty()) {
    pages.emplace(matrix::kIndexUrl, "");
    for (const auto& m : site.matrices->matrices) pages.emplace(m.url, "");
  }
  pages.emplace(render::kTagsIndexUrl, "");
  pages.emplace(render::kAllNotesUrl, "");
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& [url, lastmod] : pages) {
    out += "<url><loc>" + xml(absolute(base, url)) + "</loc>";
    if (!lastmod.empty()) out += "<lastmod>" + lastmod + "</lastmod>";
    out += "</url>\n";
  }
  out += "</urlset>\n";
  return out;
}

std::string robots_txt(const render::SiteModel& site) {
  std::string out = "User-agent: *\nAllow: /\n";
  std::string base = site_base(*site.config);
  if (!base.empty()) out += "\nSitemap: " + base + kSitemapUrl + "\n";
  return out;
}

std::string atom_feed(const render::SiteModel& site) {
  std::string base = site_base(*site.config);
  if (base.empty()) return "";
  const auto& pages = site.corpus->pages;
  std::vector<size_t> notes;
  for (size_t i = 0; i < pages.size(); ++i)
    if (!pages[i].is_index && !updated_of(site, i).empty()) notes.push_back(i);
  std::sort(notes.begin(), notes.end(), [&](size_t a, size_t b) {
    const std::string& ua = updated_of(site, a);
    const std::string& ub = updated_of(site, b);
    if (ua != ub) return ua > ub;
    if (pages[a].title != pages[b].title) return render::title_less(pages[a].title, pages[b].title);
    return pages[a].url < pages[b].url;
  });
  if (notes.size() > kFeedEntries) notes.resize(kFeedEntries);
  const Config& c = *site.config;
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"";
  if (!c.language.empty()) out += " xml:lang=\"" + xml(c.language) + "\"";
  out += ">\n";
  out += "<id>" + xml(base) + "</id>\n";
  out += "<title>" + xml(c.title) + "</title>\n";
  if (!c.description.empty()) out += "<subtitle>" + xml(c.description) + "</subtitle>\n";
  out += "<updated>" + (notes.empty() ? now_utc() : atom_time(updated_of(site, notes[0]))) + "</updated>\n";
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml(base + kFeedUrl) + "\"/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml(base) + "\"/>\n";
  out += "<author><name>" + xml(c.title) + "</name></author>\n";
  out += "<generator>kb</generator>\n";
  for (size_t i : notes) {
    const Page& p = pages[i];
    std::string url = absolute(base, p.url);
    out += "<entry>\n";
    out += "<id>" + xml(url) + "</id>\n";
    out += "<title>" + xml(p.title) + "</title>\n";
    out += "<updated>" + atom_time(updated_of(site, i)) + "</updated>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml(url) + "\"/>\n";
    const std::string& authors = site.history[i].authors;
    for (size_t at = 0; at < authors.size();) {
      size_t end = authors.find(", ", at);
      if (end == std::string::npos) end = authors.size();
      out += "<author><name>" + xml(authors.substr(at, end - at)) + "</name></author>\n";
      at = end + 2;
    }
    if (!p.summary.empty()) out += "<summary type=\"text\">" + xml(p.summary) + "</summary>\n";
    out += "</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace kb::site
