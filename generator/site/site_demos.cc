#include "site/site_demos.h"

#include <cstdlib>
#include <future>

#include <tbb/parallel_for.h>

#include "content/loader.h"
#include "site/build_session.h"
#include "core/file.h"
#include "demo/html.h"
#include "math/katex_renderer.h"
#include "plot/theme.h"
#include "present/present.h"

namespace kb::site {
namespace fs = std::filesystem;

namespace {

// One ```demo block of one page.
struct Entry {
  size_t page = 0;
  size_t block = 0;  // index in Page::blocks
  demo::ParsedBlock parsed;
  std::string input_bytes;
  bool runnable = false;  // parsed and its input read: it goes to the runner
  long job = -1;     // index in the jobs run, -1 when not run
};

fs::path cache_dir() {
  if (const char* d = std::getenv("KB_DEMO_CACHE")) return d;
  return math::default_cache_dir();
}

}  // namespace

struct SiteDemos::Impl {
  const Config* config = nullptr;
  const Corpus* corpus = nullptr;
  std::vector<Entry> entries;
  std::vector<demo::Job> jobs;
  std::future<std::vector<std::vector<demo::Outcome>>> pending;
  std::unique_ptr<demo::Cache> cache;
  demo::RunStats stats;
  // Diagnostics found while starting (bad blocks, unreadable inputs), reported by finish().
  Diagnostics early;
  std::vector<std::vector<std::string>> html;  // page -> block -> HTML ("" failed)
  bool any = false;
  bool finished = false;  // finish() ran: `html` is complete

