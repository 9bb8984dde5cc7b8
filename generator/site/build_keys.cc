#include "site/build_keys.h"

#include <elf.h>
#include <link.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include <tbb/parallel_for.h>

#include "core/file.h"
#include "render/nav.h"
#include "site/page_render.h"

namespace kb::site {
namespace fs = std::filesystem;

uint64_t content_hash(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

namespace {

void add_config(KeyHasher& h, const Config& c) {
  if (!c.file.empty())
    if (auto bytes = file::read_file(c.file)) h.add(*bytes);
  std::error_code ec;
  h.add(fs::weakly_canonical(c.notes_dir, ec).string()).add(fs::weakly_canonical(c.output_dir, ec).string());
  h.add(c.title).add(c.description).add(c.base_url).add(c.repository).add(c.edit_branch).add(c.language);
  h.add(c.include_drafts).add(c.allow_html);
  for (const auto& d : c.domains) h.add(d.id).add(d.title);
  for (const auto& x : c.exclude) h.add(x);
  // Synonyms change the search index, not the pages: rare enough to count
  // as a change of the whole site.
  if (auto bytes = file::read_file(c.notes_dir / "data" / "synonyms.toml")) h.add(*bytes);
}

void add_history(KeyHasher& h, const render::SiteModel& model, size_t page) {
  h.add(page < model.history.size());
  if (page >= model.history.size()) return;
  const auto& e = model.history[page];
  h.add(e.updated).add(e.authors).add(e.status).add(e.edit_url);
}

// Every file under `root` (none if it does not exist): path and bytes.
void add_folder(KeyHasher& h, const fs::path& root) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    h.add(f.lexically_relative(root).generic_string());
    if (auto bytes = file::read_file(f)) h.add(*bytes);
  }
  h.add("|");
}

void add_links(KeyHasher& h, const Corpus& corpus, const LinkGraph& graph, const std::vector<uint64_t>& meta,
               size_t page) {
  const Page& p = corpus.pages[page];
  h.add(static_cast<uint64_t>(p.links.size()));
  for (size_t l = 0; l < p.links.size(); ++l) {
    const Resolution& r = graph.resolution(page, l);
    h.add(static_cast<uint64_t>(r.status)).add(static_cast<uint64_t>(r.index)).add(r.fragment);
    if (r.status == Resolution::Status::kPage) h.add(meta[r.index]);
  }
}

}  // namespace

namespace {

// The linker's build id of kb's executable (a hash of its contents, which
// Debian's toolchain writes by default), read from memory; "" without one.
std::string build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) -> int {
        // The first object is the executable itself.
        for (int k = 0; k < info->dlpi_phnum; ++k) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[k];
          if (ph.p_type != PT_NOTE) continue;
          const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const char* name = p + sizeof(ElfW(Nhdr));
            const char* desc = name + ((note->n_namesz + 3) & ~3u);
            if (desc + note->n_descsz > end) break;
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::string_view(name, 3) == "GNU") {
              static_cast<std::string*>(out)->assign(desc, note->n_descsz);
              return 1;
            }
            p = desc + ((note->n_descsz + 3) & ~3u);
          }
        }
        return 1;
      },
      &id);
  return id;
}

}  // namespace

uint64_t binary_key() {
  // The build id when the linker wrote one (no need to read 11 MB on every
  // build); else the executable's bytes.
  static const uint64_t key = [] {
    if (std::string id = build_id(); id.size() >= 8) return content_hash(id);
    auto bytes = file::read_file("/proc/self/exe");
    return bytes ? content_hash(*bytes) : 0;
  }();
  return key;
}

uint64_t build_key(const Config& config, std::string_view extra) {
  KeyHasher h;
  h.add(binary_key());
  add_config(h, config);
  // The user's template and asset overrides (kb's own are in its binary).
  add_folder(h, config.templates_dir);
  add_folder(h, config.assets_dir);
  h.add(extra);
  return h.value();
}

