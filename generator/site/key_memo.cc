#include "site/key_memo.h"

#include <algorithm>

#include <tbb/parallel_for.h>

#include "matrix/matrix.h"
#include "site/build_keys.h"
#include "site/page_render.h"

namespace kb::site {

namespace {

std::string build_extra(const Corpus& corpus, bool search) {
  return corpus.convention.describe() + (search ? "|search" : "|no search");
}

bool has_matrices(const render::SiteModel& model) { return model.matrices && !model.matrices->empty(); }

bool matrix_row(const render::SiteModel& model, size_t page) {
  return model.matrices && !model.matrices->rows_of(page).empty();
}

bool same_history(const render::PageHistory& a, const render::PageHistory& b) {
  return a.updated == b.updated && a.authors == b.authors && a.status == b.status && a.edit_url == b.edit_url;
}

// What shape_key(), the navigation and the site model read of a page.
bool same_place(const Page& p, const Page& was) {
  return p.source == was.source && p.url == was.url && p.folder == was.folder && p.is_index == was.is_index &&
         p.title == was.title && p.meta.order == was.meta.order && p.meta.kind == was.meta.kind &&
         p.domain == was.domain && p.exams == was.exams && p.meta.tags == was.meta.tags && p.meta.aliases == was.meta.aliases;
}

}  // namespace

KeyMemo compute_keys(const Config& config, bool search, const Corpus& corpus, const LinkGraph& graph,
                     const EmbedEdges& embeds, const render::SiteModel& model, const render::NavOptions& nav) {
  const size_t n = corpus.pages.size();
  KeyMemo m;
  m.search = search;
  m.math_in_browser = model.math_in_browser;
  m.has_matrices = has_matrices(model);
  m.build = build_key(config, build_extra(corpus, search));
  m.shape = shape_key(corpus, model);
  m.matrices = matrices_key(config, corpus, model);
  m.listing = listing_key(m.build, m.shape, m.matrices, corpus, model);
  m.meta.resize(n);
  tbb::parallel_for(size_t(0), n, [&](size_t i) { m.meta[i] = page_meta_key(corpus.pages[i]); });
  std::vector<size_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = i;
  note_page_keys(all, m.meta, m.build, m.shape, m.matrices, corpus, graph, embeds, model, nav, m.pages);
  m.history = model.history;
  m.matrix_rows.resize(n);
  for (size_t i = 0; i < n; ++i) m.matrix_rows[i] = matrix_row(model, i);
  m.rekeyed = n;
  return m;
}

KeyMemo update_keys(KeyMemo held, const std::vector<size_t>& edited, const std::vector<Page>& before,
                    const Config& config, bool search, const Corpus& corpus, const LinkGraph& graph,
                    const EmbedEdges& embeds, const render::SiteModel& model, const render::NavOptions& nav) {
  const size_t n = corpus.pages.size();
  bool local = held.search == search && held.math_in_browser == model.math_in_browser &&
               held.has_matrices == has_matrices(model) && held.pages.size() == n && held.meta.size() == n &&
               held.history.size() == model.history.size() && held.matrix_rows.size() == n &&
               edited.size() == before.size();
  for (size_t k = 0; local && k < edited.size(); ++k)
    local = edited[k] < n && same_place(corpus.pages[edited[k]], before[k]);
  if (!local) return compute_keys(config, search, corpus, graph, embeds, model, nav);

  KeyMemo m = std::move(held);
  // The build key and the shape stay: only notes changed, none of them in
  // what the shape reads.
  std::vector<size_t> changed = edited, also;
  bool relist = false;
  // Each edited note's meta; the pages linking to it and linked from it
  // show it.
  for (size_t k = 0; k < edited.size(); ++k) {
    const size_t i = edited[k];
    const Page& p = corpus.pages[i];
    if (p.summary != before[k].summary || p.meta.formula_kind() || before[k].meta.formula_kind()) relist = true;
    const uint64_t meta = page_meta_key(p);
    if (meta == m.meta[i]) continue;
    m.meta[i] = meta;
    const auto& into = graph.backlinks(i);
    const auto& from = graph.outlinks(i);
    changed.insert(changed.end(), into.begin(), into.end());
    also.insert(also.end(), from.begin(), from.end());
  }
  // A comparison matrix's rows live in notes' front matter.
  bool rows_moved = false;
  for (size_t i : edited) {
    const bool row = matrix_row(model, i);
    rows_moved = rows_moved || row || m.matrix_rows[i];
    m.matrix_rows[i] = row;
  }
  if (rows_moved) {
    const uint64_t matrices = matrices_key(config, corpus, model);
    if (matrices != m.matrices) {
      m.matrices = matrices;
      relist = true;
      for (size_t i = 0; i < n; ++i)
        if (m.matrix_rows[i]) also.push_back(i);
    }
  }
  // Git's view of any page may have moved (a commit between two saves).
  for (size_t i = 0; i < model.history.size(); ++i)
    if (!same_history(model.history[i], m.history[i])) {
      m.history[i] = model.history[i];
      changed.push_back(i);
      relist = true;
    }
  if (relist) m.listing = listing_key(m.build, m.shape, m.matrices, corpus, model);
  const LinkGraph::Patched& patched = graph.patched();
  changed.insert(changed.end(), patched.resolved.begin(), patched.resolved.end());
  also.insert(also.end(), patched.relinked.begin(), patched.relinked.end());
  const std::vector<size_t> again = pages_to_rekey(embeds, kMaxEmbedDepth + 1, changed, also);
  note_page_keys(again, m.meta, m.build, m.shape, m.matrices, corpus, graph, embeds, model, nav, m.pages);
  m.rekeyed = again.size();
  return m;
}

std::vector<size_t> pages_to_rekey(const EmbedEdges& embeds, int depth, const std::vector<size_t>& changed,
                                   const std::vector<size_t>& also) {
  std::vector<size_t> out = changed;
  out.insert(out.end(), also.begin(), also.end());
  // Who embeds whom, backwards: most sites embed little, and this is one
  // pass over empty lists.
  std::vector<std::vector<size_t>> into;
  for (size_t i = 0; i < embeds.size(); ++i)
    for (const EmbedEdge& e : embeds[i]) {
      if (into.empty()) into.resize(embeds.size());
      into[e.target].push_back(i);
    }
  if (!into.empty()) {
    std::vector<char> seen(embeds.size(), 0);
    std::vector<size_t> level;
    for (size_t c : changed)
      if (c < seen.size() && !seen[c]) seen[c] = 1, level.push_back(c);
    for (int d = 0; d < depth && !level.empty(); ++d) {
      std::vector<size_t> next;
      for (size_t p : level)
        for (size_t from : into[p])
          if (!seen[from]) seen[from] = 1, next.push_back(from), out.push_back(from);
      level = std::move(next);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace kb::site
