#include "links/link_graph.h"

#include <tbb/parallel_for.h>

#include <atomic>
#include <mutex>

#include <algorithm>
#include <filesystem>
#include <cstring>
#include <set>

#include "content/loader.h"
#include "core/text.h"
#include "links/page_anchors.h"
#include "links/link_graph_index.h"
#include "links/link_memo.h"
#include "links/path_index.h"

namespace kb {
namespace {

using markdown::LinkKind;
using markdown::LinkRef;


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

// The heading of `page` in [begin, end) that a fragment written by a person
// ("Worked example") or copied from a URL ("worked-example") names.
std::optional<size_t> find_heading_in(const Page& page, const std::string& fragment, size_t begin, size_t end) {
  std::string slug = text::heading_slug(fragment);
  for (size_t i = begin; i < end; ++i)
    if (page.headings[i].id == fragment || page.headings[i].id == slug) return i;
  std::string key = text::lookup_key(fragment);
  for (size_t i = begin; i < end; ++i)
    if (text::lookup_key(page.headings[i].text) == key) return i;
  return std::nullopt;
}

std::vector<std::string> split_fragment(const std::string& fragment) {
  std::vector<std::string> parts;
  for (size_t start = 0; start <= fragment.size();) {
    size_t hash = fragment.find('#', start);
    if (hash == std::string::npos) hash = fragment.size();
    if (hash > start) parts.push_back(fragment.substr(start, hash - start));
    start = hash + 1;
  }
  return parts;
}

// What a fragment names on a page: the heading id to link to, if any, and,
// for a nested path "A#B" (Obsidian's [[Note#A#B]]) that named B only
// outside the section it gave, why ("A" missing, or B not inside it).
struct HeadingMatch {
  std::optional<std::string> id;
  std::string missing_outer;  // an outer part no heading answers
  std::string outer;          // the outer heading B was not found inside
};

// Every heading of Page::headings is on the rendered page with its id (a
// heading shown as the title keeps an anchor), so these are ids the page
// really has. "A#B" names the B inside A's section (after A, before the next
// heading of A's level or higher), else the page's first B.
HeadingMatch find_heading(const Page& page, const std::string& fragment) {
  HeadingMatch m;
  std::vector<std::string> parts = split_fragment(fragment);
  if (parts.empty()) return m;
  size_t begin = 0, end = page.headings.size();
  for (size_t p = 0; p + 1 < parts.size(); ++p) {
    auto outer = find_heading_in(page, parts[p], begin, end);
    if (!outer) {
      m.missing_outer = parts[p];
      break;
    }
    m.outer = page.headings[*outer].text;
    begin = *outer + 1;
    size_t stop = begin;
    while (stop < end && page.headings[stop].level > page.headings[*outer].level) ++stop;
    end = stop;
  }
  if (m.missing_outer.empty())
    if (auto inner = find_heading_in(page, parts.back(), begin, end)) {
      m.id = page.headings[*inner].id;
      m.outer.clear();
      return m;
    }
  if (auto any = find_heading_in(page, parts.back(), 0, page.headings.size())) m.id = page.headings[*any].id;
  return m;
}

// Obsidian's choice among notes that answer one name (path_index.h): the
// note at exactly that path from the notes root, else the linking note's
// folder, then below it, then the shortest path. `ambiguous`: several, and
// neither an exact path nor the folder decided.
size_t choose_candidate(const std::vector<Page>& pages, const std::vector<std::string>& source_keys,
                        const std::vector<size_t>& cands, const std::string& key, const std::string& folder,
                        bool& ambiguous) {
  ambiguous = false;
  if (cands.size() == 1) return cands.front();
  for (size_t c : cands)
    if (source_keys[c] == key) return c;
  size_t best = cands.front();
  std::vector<std::string_view> paths;
  for (size_t c : cands) {
    paths.push_back(pages[c].source);
    if (obsidian_prefers(pages[c].source, pages[best].source, folder)) best = c;
  }
  ambiguous = cands.size() > 1 && !folder_decides(paths, folder);
  return best;
}

}  // namespace

std::optional<size_t> LinkGraph::find(std::string_view name) const {
  if (!index_) return std::nullopt;
  const auto& by_name = index_->by_name;
  auto it = by_name.find(text::lookup_key(strip_md(std::string(name))));
  if (it == by_name.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

std::optional<size_t> LinkGraph::Index::unpublished_target(const LinkRef& link, const std::string& folder) const {
  std::string key = strip_md(link.target), alt = key.substr(key.rfind('/') + 1);
  if (link.kind == LinkKind::kMarkdown || link.kind == LinkKind::kImage) {
    key = (std::filesystem::path(folder) / link.target).lexically_normal().generic_string();
    key = strip_md(!key.empty() && key.back() == '/' ? key + "index" : key);
    alt = key + "/index";
  }
  std::vector<std::string> keys{key, alt};
  if ((link.kind == LinkKind::kMarkdown || link.kind == LinkKind::kImage) && link.target.rfind("./", 0) != 0 &&
      link.target.rfind("../", 0) != 0) {  // a path from the notes root or a bare name, as links resolve
    std::string written = link.target;
    written.erase(0, std::min(written.find_first_not_of('/'), written.size()));
    keys.push_back(strip_md(written));
  }
  for (const auto& k : keys)
    if (auto it = unpublished_by_key.find(text::lookup_key(k)); it != unpublished_by_key.end()) return it->second;
  return std::nullopt;
}

// Two notes with one title make every link to that title ambiguous; say so
// once where the titles are, not only where they are linked.
std::vector<Diagnostic> LinkGraph::duplicate_titles(const Corpus& corpus) {
  const auto& pages = corpus.pages;
  const size_t n = pages.size();
  Diagnostics diags;
  std::unordered_map<std::string, size_t> first_title;
  for (size_t i = 0; i < n; ++i) {
    auto [it, fresh] = first_title.emplace(text::lookup_key(pages[i].title), i);
    if (!fresh && !pages[i].is_index) {
      const Page& other = pages[it->second];
      const int line = title_line(pages[i]);
      diags.warning(content::display_path(pages[i].file), line, 0,
                    "title \"" + pages[i].title + "\" is also the title of " +
                        content::display_path(other.file) +
                        "; links to it are ambiguous: give one note another title, or link by path");
    }
  }
  return diags.sorted();
}

LinkGraph LinkGraph::build(const Corpus& corpus, Diagnostics& diags, LinkMemo* memo) {
  LinkGraph g;
  const auto& pages = corpus.pages;
  size_t n = pages.size();
  g.resolutions_.resize(n);
  g.backlinks_.resize(n);
  g.outlinks_.resize(n);
  g.page_diags_.resize(n);
  g.page_broken_.assign(n, 0);
  g.index_ = std::make_shared<Index>();
  Index& x = *g.index_;

  // Each page's path as a lookup key ("modeling/f1 score"), made once.
  std::vector<std::string>& source_keys = x.source_keys;
  source_keys.resize(n);
  tbb::parallel_for(size_t(0), n, [&](size_t i) { source_keys[i] = text::lookup_key(strip_md(pages[i].source)); });
  auto& by_source = x.by_source;
  auto& file_by_source = x.file_by_source;
  for (size_t i = 0; i < n; ++i) {
    const Page& p = pages[i];
    for (auto& key : name_keys(p, source_keys[i])) x.by_name[std::move(key)].push_back(i);  // in page order
    by_source[p.source] = i;
    // A README.md that is its folder's page answers links to the folder.
    if (p.is_index) by_source.emplace(p.folder.empty() ? "index.md" : p.folder + "/index.md", i);
  }
  x.names = suggestion_names(corpus);
  // Links written as paths or bare file names (PathIndex: Obsidian's rule).
  PathIndex &page_paths = x.page_paths, &file_paths = x.file_paths;
  for (size_t i = 0; i < n; ++i) page_paths.add(pages[i].source, i);
  for (size_t i = 0; i < corpus.files.size(); ++i) {
    const auto& f = corpus.files[i];
    file_by_source[f.source] = i;
    file_paths.add(f.source, i);
  }

  x.duplicate_titles = duplicate_titles(corpus);
  for (const auto& d : x.duplicate_titles) diags.add(d);

  // Notes left out as drafts, by name and by path, so a link to one is told
  // apart from a link to nothing.
  auto& unpublished_by_key = x.unpublished_by_key;
  for (size_t d = 0; d < corpus.unpublished.size(); ++d) {
    const Unpublished& u = corpus.unpublished[d];
    for (const auto& name : u.aliases) unpublished_by_key.emplace(text::lookup_key(name), d);
    for (const auto& name : {u.title, u.stem == "index" ? std::string() : u.stem, strip_md(u.source)})
      if (!name.empty()) unpublished_by_key.emplace(text::lookup_key(name), d);
  }
  // Ids a page has besides its headings' (page_anchors.h), read when a
  // fragment names no heading.
  x.anchors.resize(n);

  // Each page's links resolve on their own (the maps above are only read),
  // so pages resolve in parallel; diagnostics are sorted when reported.
  std::vector<size_t> todo;
  if (memo && memo->pages.size() == n) {
    todo = g.take_remembered(corpus, *memo);
  } else {
    todo.resize(n);
    for (size_t i = 0; i < n; ++i) todo[i] = i;
  }
  tbb::parallel_for(size_t(0), todo.size(), [&](size_t k) { g.resolve_page(corpus, todo[k]); });
  g.finish(corpus, diags);
  return g;
}

// The pages whose resolutions `memo` still holds (link_memo.h) take them;
// the others are returned, to resolve.
std::vector<size_t> LinkGraph::take_remembered(const Corpus& corpus, LinkMemo& memo) {
  const size_t n = corpus.pages.size();
  digests_.resize(n);
  tbb::parallel_for(size_t(0), n, [&](size_t i) { digests_[i] = page_digest(corpus.pages[i]); });
  std::vector<char> changed(n);
  for (size_t i = 0; i < n; ++i) changed[i] = digests_[i] != memo.pages[i].digest;
  auto holds = [&](size_t i) {
    const LinkMemo::PageLinks& m = memo.pages[i];
    if (changed[i] || m.resolutions.size() != corpus.pages[i].links.size()) return false;
    for (const Resolution& r : m.resolutions) {
      using S = Resolution::Status;
      // Into a page that changed: its headings, block ids or anchors may have.
      if ((r.status == S::kPage || r.status == S::kSamePage) && (r.index >= n || changed[r.index])) return false;
      if (r.status == S::kFile && r.index >= corpus.files.size()) return false;
      if (r.status == S::kUnpublished && r.index >= corpus.unpublished.size()) return false;
    }
    return true;
  };
  std::vector<size_t> todo;
  for (size_t i = 0; i < n; ++i) {
    if (!holds(i)) {
      todo.push_back(i);
      continue;
    }
    resolutions_[i] = std::move(memo.pages[i].resolutions);
    page_diags_[i] = std::move(memo.pages[i].diags);
    page_broken_[i] = memo.pages[i].broken;
    ++remembered_;
  }
  return todo;
}

LinkMemo LinkGraph::memo(const Corpus& corpus, uint64_t key) const {
  const size_t n = corpus.pages.size();
  LinkMemo m;
  m.key = key;
  m.pages.resize(n);
  tbb::parallel_for(size_t(0), n, [&](size_t i) {
    LinkMemo::PageLinks& p = m.pages[i];
    p.digest = digests_.size() == n ? digests_[i] : page_digest(corpus.pages[i]);
    p.resolutions = resolutions_[i];
    p.diags = page_diags_[i];
    p.broken = page_broken_[i];
  });
  return m;
}

// One page's links, resolved against the index; its diagnostics kept with it.
void LinkGraph::resolve_page(const Corpus& corpus, size_t i) {
  const Index& x = *index_;
  const auto& pages = corpus.pages;
  const auto& by_name = x.by_name;
  const auto& by_source = x.by_source;
  const auto& file_by_source = x.file_by_source;
  const auto& names = x.names;
  const auto& page_paths = x.page_paths;
  const auto& file_paths = x.file_paths;
  const auto& source_keys = x.source_keys;
  Diagnostics mine;
  size_t broken_count = 0;
  const Page& page = pages[i];
  // Shown only in diagnostics, which most pages have none of.
  std::optional<std::string> shown_path;
  auto path_ref = [&]() -> const std::string& {
    if (!shown_path) shown_path = content::display_path(page.file);
    return *shown_path;
  };
  auto source_line = [&](int line, int column) { return echo_of(page.body, line - page.body_line + 1, column); };
  std::vector<Resolution> res;
  res.reserve(page.links.size());
  for (const LinkRef& link : page.links) {
    Resolution r;
    auto broken = [&](const std::string& message) {
      if (auto d = x.unpublished_target(link, page.folder)) {  // not missing: a draft
        const Unpublished& u = corpus.unpublished[*d];
        r.status = Resolution::Status::kUnpublished;
        r.index = *d;
        mine.warning(path_ref(), link.line, link.column,
                      "\"" + link.target + (u.reason == "draft: true" ? "\" is a draft (" : "\" is not published (") +
                          u.reason + " in " +
                          content::display_path(u.file) +
                          "), so this link shows as plain text: publish the note, remove the link, "
                          "or preview drafts with --drafts",
                      source_line(link.line, link.column));
        return;
      }
      ++broken_count;
      mine.warning(path_ref(), link.line, link.column, message, source_line(link.line, link.column));
    };
    auto check_fragment = [&](size_t target) {
      if (link.fragment.empty()) return;
      const Page& to = pages[target];
      if (link.fragment[0] == '^') {  // an Obsidian block id: "#^id"
        std::string id = link.fragment.substr(1);
        std::vector<std::string> ids;
        for (const auto& b : to.block_ids) {
          if (b.id == id) {
            r.fragment = link.fragment;
            return;
          }
          ids.push_back(b.id);
        }
        std::string hint = suggest(text::lookup_key(id), ids);
        ++broken_count;
        mine.warning(path_ref(), link.line, link.column,
                      "no block \"^" + id + "\" in \"" + to.title + "\"" +
                          (hint.empty() ? ": end a paragraph or list item with \" ^" + id + "\" to name it"
                                        : " (did you mean \"^" + hint + "\"?)"),
                      source_line(link.line, link.column));
        r.fragment = link.fragment;
        return;
      }
      HeadingMatch m = find_heading(to, link.fragment);
      std::string last = split_fragment(link.fragment).empty() ? link.fragment : split_fragment(link.fragment).back();
      if (m.id) {
        r.fragment = *m.id;
        if (!m.missing_outer.empty() || !m.outer.empty())  // lands, but not where the path said
          mine.warning(path_ref(), link.line, link.column,
                        "\"" + link.fragment + "\": " +
                            (m.missing_outer.empty()
                                 ? "\"" + last + "\" is not inside \"" + m.outer + "\""
                                 : "no heading \"" + m.missing_outer + "\"") +
                            " in \"" + to.title + "\", so this links to the page's first \"" + last + "\"",
                        source_line(link.line, link.column));
        return;
      }
      // Not a heading: another id the page has (a footnote, a raw HTML anchor).
      if (link.fragment.find('#') == std::string::npos) {
        std::lock_guard<std::mutex> lock(x.anchors_mutex);
        auto& ids = x.anchors[target];
        if (!ids) ids = page_anchors(to.body);
        if (std::find(ids->begin(), ids->end(), link.fragment) != ids->end()) {
          r.fragment = link.fragment;
          return;
        }
      }
      std::vector<std::string> heads;
      for (const auto& h : to.headings) heads.push_back(h.text);
      std::string hint = suggest(text::lookup_key(last), heads);
      if (hint.empty()) {  // a slug written by hand: "worked-exampel"
        std::string spaced = last;
        std::replace(spaced.begin(), spaced.end(), '-', ' ');
        hint = suggest(text::lookup_key(spaced), heads);
      }
      ++broken_count;
      mine.warning(path_ref(), link.line, link.column,
                    "no heading \"" + link.fragment + "\" in \"" + to.title + "\"" +
                        (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"),
                    source_line(link.line, link.column));
      r.fragment = text::heading_slug(link.fragment);
    };
    // Several notes or files answer the link and nothing says which: name
    // them all, and the one chosen.
    auto warn_ambiguous = [&](const std::vector<std::string>& files, const std::string& chosen) {
      std::string list;
      for (const auto& f : files) list += (list.empty() ? "" : ", ") + f;
      bool wiki = link.kind == LinkKind::kWiki || link.kind == LinkKind::kEmbed;
      mine.warning(path_ref(), link.line, link.column,
                    "\"" + link.target + "\" is ambiguous: it names " + list + "; linking to " + chosen +
                        " as Obsidian would (its own folder, then below it, then the shortest path; " +
                        (wiki ? "write [[folder/name]]" : "write the path from the notes root") + " to choose)",
                    source_line(link.line, link.column));
    };
    auto warn_if_ambiguous = [&](const PathIndex::Match& m, bool is_file) {
      if (!m.ambiguous) return;
      auto shown = [&](const PathIndex::Entry* e) {
        return content::display_path(is_file ? corpus.files[e->index].file : pages[e->index].file);
      };
      std::vector<std::string> files;
      for (const auto* e : m.candidates) files.push_back(shown(e));
      warn_ambiguous(files, shown(m.entry));
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
      auto it = by_name.find(key);
      // A partial path ("b/Note" for a/b/Note.md) by Obsidian's path rule.
      std::optional<PathIndex::Match> by_path;
      if (it == by_name.end() && key.find('/') != key.npos) by_path = page_paths.find(link.target, page.folder);
      if (it == by_name.end() && !by_path && key.find('/') != key.npos)
        it = by_name.find(key.substr(key.rfind('/') + 1));
      std::optional<PathIndex::Match> file;
      if (it == by_name.end() && !by_path) file = file_paths.find(link.target, page.folder);
      if (by_path) {
        warn_if_ambiguous(*by_path, false);
        r.status = Resolution::Status::kPage;
        r.index = by_path->entry->index;
        check_fragment(r.index);
      } else if (it != by_name.end()) {
        const auto& cands = it->second;
        bool ambiguous = false;
        size_t chosen = choose_candidate(pages, source_keys, cands, key, page.folder, ambiguous);
        if (ambiguous) {
          std::vector<std::string> files;
          for (size_t c : cands) files.push_back(content::display_path(pages[c].file));
          warn_ambiguous(files, content::display_path(pages[chosen].file));
        }
        r.status = Resolution::Status::kPage;
        r.index = chosen;
        check_fragment(r.index);
      } else if (file) {
        warn_if_ambiguous(*file, true);
        r.status = Resolution::Status::kFile;
        r.index = file->entry->index;
      } else {
        std::string hint = suggest(key, names);
        // ![[Note]] names a note, ![[file.png]] a file (Obsidian reads both).
        bool file_like = std::filesystem::path(link.target).has_extension();
        if (link.kind == LinkKind::kEmbed && file_like) {  // an attachment's name with a typo: the closest file name
          std::string name = link.target.substr(link.target.rfind('/') + 1);
          std::vector<std::string> file_names;
          for (const auto& f : corpus.files) file_names.push_back(std::filesystem::path(f.source).filename().string());
          if (std::string h = suggest(text::lookup_key(name), file_names); !h.empty()) hint = h;
        }
        broken(std::string(link.kind != LinkKind::kEmbed ? "wikilink target"
                           : file_like                   ? "embedded file"
                                                         : "embedded note") +
               " \"" +
               link.target + "\" not found" +
               (hint.empty() ? ": no note has that title, alias or file name" : " (did you mean \"" + hint + "\"?)"));
      }
      res.push_back(r);
      continue;
    }

    // A markdown link or image: a path relative to the linking page, else
    // (unless written "./…" or "../…", which Obsidian reads as relative
    // only) a vault path or a bare file name.
    bool explicit_relative = link.target.rfind("./", 0) == 0 || link.target.rfind("../", 0) == 0;
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
    } else if (auto m = explicit_relative ? std::nullopt : page_paths.find(link.target, page.folder)) {
      // Obsidian's "shortest path" and "absolute path in vault" links.
      warn_if_ambiguous(*m, false);
      r.status = Resolution::Status::kPage;
      r.index = m->entry->index;
      check_fragment(r.index);
    } else if (auto fm = explicit_relative ? std::nullopt : file_paths.find(link.target, page.folder)) {
      warn_if_ambiguous(*fm, true);
      r.status = Resolution::Status::kFile;
      r.index = fm->entry->index;
    } else {
      std::string hint;
      std::vector<std::string> sources;
      for (const auto& p : pages) sources.push_back(p.source);
      hint = suggest(norm, sources);
      if (!hint.empty()) {
        hint = std::filesystem::path(hint).lexically_relative(page.folder.empty() ? "." : page.folder).generic_string();
      } else if (!explicit_relative && link.target.find('/') == std::string::npos) {
        // A bare name with a typo: the closest file name, notes and files alike.
        std::vector<std::string> file_names;
        for (const auto& p : pages) file_names.push_back(std::filesystem::path(p.source).filename().string());
        for (const auto& f : corpus.files) file_names.push_back(std::filesystem::path(f.source).filename().string());
        hint = suggest(text::lookup_key(link.target), file_names);
      }
      broken("link target \"" + link.target + "\" not found (looked for " + norm + " in the notes folder)" +
             (hint.empty() ? "" : "; did you mean \"" + hint + "\"?"));
    }
    res.push_back(r);
  }
  resolutions_[i] = std::move(res);
  page_diags_[i] = mine.sorted();
  page_broken_[i] = static_cast<uint32_t>(broken_count);
}

std::vector<std::string> name_keys(const Page& p, const std::string& source_key) {
  std::vector<std::string> keys;
  auto add = [&](std::string key) {
    if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  };
  add(text::lookup_key(p.title));
  for (const auto& a : p.meta.aliases) add(text::lookup_key(a));
  if (!p.is_index) add(text::lookup_key(p.stem));
  add(source_key);
  return keys;
}

std::vector<std::string> suggestion_names(const Corpus& corpus) {
  std::vector<std::string> names;
  for (const auto& p : corpus.pages) {
    names.push_back(p.title);
    names.insert(names.end(), p.meta.aliases.begin(), p.meta.aliases.end());
  }
  return names;
}

std::vector<size_t> LinkGraph::targets_of(size_t page) const {
  std::vector<size_t> out;
  for (const auto& r : resolutions_[page])
    if (r.status == Resolution::Status::kPage && r.index != page) out.push_back(r.index);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void LinkGraph::finish(const Corpus& corpus, Diagnostics& diags) {
  for (size_t i = 0; i < corpus.pages.size(); ++i) {
    outlinks_[i] = targets_of(i);
    for (size_t t : outlinks_[i]) backlinks_[t].push_back(i);  // i rises, so each list stays sorted
  }
  count_and_report(corpus, diags);
}

void LinkGraph::count_and_report(const Corpus& corpus, Diagnostics& diags) {
  links_ = broken_ = 0;
  for (size_t i = 0; i < corpus.pages.size(); ++i) {
    links_ += corpus.pages[i].links.size();
    broken_ += page_broken_[i];
    for (const auto& d : page_diags_[i]) diags.add(d);
  }
}

std::vector<size_t> LinkGraph::affected_by(size_t page) const {
  std::set<size_t> s{page};
  s.insert(backlinks_[page].begin(), backlinks_[page].end());
  s.insert(outlinks_[page].begin(), outlinks_[page].end());
  return {s.begin(), s.end()};
}

}  // namespace kb