namespace {

// A page's place in every exam, as one string for the keys.
std::string exams_key(const Page& p) {
  std::string out;
  for (const auto& [exam, domain] : p.exams) out += exam + ':' + domain + ';';
  return out;
}

}  // namespace

uint64_t shape_key(const Corpus& corpus, const render::SiteModel& model) {
  KeyHasher h;
  h.add(static_cast<uint64_t>(corpus.pages.size()));
  for (const Page& p : corpus.pages) {
    // Not the title: the pages that show it (links, backlinks, navigation,
    // previous and next, lists) hash it themselves, so a renamed note
    // re-renders those only.
    h.add(p.source).add(p.url).add(p.folder).add(p.is_index).add(p.meta.kind).add(p.domain).add(exams_key(p));
    h.add(p.meta.order ? std::to_string(*p.meta.order) : std::string("-"));
    h.add(static_cast<uint64_t>(p.meta.tags.size()));
    for (const auto& t : p.meta.tags) h.add(t);
    h.add(static_cast<uint64_t>(p.meta.aliases.size()));
    for (const auto& a : p.meta.aliases) h.add(a);
  }
  for (const auto& f : model.folders) {
    h.add(f.path).add(f.name).add(f.url).add(static_cast<uint64_t>(f.total_notes));
    if (f.index_page) h.add(static_cast<uint64_t>(*f.index_page));
  }
  for (size_t r : model.reading_order) h.add(static_cast<uint64_t>(r));
  for (const auto& [name, tag] : model.tags) h.add(name).add(tag.url);
  for (const auto& u : corpus.unpublished) {
    h.add(u.source).add(u.title);
    for (const auto& a : u.aliases) h.add(a);
  }
  for (const auto& f : corpus.files) h.add(f.source).add(f.url);
  h.add(static_cast<uint64_t>(model.formulas.size()));
  h.add(model.cards > 0).add(model.questions > 0);
  h.add(model.matrices && !model.matrices->empty());
  h.add(model.math_in_browser);
  return h.value();
}

uint64_t page_meta_key(const Page& p) {
  KeyHasher h;
  h.add(p.source).add(p.url).add(p.title).add(p.summary).add(p.meta.kind).add(p.domain).add(exams_key(p));
  h.add(p.drop_leading_h1);
  for (const auto& x : p.headings) h.add(static_cast<uint64_t>(x.level)).add(x.text).add(x.id);
  h.add(std::string_view("|"));
  for (const auto& b : p.block_ids) h.add(b.id).add(b.duplicate);
  h.add(std::string_view("|"));
  for (const auto& a : p.meta.aliases) h.add(a);
  h.add(!p.formulas.empty()).add(markdown::any_demo(p.blocks)).add(p.has_diagrams);
  return h.value();
}

uint64_t matrices_key(const Config& config, const Corpus& corpus, const render::SiteModel& model) {
  KeyHasher h;
  add_folder(h, config.notes_dir / "data" / "matrices");  // the schemas
  if (model.matrices)
    for (const auto& [page, rows] : model.matrices->by_page)
      h.add(static_cast<uint64_t>(page)).add(corpus.pages[page].source_hash);
  for (const Page& p : corpus.pages) h.add(p.title);  // cells name notes
  return h.value();
}

uint64_t listing_key(uint64_t build, uint64_t shape, uint64_t matrices, const Corpus& corpus,
                     const render::SiteModel& model) {
  KeyHasher h;
  h.add(build).add(shape).add(matrices);
  for (size_t i = 0; i < corpus.pages.size(); ++i) {
    const Page& p = corpus.pages[i];
    h.add(p.title).add(p.summary);
    // The formula index shows each formula page's formulas.
    if (p.meta.formula_kind()) h.add(p.source_hash);
    add_history(h, model, i);
  }
  return h.value();
}