  // A place in a block's content -> its place in the page's file, reported.
  void report(Diagnostics& diags, const Entry& e, demo::Place at, const std::string& message) const {
    const Page& page = corpus->pages[e.page];
    const markdown::FencedBlock& b = page.blocks[e.block];
    int line = b.line + at.line;
    int column = at.column > 0 ? at.column + b.column - 1 : 0;
    diags.error(content::display_path(page.file), line, column, message,
                echo_of(page.body, line - page.body_line + 1, column));
  }
};

SiteDemos::SiteDemos() : impl_(std::make_unique<Impl>()) {}
SiteDemos::SiteDemos(SiteDemos&&) noexcept = default;
SiteDemos::~SiteDemos() {
  if (impl_ && impl_->pending.valid()) impl_->pending.wait();
}

SiteDemos SiteDemos::start(const Config& config, const Corpus& corpus, SiteDemos* reuse,
                           const std::vector<size_t>& read) {
  SiteDemos d;
  Impl& impl = *d.impl_;
  impl.config = &config;
  impl.corpus = &corpus;
  impl.html.resize(corpus.pages.size());
  // The last build's demos, for the pages not read again: a build that
  // succeeded had no demo error, so only their HTML is kept.
  Impl* last = reuse && reuse->impl_ && reuse->impl_->finished &&
                       reuse->impl_->html.size() == corpus.pages.size()
                   ? reuse->impl_.get()
                   : nullptr;
  const std::vector<bool> again = pages_to_redo(corpus.pages.size(), last != nullptr, read);
  std::error_code ec;
  const fs::path notes = fs::weakly_canonical(config.notes_dir, ec);
  for (size_t p = 0; p < corpus.pages.size(); ++p) {
    const Page& page = corpus.pages[p];
    if (!again[p]) {
      impl.html[p] = std::move(last->html[p]);
      continue;
    }
    impl.html[p].resize(page.blocks.size());
    for (size_t b = 0; b < page.blocks.size(); ++b) {
      if (page.blocks[b].kind != markdown::FencedBlock::Kind::kDemo) continue;  // a quiz: site/site_quizzes.h
      Entry e;
      e.page = p;
      e.block = b;
      e.parsed = demo::parse_block(page.blocks[b].source);
      for (const auto& err : e.parsed.errors) impl.report(impl.early, e, err.place, err.message);
      const demo::DemoSpec& spec = e.parsed.spec;
      e.runnable = e.parsed.ok();
      if (e.runnable && !spec.input.empty()) {
        fs::path file = fs::weakly_canonical(config.notes_dir / page.folder / spec.input, ec);
        auto rel = file.lexically_relative(notes);
        if (rel.empty() || *rel.begin() == "..") {
          impl.report(impl.early, e, spec.input_place,
                      "demo input \"" + spec.input + "\" is outside the notes folder; put the CSV inside it");
          e.runnable = false;
        } else if (auto bytes = file::read_file(file)) {
          e.input_bytes = std::move(*bytes);
        } else {
          impl.report(impl.early, e, spec.input_place,
                      "cannot read demo input \"" + spec.input +
                          "\"; the path is relative to the note's folder (" + content::display_path(file) + ")");
          e.runnable = false;
        }
      }
      impl.entries.push_back(std::move(e));
    }
  }
  // The specs live in `entries`, which no longer grows: jobs may point into it.
  for (size_t i = 0; i < impl.entries.size(); ++i) {
    Entry& e = impl.entries[i];
    if (!e.runnable) continue;
    e.job = static_cast<long>(impl.jobs.size());
    impl.jobs.push_back({&e.parsed.spec, std::move(e.input_bytes), e.parsed.spec.input});
  }
  if (impl.jobs.empty()) return d;
  impl.cache = std::make_unique<demo::Cache>(cache_dir());
  impl.pending = std::async(std::launch::async, [&impl] { return demo::run(impl.jobs, *impl.cache, impl.stats); });
  return d;
}

void SiteDemos::finish(Diagnostics& diags) {
  Impl& impl = *impl_;
  impl.finished = true;
  diags.merge(impl.early);
  if (!impl.pending.valid()) {
    for (const auto& page : impl.html)
      for (const auto& h : page) impl.any = impl.any || !h.empty();
    return;
  }
  std::vector<std::vector<demo::Outcome>> outcomes = impl.pending.get();
  Diagnostics found;
  tbb::parallel_for(size_t(0), impl.entries.size(), [&](size_t i) {
    const Entry& e = impl.entries[i];
    if (e.job < 0) return;
    const demo::DemoSpec& spec = e.parsed.spec;
    const auto& results = outcomes[e.job];
    bool failed = false;
    for (const auto& o : results) {
      if (o.ok()) continue;
      impl.report(found, e, demo::place_of_error(spec, o.error), o.error);
      failed = true;
      break;  // one message per demo: the other variants fail alike
    }
    if (failed) return;
    std::vector<demo::Variant> vs = demo::variants(spec);
    std::vector<present::Presentation> shown;
    const std::string prefix = "d" + std::to_string(e.block + 1);
    if (spec.overlay) {
      std::vector<std::pair<std::string, nlohmann::json>> runs;
      for (size_t v = 0; v < vs.size(); ++v) runs.emplace_back(vs[v].label, results[v].result);
      auto p = present::present_overlay(spec.kernel, runs, {spec.view, "", prefix});
      if (!p) {
        impl.report(found, e, spec.kernel_place, "cannot show kernel " + spec.kernel + ": " + p.error);
        return;
      }
      shown.push_back(std::move(*p));
    } else {
      for (size_t v = 0; v < vs.size(); ++v) {
        auto p = present::present(spec.kernel, results[v].result, {spec.view, "", prefix + "v" + std::to_string(v)});
        if (!p) {
          impl.report(found, e, spec.kernel_place, "cannot show kernel " + spec.kernel + ": " + p.error);
          return;
        }
        shown.push_back(std::move(*p));
      }
    }
    const size_t chosen = spec.overlay ? 0 : demo::default_variant(spec);
    impl.html[e.page][e.block] = demo::demo_html(spec, vs, chosen, shown, static_cast<int>(e.block + 1));
  });
  diags.merge(found);
  for (const auto& page : impl.html)
    for (const auto& h : page) impl.any = impl.any || !h.empty();
}

markdown::BlockRenderer SiteDemos::renderer(size_t page) const {
  const Impl* impl = impl_.get();
  return [impl, page](const markdown::FencedBlock&, size_t index) -> std::string {
    if (page >= impl->html.size() || index >= impl->html[page].size()) return {};
    return impl->html[page][index];
  };
}

std::vector<render::OutputFile> SiteDemos::files() const {
  if (!impl_->any) return {};
  return {{kPlotCssUrl, plot::plot_css()}};
}

const demo::RunStats& SiteDemos::stats() const { return impl_->stats; }

}  // namespace kb::site
