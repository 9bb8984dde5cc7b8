#include "site/site.h"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <functional>
#include <set>
#include <future>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <tbb/parallel_for.h>

#include "content/loader.h"
#include "core/file.h"
#include "core/memory.h"
#include "content/parse_cache.h"
#include "git/history.h"
#include "core/text.h"
#include "links/embed_graph.h"
#include "links/link_graph.h"
#include "links/link_memo.h"
#include "matrix/matrix.h"
#include "render/nav.h"
#include "render/renderer.h"
#include "render/site_model.h"
#include "search/schema.h"
#include "site/output.h"
#include "site/page_render.h"
#include "site/publish.h"
#include "site/reserved_urls.h"
#include "site/quizzes.h"
#include "site/review_cards.h"
#include "code/mermaid_assets.h"
#include "site/site_code.h"
#include "site/site_demos.h"
#include "site/build_keys.h"
#include "site/site_cache.h"
#include "site/site_math.h"
#include "site/local_graph_keys.h"
#include "site/note_data.h"
#include "site/previews.h"
#include "site/site_graph.h"
#include "site/site_index.h"

namespace kb::site {
namespace fs = std::filesystem;

struct BuildSession::Held {
  Held(Corpus c, LinkGraph g, SiteMath m, SiteDemos d)
      : corpus(std::move(c)), graph(std::move(g)), math(std::move(m)), demos(std::move(d)) {}
  Corpus corpus;
  LinkGraph graph;
  SiteMath math;                       // its formulas, typeset
  SiteDemos demos;                     // its demos, run and shown
  std::optional<SiteCode> code;        // its code blocks, highlighted
  std::vector<Diagnostic> load_diags;  // what loading the notes said
  bool reserved_clean = false;         // no page or file was at a URL kb writes
  // The theme and the site's structure, for a build that changes neither: a
  // patched build's notes kept what the structure reads (same_structure()).
  std::optional<render::Renderer> renderer;
  std::optional<render::SiteModel> model;
  bool had_matrices = false;  // the model's header links to them
  std::optional<KeyMemo> keys;  // every key, as the build cache was planned (site/key_memo.h)
  std::optional<LocalGraphKeys> graph_keys;  // every note's local graph key (site/local_graph_keys.h)
  GraphLayout graph_layout;  // graph.html's points (site/site_graph.h)
  bool symlinked = false;              // some note is a symlink to another file: its page follows that file
};

namespace {

bool inside(const fs::path& child, const fs::path& parent) {
  auto rel = child.lexically_relative(parent);
  return !rel.empty() && *rel.begin() != "..";
}

// "Modeling › Metrics": the folders above a page, for search results.
std::string breadcrumb_of(const render::SiteModel& model, size_t page) {
  std::vector<size_t> chain;
  for (size_t f = model.folder_of[page]; f != 0; f = model.folders[f].parent) chain.push_back(f);
  if (model.corpus->pages[page].is_index && !chain.empty()) chain.erase(chain.begin());
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!out.empty()) out += " \u203A ";
    out += model.folders[*it].name;
  }
  return out;
}

search::IndexEntry index_entry(const render::SiteModel& model, size_t i, std::string text) {
  const Page& page = model.corpus->pages[i];
  search::IndexEntry e;
  e.id = page.source;
  e.url = page.url;
  e.title = page.title;
  e.aliases = page.meta.aliases;
  for (const auto& h : page.headings)
    if (!(page.drop_leading_h1 && h.level == 1 && h.text == page.title)) e.headings.push_back(h.text);
  e.tags = page.meta.tags;
  e.domain = page.domain;
  for (const auto& [exam, domain] : page.exams)
    if (!exam.empty()) e.exams.push_back(exam + ":" + domain);
  // A site of named exams facets by the primary exam's qualified domain.
  if (const Exam* primary = model.config->primary_exam(); primary && !primary->id.empty() && !e.domain.empty())
    e.domain = primary->id + ":" + e.domain;
  e.kind = page.meta.kind;
  e.summary = page.summary;
  e.index_summary = !page.meta.summary.empty();
  e.breadcrumb = breadcrumb_of(model, i);
  e.text = std::move(text);
  return e;
}

// The site model's folders, reading order, tags and formula list are built
// from every page's folder, index-ness, title, order, kind and tags (and the
// header from whether there are matrices): edits that keep all of those keep
// the structure, and the renderer's navigation frames drawn from it.
bool same_structure(const Corpus& corpus, const std::vector<size_t>& edited, const std::vector<Page>& before) {
  return std::equal(edited.begin(), edited.end(), before.begin(), [&](size_t i, const Page& was) {
    const Page& p = corpus.pages[i];
    return p.folder == was.folder && p.is_index == was.is_index && p.title == was.title &&
           p.meta.order == was.meta.order && p.meta.kind == was.meta.kind && p.meta.tags == was.meta.tags;
  });
}

}  // namespace