void note_page_keys(const std::vector<size_t>& pages, const std::vector<uint64_t>& meta, uint64_t build,
                       uint64_t shape, uint64_t matrices, const Corpus& corpus, const LinkGraph& graph,
                       const EmbedEdges& embeds, const render::SiteModel& model, const render::NavOptions& nav,
                       std::vector<uint64_t>& keys) {
  // The titles a page's navigation shows: all of them on a small site, the
  // current folder's window on a big one (render/nav.h).
  const bool windowed = render::nav_is_windowed(model, nav);
  KeyHasher titles;
  if (!windowed)
    for (const Page& p : corpus.pages) titles.add(p.title);
  const uint64_t all_titles = titles.value();
  auto add_nav = [&](KeyHasher& h, size_t i) {
    if (!windowed) return h.add(all_titles), void();
    render::NavPlace place{corpus.pages[i].url, model.folder_of[i], i, false};
    render::NavWindow w = render::nav_window(model, place, nav);
    const auto& in_folder = model.folders[model.folder_of[i]].pages;
    for (size_t k = w.begin; k < w.end && k < in_folder.size(); ++k) h.add(corpus.pages[in_folder[k]].title);
    size_t pos = i < model.position.size() ? model.position[i] : static_cast<size_t>(-1);
    if (pos == static_cast<size_t>(-1)) return;
    if (pos > 0) h.add(corpus.pages[model.reading_order[pos - 1]].title);
    if (pos + 1 < model.reading_order.size()) h.add(corpus.pages[model.reading_order[pos + 1]].title);
    // Its neighbours on each exam's study path (the places are in the shape).
    if (i < model.exam_places.size())
      for (const auto& place : model.exam_places[i]) {
        const auto& list = model.exam_pages[place.exam][place.domain];
        if (place.pos > 0) h.add(corpus.pages[list[place.pos - 1]].title);
        if (place.pos + 1 < list.size()) h.add(corpus.pages[list[place.pos + 1]].title);
      }
  };
  // A practice question's explanation links (site/quizzes.h) are not the
  // page's links: each target's meta, or every title and alias while a name
  // finds no note (a renamed note may take it).
  std::optional<uint64_t> names;
  for (const Page& p : corpus.pages)
    for (const auto& q : p.quizzes)
      for (const auto& l : q.links)
        if (!names && !graph.find(l.target)) {
          KeyHasher all;
          for (const Page& x : corpus.pages) all.add(x.title);
          names = all.value();
        }
  auto add_quiz_links = [&](KeyHasher& h, size_t i) {
    for (const auto& q : corpus.pages[i].quizzes)
      for (const auto& l : q.links) {
        auto target = graph.find(l.target);
        h.add(l.target);
        if (target) h.add(static_cast<uint64_t>(*target)).add(meta[*target]);
        else h.add(*names);
      }
  };
  keys.resize(corpus.pages.size());
  tbb::parallel_for(size_t(0), pages.size(), [&](size_t k) {
    const size_t i = pages[k];
    const Page& p = corpus.pages[i];
    KeyHasher h;
    h.add(build).add(shape).add(p.source_hash).add(meta[i]);
    add_nav(h, i);
    add_history(h, model, i);
    add_links(h, corpus, graph, meta, i);
    // One level past the deepest embed shown: that level is a link to it.
    for (size_t e : embedded_pages(embeds, i, kMaxEmbedDepth + 1)) {
      h.add(static_cast<uint64_t>(e)).add(corpus.pages[e].source_hash).add(meta[e]);
      add_history(h, model, e);
      add_links(h, corpus, graph, meta, e);
      add_quiz_links(h, e);
    }
    add_quiz_links(h, i);
    h.add(std::string_view("backlinks"));
    for (size_t b : graph.backlinks(i)) h.add(static_cast<uint64_t>(b)).add(meta[b]);
    if (model.matrices && !model.matrices->rows_of(i).empty()) h.add(matrices);
    keys[i] = h.value();
  });
}

}  // namespace kb::site
