#include "links/link_graph.h"

#include <algorithm>
#include <filesystem>
#include <cstring>
#include <set>

#include "content/loader.h"
#include "core/text.h"

namespace kb {
namespace {

using markdown::LinkKind;
using markdown::LinkRef;

std::string strip_md(std::string s) {
  for (const char* ext : {".md", ".markdown"}) {
    size_t n = std::strlen(ext);
    if (s.size() > n && text::lookup_key(s.substr(s.size() - n)) == ext) return s.substr(0, s.size() - n);
  }
  return s;
}

// Closest candidates by edit distance, for "did you mean".
std::string suggest(const std::string& key, const std::vector<std::string>& names) {
  // A quarter of the name may differ: "F-1 score" finds "F1 score", "AUC
  // score" does not find "F1 score".
  size_t limit = std::max<size_t>(1, key.size() / 4), best = limit + 1;
  std::string best_name;
  for (const auto& n : names) {
    size_t d = text::edit_distance(key, text::lookup_key(n), limit);
    if (d < best) { best = d; best_name = n; }
  }
  return best_name;
}

// Finds a heading id on `page` for a fragment written by a person ("Worked
// example") or copied from a URL ("worked-example").
std::optional<std::string> find_heading(const Page& page, const std::string& fragment) {
  std::string slug = text::heading_slug(fragment);
  for (const auto& h : page.headings)
    if (h.id == fragment || h.id == slug) return h.id;
  std::string key = text::lookup_key(fragment);
  for (const auto& h : page.headings)
    if (text::lookup_key(h.text) == key) return h.id;
  return std::nullopt;
}

}  // namespace

std::optional<size_t> LinkGraph::find(std::string_view name) const {
  auto it = by_name_.find(text::lookup_key(strip_md(std::string(name))));
  if (it == by_name_.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

LinkGraph LinkGraph::build(const Corpus& corpus, Diagnostics& diags) {
  LinkGraph g;
  const auto& pages = corpus.pages;
  size_t n = pages.size();
  g.resolutions_.resize(n);
  g.backlinks_.resize(n);
  g.outlinks_.resize(n);

  auto add_name = [&](const std::string& name, size_t page) {
    std::string key = text::lookup_key(name);
    if (key.empty()) return;
    auto& v = g.by_name_[key];
    if (std::find(v.begin(), v.end(), page) == v.end()) v.push_back(page);
  };
  std::unordered_map<std::string, size_t> by_source;        // "a/b.md" -> page
  std::unordered_map<std::string, size_t> file_by_source;   // "a/img.png" -> file
  std::unordered_map<std::string, std::vector<size_t>> file_by_name;  // "img.png" -> files
  std::vector<std::string> names;  // every title and alias, for suggestions
  for (size_t i = 0; i < n; ++i) {
    const Page& p = pages[i];
    add_name(p.title, i);
    for (const auto& a : p.meta.aliases) add_name(a, i);
    if (!p.is_index) add_name(p.stem, i);
    add_name(strip_md(p.source), i);
    by_source[p.source] = i;
    // A README.md that is its folder's page answers links to the folder.
    if (p.is_index) by_source.emplace(p.folder.empty() ? "index.md" : p.folder + "/index.md", i);
    names.push_back(p.title);
    for (const auto& a : p.meta.aliases) names.push_back(a);
  }
  for (size_t i = 0; i < corpus.files.size(); ++i) {
    const auto& f = corpus.files[i];
    file_by_source[f.source] = i;
    size_t slash = f.source.rfind('/');
    file_by_name[text::lookup_key(slash == f.source.npos ? f.source : f.source.substr(slash + 1))].push_back(i);
  }

  // Two notes with one title make every link to that title ambiguous; say so
  // once where the titles are, not only where they are linked.
  {
    std::unordered_map<std::string, size_t> first_title;
    for (size_t i = 0; i < n; ++i) {
      auto [it, fresh] = first_title.emplace(text::lookup_key(pages[i].title), i);
      if (!fresh && !pages[i].is_index) {
        const Page& other = pages[it->second];
        int line = pages[i].meta.key_lines.count("title") ? pages[i].meta.key_lines.at("title") : 0;
        diags.warning(content::display_path(pages[i].file), line, 0,
                      "title \"" + pages[i].title + "\" is also the title of " +
                          content::display_path(other.file) +
                          "; links to it are ambiguous: give one note another title, or link by path");
      }
    }
  }

  // Notes left out as drafts, by name and by path, so a link to one is told
  // apart from a link to nothing.
  std::unordered_map<std::string, size_t> unpublished_by_key;
  for (size_t d = 0; d < corpus.unpublished.size(); ++d) {
    const Unpublished& u = corpus.unpublished[d];
    for (const auto& name : u.aliases) unpublished_by_key.emplace(text::lookup_key(name), d);
    for (const auto& name : {u.title, u.stem == "index" ? std::string() : u.stem, strip_md(u.source)})
      if (!name.empty()) unpublished_by_key.emplace(text::lookup_key(name), d);
  }
  auto unpublished_target = [&](const LinkRef& link, const std::string& folder) -> std::optional<size_t> {
    std::string key = strip_md(link.target), alt = key.substr(key.rfind('/') + 1);
    if (link.kind == LinkKind::kMarkdown || link.kind == LinkKind::kImage) {
      key = (std::filesystem::path(folder) / link.target).lexically_normal().generic_string();
      key = strip_md(!key.empty() && key.back() == '/' ? key + "index" : key);
      alt = key + "/index";
    }
    for (const auto& k : {key, alt})
      if (auto it = unpublished_by_key.find(text::lookup_key(k)); it != unpublished_by_key.end()) return it->second;
    return std::nullopt;
  };

  for (size_t i = 0; i < n; ++i) {
    const Page& page = pages[i];
    std::string path = content::display_path(page.file);
    auto source_line = [&](int line) { return line_of(page.body, line - page.body_line + 1); };
    auto& res = g.resolutions_[i];
    res.reserve(page.links.size());
    for (const LinkRef& link : page.links) {
      ++g.links_;
      Resolution r;
      auto broken = [&](const std::string& message) {
        if (auto d = unpublished_target(link, page.folder)) {  // not missing: a draft
          const Unpublished& u = corpus.unpublished[*d];
          r.status = Resolution::Status::kUnpublished;
          r.index = *d;
          diags.warning(path, link.line, link.column,
                        "\"" + link.target + (u.reason == "draft: true" ? "\" is a draft (" : "\" is not published (") +
                            u.reason + " in " +
                            content::display_path(u.file) +
                            "), so this link shows as plain text: publish the note, remove the link, "
                            "or preview drafts with --drafts",
                        source_line(link.line));
          return;
        }
        ++g.broken_;
        diags.warning(path, link.line, link.column, message, source_line(link.line));
      };
      auto check_fragment = [&](size_t target) {
        if (link.fragment.empty()) return;
        if (auto id = find_heading(pages[target], link.fragment)) {
          r.fragment = *id;
          return;
        }
        std::vector<std::string> heads;
        for (const auto& h : pages[target].headings) heads.push_back(h.text);
        std::string hint = suggest(text::lookup_key(link.fragment), heads);
        ++g.broken_;
        diags.warning(path, link.line, link.column,
                      "no heading \"" + link.fragment + "\" in \"" + pages[target].title + "\"" +
                          (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"),
                      source_line(link.line));
        r.fragment = text::heading_slug(link.fragment);
      };

      if (link.target.empty()) {  // [[#Heading]] or [x](#frag)
        r.status = Resolution::Status::kSamePage;
        r.index = i;
        check_fragment(i);
        res.push_back(r);
        continue;
      }

      if (link.kind == LinkKind::kWiki || link.kind == LinkKind::kEmbed) {
        std::string key = text::lookup_key(strip_md(link.target));
        auto it = g.by_name_.find(key);
        if (it == g.by_name_.end() && key.find('/') != key.npos)
          it = g.by_name_.find(key.substr(key.rfind('/') + 1));
        if (it != g.by_name_.end()) {
          const auto& cands = it->second;
          if (cands.size() > 1) {
            std::string list;
            for (size_t c : cands) list += (list.empty() ? "" : ", ") + content::display_path(pages[c].file);
            diags.warning(path, link.line, link.column,
                          "\"" + link.target + "\" is ambiguous: it names " + list + "; linking to the first (write [[folder/name]] to choose)",
                          source_line(link.line));
          }
          r.status = Resolution::Status::kPage;
          r.index = cands.front();
          check_fragment(r.index);
        } else if (auto f = file_by_source.find(link.target); f != file_by_source.end()) {
          r.status = Resolution::Status::kFile;
          r.index = f->second;
        } else if (auto fn = file_by_name.find(text::lookup_key(link.target.substr(link.target.rfind('/') + 1)));
                   fn != file_by_name.end()) {
          r.status = Resolution::Status::kFile;
          r.index = fn->second.front();
        } else {
          std::string hint = suggest(key, names);
          broken(std::string(link.kind == LinkKind::kEmbed ? "embedded file" : "wikilink target") + " \"" +
                 link.target + "\" not found" +
                 (hint.empty() ? ": no note has that title, alias or file name" : " (did you mean \"" + hint + "\"?)"));
        }
        res.push_back(r);
        continue;
      }

      // A markdown link or image: a path relative to the linking page.
      std::filesystem::path joined = std::filesystem::path(page.folder) / link.target;
      std::string norm = joined.lexically_normal().generic_string();
      if (!norm.empty() && norm.back() == '/') norm += "index.md";
      if (auto p = by_source.find(norm); p != by_source.end()) {
        r.status = Resolution::Status::kPage;
        r.index = p->second;
        check_fragment(r.index);
      } else if (auto d = by_source.find(norm + "/index.md"); d != by_source.end()) {
        r.status = Resolution::Status::kPage;
        r.index = d->second;
        check_fragment(r.index);
      } else if (auto f = file_by_source.find(norm); f != file_by_source.end()) {
        r.status = Resolution::Status::kFile;
        r.index = f->second;
      } else {
        std::string hint;
        std::vector<std::string> sources;
        for (const auto& p : pages) sources.push_back(p.source);
        hint = suggest(norm, sources);
        broken("link target \"" + link.target + "\" not found (looked for " + norm + " in the notes folder)" +
               (hint.empty() ? "" : "; did you mean \"" + std::filesystem::path(hint).lexically_relative(page.folder.empty() ? "." : page.folder).generic_string() + "\"?"));
      }
      res.push_back(r);
    }
  }

  for (size_t i = 0; i < n; ++i) {
    std::set<size_t> out;
    for (const auto& r : g.resolutions_[i])
      if (r.status == Resolution::Status::kPage && r.index != i) out.insert(r.index);
    g.outlinks_[i].assign(out.begin(), out.end());
    for (size_t t : out) g.backlinks_[t].push_back(i);  // i rises, so each list stays sorted
  }
  return g;
}

std::vector<size_t> LinkGraph::affected_by(size_t page) const {
  std::set<size_t> s{page};
  s.insert(backlinks_[page].begin(), backlinks_[page].end());
  s.insert(outlinks_[page].begin(), outlinks_[page].end());
  return {s.begin(), s.end()};
}

}  // namespace kb