// "Last updated", authors and "Edit this page" for every page. A notes folder
// outside any repository has none of these; a git failure is a warning, never
// a failed build.
static std::vector<render::PageHistory> page_history(const Config& config, const Corpus& corpus, Diagnostics& diags) {
  std::vector<render::PageHistory> out(corpus.pages.size());
  git::HistoryOptions options;
  options.notes_dir = config.notes_dir;
  for (const auto& p : corpus.pages) options.paths.push_back(p.source);
  auto history = git::history(options);
  if (!history) {
    diags.warning(content::display_path(config.notes_dir), 0, 0,
                  "page history unavailable (" + history.error() + "); pages show no update dates");
    return out;
  }
  if (!history->in_repository) return out;
  std::string repo = config.repository;
  while (!repo.empty() && repo.back() == '/') repo.pop_back();
  for (size_t i = 0; i < corpus.pages.size(); ++i) {
    const Page& page = corpus.pages[i];
    auto f = history->files.find(page.source);
    if (f != history->files.end()) {
      const git::FileHistory& h = f->second;
      if (h.last) {
        std::time_t t = static_cast<std::time_t>(h.last->time + int64_t(h.last->offset_minutes) * 60);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char date[16];
        std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
        out[i].updated = date;
      }
      for (const auto& a : h.authors) out[i].authors += (out[i].authors.empty() ? "" : ", ") + a.name;
      if (h.status != git::FileStatus::kCommitted) out[i].status = git::to_string(h.status);
    }
    if (!repo.empty()) {
      std::error_code ec;
      fs::path rel = fs::weakly_canonical(page.file, ec).lexically_relative(history->repository);
      out[i].edit_url = repo + "/edit/" + config.edit_branch + "/" + text::url_encode_path(rel.generic_string());
    }
  }
  return out;
}

