#include "render/site_model.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <set>

#include "core/text.h"

namespace kb::render {
namespace {

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string last_segment(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The output folder of a source folder, as the loader names it: each segment
// slugged ("Data Engineering/S3" -> "data-engineering/s3").
std::string url_dir(const std::string& path) {
  std::string out;
  size_t start = 0;
  while (start <= path.size() && !path.empty()) {
    size_t slash = path.find('/', start);
    out += text::url_slug(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    out += '/';
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

}  // namespace

bool title_less(const std::string& a, const std::string& b) { return text::title_less(a, b); }

std::map<std::string, std::string> tag_urls(const Corpus& corpus) {
  std::map<std::string, std::string> urls;
  for (const auto& page : corpus.pages)
    for (const auto& name : page.meta.tags) {
      if (urls.count(name)) continue;  // its parents came with it
      for (std::string n = name; !n.empty(); n = parent_of(n)) urls.emplace(n, "");
    }
  // Slugs may collide ("c++" and "c#" both give "c"): later names get "-2", "-3"...
  // "index" is the tags index itself.
  std::set<std::string> taken{"index"};
  for (auto& [name, url] : urls) {
    std::string slug = url_dir(name);  // "ml/metrics/": every segment slugged
    slug.pop_back();
    std::string candidate = slug;
    for (int n = 2; !taken.insert(candidate).second; ++n) candidate = slug + "-" + std::to_string(n);
    url = "tags/" + candidate + ".html";
  }
  return urls;
}

SiteModel build_site_model(const Config& config, const Corpus& corpus, const LinkGraph& graph) {
  SiteModel site;
  site.config = &config;
  site.corpus = &corpus;
  site.graph = &graph;
  const auto& pages = corpus.pages;

  // Every folder that holds a page, and every folder above it.
  std::set<std::string> paths{""};
  for (const auto& p : pages) {
    for (std::string f = p.folder; !f.empty(); f = parent_of(f)) {
      if (!paths.insert(f).second) break;
    }
  }
  // std::set orders "" first, so folders[0] is the root.
  for (const auto& path : paths) {
    Folder f;
    f.path = path;
    f.name = path.empty() ? config.title : last_segment(path);
    f.url = path.empty() ? "index.html" : url_dir(path) + "index.html";
    site.folder_by_path.emplace(path, site.folders.size());
    site.folders.push_back(std::move(f));
  }

  site.folder_of.resize(pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    const Page& p = pages[i];
    site.folder_of[i] = site.folder_by_path.at(p.folder);
    Folder& f = site.folders[site.folder_of[i]];
    if (p.is_index) {
      if (!f.index_page) {  // pages are sorted by source: the first index.md wins
        f.index_page = i;
        if (!p.title.empty()) f.name = p.title;
        f.url = p.url;
      }
    } else {
      f.pages.push_back(i);
    }
  }

  for (auto& f : site.folders) {
    std::stable_sort(f.pages.begin(), f.pages.end(), [&](size_t a, size_t b) {
      const auto& oa = pages[a].meta.order;
      const auto& ob = pages[b].meta.order;
      if (oa.has_value() != ob.has_value()) return oa.has_value();  // ordered notes first
      if (oa && *oa != *ob) return *oa < *ob;
      if (pages[a].title != pages[b].title) return title_less(pages[a].title, pages[b].title);
      return pages[a].source < pages[b].source;
    });
  }
  // Paths are in std::set order, so a parent always comes before its children.
  for (size_t i = 1; i < site.folders.size(); ++i) {
    size_t parent = site.folder_by_path.at(parent_of(site.folders[i].path));
    site.folders[i].parent = parent;
    site.folders[i].depth = site.folders[parent].depth + 1;
    site.folders[parent].children.push_back(i);
  }
  for (size_t i = site.folders.size(); i-- > 0;) {
    auto& f = site.folders[i];
    f.total_notes += f.pages.size();
    if (i > 0) site.folders[f.parent].total_notes += f.total_notes;
  }
  for (auto& f : site.folders) {
    std::sort(f.children.begin(), f.children.end(), [&](size_t a, size_t b) {
      const auto& fa = site.folders[a];
      const auto& fb = site.folders[b];
      // A folder's index.md may set `order:` to place the folder among its
      // siblings (exam domains in exam order); unordered folders follow, by name.
      auto order = [&](const Folder& f) {
        if (f.index_page && pages[*f.index_page].meta.order) return *pages[*f.index_page].meta.order;
        return std::numeric_limits<double>::infinity();
      };
      double oa = order(fa), ob = order(fb);
      if (oa != ob) return oa < ob;
      if (fa.name != fb.name) return title_less(fa.name, fb.name);
      return fa.path < fb.path;
    });
  }

  for (size_t i = 0; i < pages.size(); ++i)
    if (!pages[i].is_index && pages[i].meta.formula_kind())
      site.formulas.push_back(i);
  std::sort(site.formulas.begin(), site.formulas.end(),
            [&](size_t a, size_t b) { return title_less(pages[a].title, pages[b].title); });

  // Depth-first: a folder's own notes, then each sub-folder in turn.
  site.position.assign(pages.size(), static_cast<size_t>(-1));
  std::function<void(size_t)> walk = [&](size_t folder) {
    for (size_t p : site.folders[folder].pages) {
      site.position[p] = site.reading_order.size();
      site.reading_order.push_back(p);
    }
    for (size_t c : site.folders[folder].children) walk(c);
  };
  walk(0);

  const StudyCounts study = count_study(corpus);
  site.cards = study.cards;
  site.questions = study.questions;

  // Each named exam's map, domain by domain, in reading order.
  site.exam_places.assign(pages.size(), {});
  site.exam_pages.resize(config.exams.size());
  for (size_t e = 0; e < config.exams.size(); ++e) {
    const Exam& exam = config.exams[e];
    site.exam_pages[e].resize(exam.domains.size());
    std::map<std::string, size_t> domain_at;
    for (size_t d = 0; d < exam.domains.size(); ++d) domain_at[exam.domains[d].id] = d;
    for (size_t p : site.reading_order) {
      auto it = pages[p].exams.find(exam.id);
      if (it == pages[p].exams.end()) continue;
      auto d = domain_at.find(it->second);
      if (d == domain_at.end()) continue;
      auto& list = site.exam_pages[e][d->second];
      // ([[domains]]: the folders are the study path; only named exams add one.)
      if (!exam.id.empty()) site.exam_places[p].push_back({e, d->second, list.size()});
      list.push_back(p);
    }
  }

  // A note tagged "ml/metrics" is listed under "ml" too.
  for (size_t i = 0; i < pages.size(); ++i) {
    for (const auto& name : pages[i].meta.tags) {
      for (std::string n = name; !n.empty(); n = parent_of(n)) {
        Tag& t = site.tags[n];
        t.name = n;
        if (t.pages.empty() || t.pages.back() != i) t.pages.push_back(i);
      }
    }
  }
  std::map<std::string, std::string> urls = tag_urls(corpus);
  for (auto& [name, tag] : site.tags) {
    tag.url = urls.at(name);
    tag.parent = parent_of(name);
    tag.depth = static_cast<size_t>(std::count(name.begin(), name.end(), '/'));
    if (!tag.parent.empty()) site.tags[tag.parent].children.push_back(name);  // names come in order
    std::sort(tag.pages.begin(), tag.pages.end(), [&](size_t a, size_t b) {
      if (pages[a].title != pages[b].title) return title_less(pages[a].title, pages[b].title);
      return pages[a].source < pages[b].source;
    });
    tag.pages.erase(std::unique(tag.pages.begin(), tag.pages.end()), tag.pages.end());
  }
  return site;
}

StudyCounts count_study(const Corpus& corpus) {
  StudyCounts n;
  for (const Page& p : corpus.pages) n.cards += p.cards.size(), n.questions += p.quizzes.size();
  return n;
}

std::vector<size_t> study_order(const SiteModel& site) {
  std::vector<size_t> order = site.reading_order;
  for (size_t i = 0; i < site.corpus->pages.size(); ++i)
    if (site.corpus->pages[i].is_index) order.push_back(i);
  return order;
}

}  // namespace kb::render