bool build(const BuildOptions& options, Diagnostics& diags, BuildStats& stats) {
  auto start = std::chrono::steady_clock::now();
  const Config& config = options.config;
  std::error_code ec;
  fs::path notes = fs::weakly_canonical(config.notes_dir, ec);
  fs::path out = fs::weakly_canonical(config.output_dir, ec);
  if (options.write && (out == notes || inside(notes, out) || inside(out, notes))) {
    diags.error(content::display_path(config.output_dir), 0, 0,
                "the output folder and the notes folder overlap (" + content::display_path(notes) +
                    "); write the site somewhere else with --out");
    return false;
  }

  // One build at a time writes an output folder (site/output.h).
  std::string busy;
  std::optional<OutputLock> output_lock =
      options.write ? OutputLock::acquire(config.output_dir, busy) : std::optional<OutputLock>();
  if (options.write && !output_lock) {
    diags.error(content::display_path(config.output_dir), 0, 0, busy);
    return false;
  }
  auto stage = [&, t = start](const char* name) mutable {
    if (!std::getenv("KB_TIMING")) return;
    auto now = std::chrono::steady_clock::now();
    fprintf(stderr, "stage %-10s %.3f s\n", name, std::chrono::duration<double>(now - t).count());
    t = now;
  };
  // The build cache (site/build_cache.h), held for the whole build; notes it
  // has seen with the same bytes are not parsed again.
  std::unique_ptr<BuildCache> cache = options.cache && options.write ? BuildCache::open(config) : nullptr;
  // A new process's incremental build needs the last build's postings: read
  // them meanwhile. (A session holds its own in memory.)
  PostingsAhead postings_ahead;
  if (cache && options.search && !options.session) postings_ahead = read_postings_ahead(*cache);
  std::optional<content::ParseCache> own_parsed;
  content::ParseCache* parsed = options.parse_cache;
  const fs::path parsed_file = cache ? cache->dir() / "parsed.bin" : fs::path();
  std::error_code cwd_ec;
  const uint64_t parse_key =
      KeyHasher().add(binary_key()).add(config.allow_html).add(fs::current_path(cwd_ec).string()).value();
  // A session's cache is read from disk once, and again for another site.
  if (parsed && (parsed->key() != parse_key || parsed->file() != parsed_file)) parsed->reload(parsed_file, parse_key);
  if (!parsed && cache) parsed = &own_parsed.emplace(content::ParseCache::load(parsed_file, parse_key));
  if (parsed && parsed->in_memory()) parsed->begin_build();
  // A session's last build, taken: it is held again only if this one
  // succeeds. `reuse` is it when this build starts from it (the changed
  // notes read again in place), until the stages have taken what they need.
  std::shared_ptr<BuildSession::Held> reuse = options.session ? std::move(options.session->held) : nullptr;
  // The last build's local graph keys (a session's, else the cache's, read
  // when needed) and graph layout (a session's). Right whatever they are:
  // only a head start.
  std::optional<LocalGraphKeys> graph_keys;
  GraphLayout graph_layout;
  if (reuse && reuse->graph_keys) graph_keys = std::move(reuse->graph_keys);
  if (reuse) graph_layout = std::move(reuse->graph_layout);
  // The theme (templates, assets) is read meanwhile: it needs no note.
  std::future<std::optional<render::Renderer>> renderer_ahead;
  if (!reuse || !reuse->renderer)
    renderer_ahead = std::async(std::launch::async, [&config, &diags] { return render::Renderer::create(config, diags); });
  Corpus corpus;
  std::vector<Diagnostic> load_diags;  // kept for the session's next build
  std::vector<size_t> edited;          // the pages read again, in a patched build
  std::vector<Page> edited_before;     // those pages as the last build read them
  if (reuse && reuse->reserved_clean && !reuse->symlinked && options.session->changed &&
      !options.session->changed->empty() && parsed && parsed->in_memory() &&
      content::reload_notes(reuse->corpus, config, *options.session->changed, *parsed, reuse->load_diags, edited,
                            edited_before)) {
    corpus = std::move(reuse->corpus);
    load_diags = std::move(reuse->load_diags);
    stats.patched = true;
    ++options.session->patched_builds;
  } else {
    reuse.reset();
    Diagnostics loading;
    corpus = content::load(config, loading, parsed, options.write);  // kb check renders no page
    load_diags = loading.sorted();
  }
  for (const auto& d : load_diags) diags.add(d);
  // The parse cache is written once the site is (below): not on the way to it.
  // (A session's owner saves it when idle: not between an edit and the next.)
  auto save_parsed = [&] {
    if (parsed && cache && !options.session && parsed->worth_saving()) parsed->save(parsed_file);
  };
  if (std::getenv("KB_TIMING") && parsed)
    fprintf(stderr, "parse cache: %zu notes as before, %zu parsed%s\n", parsed->hits(), parsed->misses(),
            stats.patched ? " (only the changed notes read)" : "");
  stage("load");
  stats.pages = corpus.pages.size();
  stats.files = corpus.files.size();
  stats.drafts = corpus.unpublished.size();
  stats.left_out = corpus.left_out;
  if (options.may_leave_out)
    for (const auto& source : corpus.left_out)
      if (!std::binary_search(options.may_leave_out->begin(), options.may_leave_out->end(), source))
        diags.error(content::display_path(config.notes_dir / source), 0, 0,
                    "now left out of the site by the problem above: still serving its last good page until it is fixed");
  if (config.include_drafts)
    for (const auto& p : corpus.pages) stats.drafts += p.meta.draft || !p.meta.publish;
  stats.convention = corpus.convention.describe();
  if (corpus.pages.empty()) return false;
  // The theme now, so that no note or file takes the URL of a page kb
  // generates or of a theme file (site/reserved_urls.h) before anything reads
  // page URLs.
  // (A patched build changed notes only: the templates and assets are as
  // the held renderer read them.)
  std::optional<render::Renderer> renderer =
      reuse && reuse->renderer ? std::move(reuse->renderer)
      : renderer_ahead.valid() ? renderer_ahead.get()
                               : render::Renderer::create(config, diags);
  stage("theme");
  bool reserved_clean = false;
  // A patched build whose edited notes kept their tags, kind and kinds of
  // content reserves what the last one did, which no note's URL took (the
  // patch keeps every URL): nothing to look at again.
  const bool same_reserved =
      stats.patched && std::equal(edited.begin(), edited.end(), edited_before.begin(), [&](size_t i, const Page& was) {
        const Page& p = corpus.pages[i];
        return p.meta.tags == was.meta.tags && p.meta.kind == was.meta.kind &&
               p.formulas.empty() == was.formulas.empty() && markdown::any_demo(p.blocks) == markdown::any_demo(was.blocks) &&
               p.quizzes.empty() == was.quizzes.empty() &&
               p.has_diagrams == was.has_diagrams;
      });
  if (same_reserved) {
    reserved_clean = true;
  } else {
    std::vector<std::string> theme;
    if (renderer)
      for (const auto& asset : renderer->assets()) theme.push_back(asset.url);
    Diagnostics renaming;
    reserved_clean = avoid_reserved_urls(corpus, reserved_urls(config, corpus, theme, options.search), renaming) == 0 &&
                     renaming.sorted().empty();
    diags.merge(renaming);
  }
  stage("reserved");
  // Every formula, typeset in one batch while the link graph is built.
  SiteMath site_math = SiteMath::start(config, corpus, reuse ? &reuse->math : nullptr, edited);
  // Every demo's kernels, run (or read from the cache) meanwhile too.
  SiteDemos site_demos = SiteDemos::start(config, corpus, reuse ? &reuse->demos : nullptr, edited);
  // Every code block's highlighting, in one node batch, meanwhile too.
  SiteCode site_code = SiteCode::start(corpus, reuse && reuse->code ? &*reuse->code : nullptr, edited);
  // Page history from git, in one walk, while the link graph is built.
  auto history = std::async(std::launch::async, [&] { return page_history(config, corpus, diags); });
  stage("starts");
  // A new process's links resolve again only where the last build's
  // resolutions no longer hold (links/link_memo.h).
  // (A session's patched build holds its graph: no memo read or written.)
  const uint64_t link_names = cache && !reuse ? names_key(corpus, parse_key) : 0;
  std::optional<LinkMemo> link_memo;
  if (cache && !reuse)
    if (auto bytes = file::read_file(cache->dir() / "links.bin"))
      if ((link_memo = LinkMemo::parse(*bytes)) && link_memo->key != link_names) link_memo.reset();
  LinkGraph graph = reuse ? LinkGraph::patch(std::move(reuse->graph), corpus, edited, edited_before, diags)
                         : LinkGraph::build(corpus, diags, link_memo ? &*link_memo : nullptr);
  link_memo.reset();
  if (std::getenv("KB_TIMING") && cache && !reuse)
    fprintf(stderr, "links: %zu of %zu pages' resolutions as the last build left them\n", graph.remembered(),
            corpus.pages.size());
  std::optional<KeyMemo> held_keys;
  if (reuse && reuse->keys) held_keys = std::move(reuse->keys);
  std::optional<render::SiteModel> held_model;
  bool held_matrices = false;
  if (reuse && reuse->model && same_structure(corpus, edited, edited_before)) {
    held_model = std::move(reuse->model);
    held_matrices = reuse->had_matrices;
  }
  reuse.reset();
  stage("patch");
  const EmbedEdges embeds = embed_edges(corpus, graph);
  report_embed_cycles(corpus, embeds, diags);
  stage("graph");
  stats.links = graph.link_count();
  stats.broken_links = graph.broken_count();
  // Practice questions' explanations link notes too (site/quizzes.h).
  stats.broken_links += report_quiz_links(corpus, graph, diags);
  // Comparison matrices: schemas in <notes>/data/matrices/, values in front
  // matter; their errors fail the build like any other (none without schemas).
  matrix::MatrixSet matrices = matrix::build(config.notes_dir, corpus,
                                             [&graph](std::string_view name) { return graph.find(name); }, diags);
  stage("matrices");
  site_math.finish(diags);
  stats.math = site_math.stats();
  site_demos.finish(diags);
  stats.demos = site_demos.stats();
  site_code.finish(diags);
  if (std::getenv("KB_TIMING") && site_code.blocks())
    fprintf(stderr, "code: %zu blocks (%zu distinct, %zu cached), %zu node run(s), %.2f s\n", site_code.blocks(),
            site_code.batch().unique, site_code.batch().cache_hits, site_code.batch().node_runs,
            site_code.batch().seconds);
  if (std::getenv("KB_TIMING") && stats.demos.demos)
    fprintf(stderr, "demos: %zu demos, %zu variants (%zu cached, %zu computed), %.2f s\n", stats.demos.demos,
            stats.demos.variants, stats.demos.cache_hits, stats.demos.computed, stats.demos.seconds);
  if (std::getenv("KB_TIMING") && stats.math.formulas)
    fprintf(stderr, "math: %zu formulas (%zu distinct, %zu cached), %zu node run(s), %.2f s\n", stats.math.formulas,
            stats.math.unique, stats.math.cache_hits, stats.math.node_runs, stats.math.seconds);

  auto finish = [&](bool ok) {
    if (!ok) save_parsed();  // what was parsed is good for the next try
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return ok;
  };
  if (diags.has_errors()) return finish(false);
  if (!options.write) return finish(stats.broken_links == 0 && stats.left_out.empty());
  if (options.strict && diags.warning_count() > 0) {
    diags.error("", 0, 0, "--strict: " + std::to_string(diags.warning_count()) +
                              " warning(s) above fail the build; the previous site is unchanged");
    return finish(false);
  }

  if (!renderer) return finish(false);
  stage("finishes");
  // A held model keeps its identity, and with it the renderer's frames.
  // (The header's Review and Exam links are in the held model's navigation
  // frames: a site that gains or loses all its cards or questions draws
  // them again.)
  const render::StudyCounts study = render::count_study(corpus);
  const bool keep_model = held_model && held_model->math_in_browser == site_math.in_browser() &&
                          held_matrices == !matrices.empty() && (held_model->cards > 0) == (study.cards > 0) &&
                          (held_model->questions > 0) == (study.questions > 0);
  render::SiteModel model = keep_model ? std::move(*held_model) : render::build_site_model(config, corpus, graph);
  held_model.reset();
  model.config = &config;
  model.corpus = &corpus;
  model.cards = study.cards;
  model.questions = study.questions;
  model.graph = &graph;
  stage("model");
  model.math_in_browser = site_math.in_browser();
  // What a page's transclusions bring in needs its styles and scripts too.
  model.embeds_math.assign(corpus.pages.size(), false);
  model.embeds_demos.assign(corpus.pages.size(), false);
  model.embeds_diagrams.assign(corpus.pages.size(), false);
  for (size_t i = 0; i < corpus.pages.size(); ++i)
    for (size_t e : embedded_pages(embeds, i, kMaxEmbedDepth)) {
      if (!corpus.pages[e].formulas.empty()) model.embeds_math[i] = true;
      if (markdown::any_demo(corpus.pages[e].blocks)) model.embeds_demos[i] = true;
      if (corpus.pages[e].has_diagrams) model.embeds_diagrams[i] = true;
    }
  model.history = history.get();
  model.matrices = &matrices;

  stage("prepare");

  // The build cache (site/build_cache.h): with a manifest of the site as it
  // is, only pages whose key changed are rendered and only files whose bytes
  // changed are written; else a full build into a staging folder.
  std::optional<KeyPatch> key_patch;
  if (held_keys) key_patch.emplace(KeyPatch{std::move(*held_keys), edited, edited_before});
  IncrementalPlan plan = plan_build(cache.get(), config, options.search, corpus, graph, embeds, model,
                                    renderer->nav_options(), std::move(key_patch), &postings_ahead);
  std::optional<BuildManifest>& previous = plan.previous;
  const std::vector<uint64_t>& keys = plan.keys;
  const uint64_t key = plan.build;
  std::vector<const CachedPage*>& kept = plan.kept;
  stage("keys");
  if (std::getenv("KB_TIMING"))
    fprintf(stderr, "cache: %s, manifest %s, %zu of %zu pages keyed, %zu to render\n", cache ? "open" : "none",
            previous ? "usable" : "none", plan.memo.rekeyed, corpus.pages.size(), plan.to_render);

  std::string error;
  std::unique_ptr<SiteWriter> writer = previous ? SiteWriter::in_place(config.output_dir, *previous)
                                                : SiteWriter::staged(config.output_dir, error);
  if (!writer) {
    diags.error(content::display_path(config.output_dir), 0, 0, error);
    return finish(false);
  }
  std::optional<search::Synonyms> synonyms;
  if (options.search) {
    synonyms = search::load_synonyms(config.notes_dir / "data" / "synonyms.toml", diags);
    if (!synonyms) return finish(false);
  }
  // Each rendered page's search entry, gathered while the pages render.
  std::optional<SiteIndex> site_index;
  std::function<void()> update_database;  // BuildOptions::defer_database
  if (options.search) site_index.emplace(*synonyms, corpus.pages.size());
  std::atomic<bool> failed{false};
  auto put = [&](const std::string& url, std::string content) {
    std::string err;
    if (!writer->write(url, std::move(content), err)) {
      diags.error(content::display_path(config.output_dir), 0, 0, err);
      failed = true;
    }
  };
  // The site's lists: each kept as it is when nothing it shows changed
  // (site/list_keys.h). Gathered, then rendered in parallel (all notes, big
  // folders and tags take tens of milliseconds each on a big site).
  struct ListPage {
    std::string url;
    uint64_t key;
    std::function<std::string()> make;
  };
  std::vector<ListPage> lists;
  std::map<std::string, uint64_t> list_keys;  // for the manifest
  auto list_key = [&](auto of) -> uint64_t { return plan.lists ? of(*plan.lists) : 0; };
  auto list_page = [&](const std::string& url, uint64_t list_key, std::function<std::string()> make) {
    list_keys[url] = list_key;
    lists.push_back({url, list_key, std::move(make)});
  };
  auto render_lists = [&] {
    tbb::parallel_for(size_t(0), lists.size(), [&](size_t k) {
      const ListPage& l = lists[k];
      if (previous && plan.lists) {
        auto before = previous->lists.find(l.url);
        if (before != previous->lists.end() && before->second == l.key && writer->keep(l.url)) return;
      }
      std::string content = l.make();
      if (!content.empty()) put(l.url, std::move(content));
    });
    lists.clear();
  };

  markdown::Options md;
  md.allow_html = config.allow_html;
  md.hard_breaks = corpus.convention.line_breaks;
  std::map<std::string, std::string> tag_pages;  // inline #tags link to them
  for (const auto& [name, tag] : model.tags) tag_pages.emplace(name, tag.url);
  const PageRenderer pages(corpus, graph, md, site_math, site_demos, site_code, &tag_pages);
  // Each note with links has a data file (site/note_data.h): its preview,
  // from its body and the fragments links name, and its local graph, from
  // its neighbourhood; what is not its page's is keyed like a list. A note
  // kept as it was whose data changed is rendered again (its page keeps its
  // bytes; the data file does not).
  const NoteGraph note_links = note_graph(config, corpus, graph);
  const std::vector<std::vector<std::string>> fragments = linked_fragments(corpus, graph);
  auto has_data = [&](size_t i) { return !note_links.adjacency[i].empty(); };  // a note with links
  std::vector<uint64_t> data_keys(corpus.pages.size(), 0);
  if (plan.lists) {
    if (!graph_keys && cache)
      if (auto bytes = file::read_file(cache->dir() / "graphs.bin")) graph_keys = LocalGraphKeys::parse(*bytes);
    if (!graph_keys) graph_keys.emplace();
    const std::vector<uint64_t>& local = graph_keys->compute(note_links, corpus, key);
    tbb::parallel_for(size_t(0), corpus.pages.size(), [&](size_t i) {
      if (has_data(i)) data_keys[i] = note_data_key(local[i], fragments[i]);
    });
    if (std::getenv("KB_TIMING"))
      fprintf(stderr, "local graphs: %zu of %zu keys computed\n", graph_keys->computed(), corpus.pages.size());
  }
  for (size_t i = 0; i < corpus.pages.size(); ++i)
    if (has_data(i)) list_keys[render::note_data_url(corpus.pages[i].url)] = data_keys[i];
  std::atomic<size_t> rendered{0};
  auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
  tbb::parallel_for(size_t(0), corpus.pages.size(), [&](size_t i) {
    if (cancelled()) return;
    const Page& page = corpus.pages[i];
    const bool data = has_data(i);
    const std::string data_url = data ? render::note_data_url(page.url) : std::string();
    if (kept[i]) {
      bool same_data = !data;
      if (data && previous && plan.lists) {
        auto before = previous->lists.find(data_url);
        same_data = before != previous->lists.end() && before->second == data_keys[i];
      }
      // Gone from the site, or its data file is out of date: render it after all.
      if (!same_data || !writer->keep(page.url) || (data && !writer->keep(data_url))) kept[i] = nullptr;
      else return;
    }
    ++rendered;
    RenderedBody rendered_body = pages.render(i);
    corpus.pages[i].prerendered.reset();  // its memory back (only this page's render reads it)
    std::string& body = rendered_body.html;
    if (data) put(data_url, note_data_js(page.url, preview_json(page, body, fragments[i]), local_graph_json(note_links, corpus, i)));
    if (site_index) site_index->add(i, index_entry(model, i, std::move(rendered_body.plain)));
    if (page.is_index) {
      auto f = model.folder_by_path.find(page.folder);
      if (page.folder.empty()) put(page.url, renderer->home(model, body));
      else if (f != model.folder_by_path.end()) put(page.url, renderer->folder(model, f->second, body));
      else put(page.url, renderer->note(model, i, body));
    } else {
      put(page.url, renderer->note(model, i, body));
    }
  });
  stats.rendered = rendered;
  for (Page& page : corpus.pages) page.prerendered.reset();  // a page kept as it was never read its own
  stage("pages");
  std::vector<bool> folder_has_index(model.folders.size(), false);
  for (const auto& page : corpus.pages)
    if (page.is_index)
      if (auto f = model.folder_by_path.find(page.folder); f != model.folder_by_path.end())
        folder_has_index[f->second] = true;
  if (!folder_has_index[0])
    list_page("index.html", list_key([](const ListKeys& k) { return k.home(); }),
              [&] { return renderer->home(model, ""); });
  for (size_t f = 1; f < model.folders.size(); ++f)
    if (!folder_has_index[f])
      list_page(model.folders[f].url, list_key([f](const ListKeys& k) { return k.folder(f); }),
                [&, f] { return renderer->folder(model, f, ""); });
  for (const auto& [name, tag] : model.tags)
    list_page(tag.url, list_key([&n = name](const ListKeys& k) { return k.tag(n); }),
              [&, n = name] { return renderer->tag(model, n); });
  // A page per domain of each named exam (site.toml's [[exams]]).
  for (size_t e = 0; e < config.exams.size(); ++e) {
    const Exam& exam = config.exams[e];
    if (exam.id.empty()) continue;
    for (size_t d = 0; d < exam.domains.size(); ++d)
      list_page(render::exam_domain_url(exam.id, exam.domains[d].id),
                list_key([e, d](const ListKeys& k) { return k.exam_domain(e, d); }),
                [&, e, d] { return renderer->exam_domain(model, e, d); });
  }
  const uint64_t site_page = list_key([](const ListKeys& k) { return k.site_page(); });
  // review.html: every flashcard, when the notes hold some (site/review_cards.h).
  if (model.cards > 0)
    list_page(render::kReviewUrl, list_key([](const ListKeys& k) { return k.review(); }),
              [&] { return renderer->review(model, review_cards(model, graph, site_math)); });
  // exam.html: every practice question, when the notes hold some (site/quizzes.h).
  if (model.questions > 0)
    list_page(render::kExamUrl, list_key([](const ListKeys& k) { return k.exam(); }),
              [&] { return renderer->exam(model, exam_questions(model, graph, site_math)); });
  const uint64_t listing = list_key([](const ListKeys& k) { return k.listing(); });
  list_page(render::kTagsIndexUrl, site_page, [&] { return renderer->tags_index(model); });
  list_page(render::kAllNotesUrl, list_key([](const ListKeys& k) { return k.all_notes(); }),
            [&] { return renderer->all_notes(model); });
  // The graph of the notes (site/site_graph.h): graph.html and its data.
  list_page(render::kGraphUrl, site_page, [&] { return renderer->graph_page(model); });
  list_page(kGraphDataUrl, plan.lists ? site_graph_key(note_links, corpus, key) : 0,
            [&] { return site_graph_js(note_links, corpus, &graph_layout); });
  // For crawlers and feed readers (site/publish.h): the sitemap and the feed
  // need absolute URLs, so only a site with a base_url has them.
  list_page(kRobotsUrl, listing, [&] { return robots_txt(model); });
  list_page(kSitemapUrl, listing, [&] { return sitemap_xml(model); });
  list_page(kFeedUrl, listing, [&] { return atom_feed(model); });
  list_page(kNotFoundUrl, site_page, [&] { return renderer->not_found(model); });
  if (!model.formulas.empty())
    list_page(render::kFormulasUrl, list_key([](const ListKeys& k) { return k.formulas(); }),
              [&] { return renderer->formulas(model); });
  if (!matrices.empty()) {
    const uint64_t matrix_key = list_key([](const ListKeys& k) { return k.matrix(); });
    list_page(matrix::kIndexUrl, matrix_key, [&] { return renderer->matrices_index(model); });
    for (size_t m = 0; m < matrices.matrices.size(); ++m)
      list_page(matrices.matrices[m].url, matrix_key, [&, m] { return renderer->matrix(model, m); });
  }
  for (const auto& asset : renderer->assets()) put(asset.url, asset.content);
  if (render::nav_is_windowed(model, renderer->nav_options()))
    for (size_t f = 0; f < model.folders.size(); ++f)
      list_page(render::nav_shard_url(f), list_key([f](const ListKeys& k) { return k.nav_shard(f); }),
                [&, f] { return render::nav_shard(model, f, renderer->nav_options()); });
  render_lists();
  for (const auto& file : site_math.files(*renderer)) put(file.url, file.content);
  for (const auto& file : site_demos.files()) put(file.url, file.content);
  if (std::any_of(corpus.pages.begin(), corpus.pages.end(), [](const Page& p) { return p.has_diagrams; }))
    for (const auto& file : code::mermaid_site_files()) put(file.url, file.content);
  tbb::parallel_for(size_t(0), corpus.files.size(), [&](size_t i) {
    std::string err;
    if (!writer->copy(corpus.files[i].file, corpus.files[i].url, err)) {
      diags.error(content::display_path(corpus.files[i].file), 0, 0, err);
      failed = true;
    }
  });
  stage("render");
  if (failed || diags.has_errors() || cancelled()) {
    if (cancelled()) diags.error("", 0, 0, "the build was stopped; nothing was written");
    return finish(false);
  }

  if (site_index) {
    // The browser's index from kb's own postings, and the pages' entries in
    // .kb-index/ (site/site_index.h); no Xapian database is written here.
    auto t0 = std::chrono::steady_clock::now();
    // From here on the site changes: without a manifest, a build that
    // stops midway is followed by a full one.
    if (writer->incremental()) cache->forget();
    std::vector<std::string> ids(corpus.pages.size());
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = corpus.pages[i].source;
    search::BrowserIndex::Export exported;
    if (!site_index->finish(writer->index_dir(), ids, std::move(plan.search), exported, error,
                            options.defer_database ? &update_database : nullptr)) {
      diags.error(content::display_path(config.output_dir), 0, 0, error);
      return finish(false);
    }
    stage("finish");
    std::set<std::string> rewritten;
    for (const auto& f : exported.files) rewritten.insert(f.url);
    bool kept_all = true;
    for (const auto& url : exported.urls)
      if (!rewritten.count(url) && !writer->keep(url)) kept_all = false;
    if (!kept_all) {  // the site lacks a file the postings thought unchanged: write them all
      site_index->postings().touch_all();
      exported = site_index->postings().export_files(*synonyms);
    }
    tbb::parallel_for(size_t(0), exported.files.size(),
                      [&](size_t i) { put(exported.files[i].url, std::move(exported.files[i].content)); });
    stage("putindex");
    list_page(kSearchPageUrl, site_page, [&] { return renderer->search_page(model); });
    render_lists();
    stats.static_index_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    stats.static_index_bytes = exported.stats.bytes;
    stage("index");
  }
  stats.outputs = writer->files();
  // (An incremental build that updated the index has already forgotten the
  // manifest: a failure from here on is followed by a full build.)
  if (failed || diags.has_errors()) return finish(false);
  if (cache) cache->forget();
  if (!writer->commit(error)) {
    diags.error(content::display_path(config.output_dir), 0, 0, error);
    return finish(false);
  }
  stats.incremental = writer->incremental();
  stats.written = writer->changed();
  stats.removed = writer->removed();
  stage("commit");
  if (options.on_committed) options.on_committed();
  if (update_database) update_database();
  save_parsed();
  // The links' resolutions for the next process (a session holds its graph);
  // unchanged when every page took them from the last build's.
  if (cache && link_names && !options.session && graph.remembered() < corpus.pages.size())
    file::write_file_atomically(cache->dir() / "links.bin", graph.memo(corpus, link_names).serialize());
  // And the local graph keys, when some changed (a session holds them).
  if (cache && !options.session && graph_keys && graph_keys->computed() > 0)
    file::write_file_atomically(cache->dir() / "graphs.bin", graph_keys->serialize());
  if (cache)
    save_cache(*cache, key, std::move(list_keys), options.search, corpus, keys, site_index ? &site_index->postings() : nullptr,
               *writer, config.output_dir, options.session != nullptr);
  stage("cache");
  if (options.session) {  // what the session's next build may start from
    auto held = std::make_shared<BuildSession::Held>(std::move(corpus), std::move(graph), std::move(site_math),
                                                     std::move(site_demos));
    held->load_diags = std::move(load_diags);
    if (renderer) held->renderer.emplace(std::move(*renderer));
    held->code.emplace(std::move(site_code));
    held->had_matrices = !matrices.empty();
    if (cache) held->keys = std::move(plan.memo);
    held->graph_keys = std::move(graph_keys);
    held->graph_layout = std::move(graph_layout);
    model.matrices = nullptr;  // this build's, gone with it
    held->model = std::move(model);
    held->reserved_clean = reserved_clean;
    // (A patched build turns no note into a symlink: content::reload_notes.)
    held->symlinked = !stats.patched && std::any_of(held->corpus.pages.begin(), held->corpus.pages.end(),
                                                    [](const Page& p) {
                                                      std::error_code ec;
                                                      return fs::is_symlink(p.file, ec);
                                                    });
    options.session->held = std::move(held);
  } else if (options.last_work) {
    memory::keep_until_exit(std::move(corpus));
    memory::keep_until_exit(std::move(graph));
    if (own_parsed) memory::keep_until_exit(std::move(*own_parsed));
  }
  return finish(true);
}

}  // namespace kb::site
