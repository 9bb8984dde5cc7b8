#include "site/site_math.h"

#include "core/text.h"

#include <algorithm>
#include <set>

#include "content/loader.h"
#include "site/build_session.h"
#include "math/katex_dist.h"
#include "math/mathjax_compat.h"
#include "math/note_macros.h"

namespace kb::site {

// One KaTeX batch: the formulas of some pages, in page order.
struct MathPart {
  math::KatexBatch batch;
  std::vector<int> prefix_units;  // per formula: UTF-16 length of the definitions put before it
};

struct SiteMath::Impl {
  const Config* config = nullptr;
  const Corpus* corpus = nullptr;
  // Per page, the batch its formulas are in and where its first one is: a
  // session's build shares the last build's batch for the pages it did not
  // read again.
  struct Slot {
    std::shared_ptr<MathPart> part;
    size_t first = 0;
  };
  std::vector<Slot> slots;
  std::shared_ptr<MathPart> fresh;  // what this build typesets
  std::future<math::KatexBatch> pending;
  bool typeset = false;             // every batch typeset (else none is used)
  MathStats stats;
  const math::TypesetFormula& result(size_t page, size_t k) const {
    return slots[page].part->batch.result(slots[page].first + k);
  }
  int prefix(size_t page, size_t k) const { return slots[page].part->prefix_units[slots[page].first + k]; }
};

SiteMath::SiteMath() : impl_(std::make_unique<Impl>()) {}
SiteMath::SiteMath(SiteMath&&) noexcept = default;
SiteMath::~SiteMath() {
  if (impl_ && impl_->pending.valid()) impl_->pending.wait();
}

namespace {

// Length in UTF-16 code units, as KaTeX counts positions.
int utf16_units(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? ((c & 0xF8) == 0xF0 ? 2 : 1) : 0;
  return n;
}

// What MathJax (Obsidian) accepts and KaTeX does not, under the site's own
// macros, which win.
std::map<std::string, std::string> site_macros(const Config& config) {
  std::map<std::string, std::string> macros = math::mathjax_compat_macros();
  for (const auto& [name, body] : config.math_macros) macros[name] = body;
  return macros;
}

}  // namespace

SiteMath SiteMath::start(const Config& config, const Corpus& corpus, SiteMath* reuse, const std::vector<size_t>& read) {
  SiteMath m;
  Impl& impl = *m.impl_;
  impl.config = &config;
  impl.corpus = &corpus;
  impl.fresh = std::make_shared<MathPart>();
  const Impl* last = reuse && reuse->impl_ && reuse->impl_->typeset &&
                             reuse->impl_->slots.size() == corpus.pages.size()
                         ? reuse->impl_.get()
                         : nullptr;
  const std::vector<bool> again = pages_to_redo(corpus.pages.size(), last != nullptr, read);
  impl.slots.resize(corpus.pages.size());
  size_t fresh = 0;  // formulas to typeset
  for (size_t i = 0; i < corpus.pages.size(); ++i) {
    const Page& p = corpus.pages[i];
    impl.stats.formulas += p.formulas.size();
    if (!again[i]) {
      impl.slots[i] = last->slots[i];
      continue;
    }
    impl.slots[i] = {impl.fresh, fresh};
    fresh += p.formulas.size();
  }
  // Nothing to typeset here: what there is was typeset before, or there is none.
  impl.fresh->batch.typeset = last != nullptr;
  if (fresh == 0) {
    impl.typeset = last != nullptr;
    return m;
  }
  math::KatexOptions options;
  options.node = math::default_node();
  options.cache_dir = math::default_cache_dir();
  options.macros = site_macros(config);
  // The requests are made on KaTeX's thread too (70,000 formulas' TeX
  // rewritten, even when every one is in the cache): the build goes on
  // meanwhile. finish() waits for it before reading prefix_units.
  impl.pending = std::async(std::launch::async, [&corpus, again, part = impl.fresh, fresh, options] {
    std::vector<math::FormulaRequest> requests;
    requests.reserve(fresh);
    part->prefix_units.reserve(fresh);
    for (size_t i = 0; i < corpus.pages.size(); ++i) {
      if (!again[i]) continue;
      const Page& p = corpus.pages[i];
      // A note's own \newcommand/\def carry to its later formulas (MathJax's way).
      std::vector<std::string_view> tex;
      for (const auto& f : p.formulas) tex.push_back(f.latex);
      std::vector<std::string> prefixes = math::note_macro_prefixes(tex);
      for (size_t k = 0; k < p.formulas.size(); ++k) {
        const auto& f = p.formulas[k];
        part->prefix_units.push_back(utf16_units(prefixes[k]));
        requests.push_back(
            {prefixes[k] + math::definitions_as_def(math::mathjax_compat_tex(f.latex, f.display)), f.display});
      }
    }
    return math::render_with_katex(requests, options);
  });
  return m;
}

namespace {

// Byte offset in `tex` of its `position`-th character as KaTeX counts them
// (1-based, UTF-16 code units); tex.size() for the end ("got 'EOF'"), npos
// past that.
size_t byte_of_position(std::string_view tex, int position) {
  int units = 1;
  size_t i = 0;
  while (i < tex.size()) {
    if (units >= position) return i;
    unsigned char c = static_cast<unsigned char>(tex[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    units += len == 4 ? 2 : 1;
    i += len;
  }
  return units == position ? tex.size() : std::string_view::npos;
}

struct Place {
  int line = 0;
  int column = 0;  // 0: not found
};

// Where in the page's file KaTeX stopped. The TeX is what the author wrote,
// less surrounding white space, so each of its lines is looked for in turn in
// the file's lines from the formula's own (after its opening delimiter).
Place error_place(const Page& page, const markdown::Formula& f, int position) {
  const size_t at = byte_of_position(f.latex, position);
  if (position <= 0 || at == std::string_view::npos) return {};
  std::vector<std::string_view> lines;  // the body's, 0-based
  std::string_view body = page.body;
  for (size_t b = 0; b <= body.size();) {
    size_t nl = body.find('\n', b);
    std::string_view line = body.substr(b, nl == std::string_view::npos ? std::string_view::npos : nl - b);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    b = nl + 1;
  }
  const std::string_view tex = f.latex;
  size_t l = static_cast<size_t>(std::max(0, f.line - page.body_line));
  size_t from = f.column > 0 ? static_cast<size_t>(f.column) : 0;  // past the opening '$'
  for (size_t start = 0;;) {
    size_t nl = tex.find('\n', start);
    size_t end = nl == std::string_view::npos ? tex.size() : nl;
    std::string_view piece = tex.substr(start, end - start);
    size_t found = std::string_view::npos;
    for (; l < lines.size(); ++l, from = 0) {
      found = lines[l].find(piece, std::min(from, lines[l].size()));
      if (found != std::string_view::npos) break;
    }
    if (found == std::string_view::npos) return {};
    if (at <= end) return {static_cast<int>(l) + page.body_line, static_cast<int>(found + (at - start)) + 1};
    start = nl + 1;
    ++l;
    from = 0;
  }
}

}  // namespace

void SiteMath::finish(Diagnostics& diags) {
  Impl& impl = *impl_;
  if (impl.pending.valid()) {
    impl.fresh->batch = impl.pending.get();
    const math::KatexBatch& batch = impl.fresh->batch;
    impl.stats.unique = batch.unique;
    impl.stats.cache_hits = batch.cache_hits;
    impl.stats.node_runs = batch.node_runs;
    impl.stats.seconds = batch.seconds;
    impl.typeset = batch.typeset;
    if (!batch.typeset) {
      const bool has_katex = !math::katex_dist().version.empty();
      impl.stats.in_browser = has_katex;
      std::string what = has_katex ? "the site ships KaTeX's JavaScript instead, so pages need JavaScript to show "
                                     "their formulas"
                                   : "formulas are shown as TeX";
      diags.warning("", 0, 0, "math: cannot typeset at build time: " + batch.problem + "; " + what);
      return;
    }
  }
  if (!impl.typeset) return;
  const Corpus& corpus = *impl.corpus;
  for (size_t i = 0; i < corpus.pages.size(); ++i) {
    const Page& page = corpus.pages[i];
    for (size_t k = 0; k < page.formulas.size(); ++k) {
      const math::TypesetFormula& r = impl.result(i, k);
      if (r.ok()) continue;
      const markdown::Formula& f = page.formulas[k];
      // Positions count from the start of what KaTeX read: the carried
      // definitions came first (an error inside them has no place here).
      const int prefix = impl.prefix(i, k);
      Place at = error_place(page, f, r.position > prefix ? r.position - prefix : 0);
      std::string message = "KaTeX parse error: " + r.error;
      if (!at.column) {
        at = Place{f.line, f.column};
        if (r.position > 0) message += " (at character " + std::to_string(r.position) + " of the formula)";
      }
      // One formula never stops a whole vault (the page shows its TeX, marked
      // as an error); --strict fails on it, as on any warning.
      diags.warning(content::display_path(page.file), at.line, at.column,
                    message + "; the page shows the formula's TeX until it is fixed",
                    echo_of(page.body, at.line - page.body_line + 1, at.column));
    }
  }
}

markdown::MathTypesetter SiteMath::typesetter(size_t page) const {
  const Impl& impl = *impl_;
  if (!impl.typeset || page >= impl.slots.size() || impl.corpus->pages[page].formulas.empty()) return nullptr;
  const size_t first = impl.slots[page].first;
  const size_t count = impl.corpus->pages[page].formulas.size();
  const math::KatexBatch* batch = &impl.slots[page].part->batch;
  return [batch, first, count](const markdown::Formula& f, size_t k) -> std::string {
    if (k >= count) return std::string();
    const math::TypesetFormula& r = batch->result(first + k);
    if (r.ok()) return r.html;
    // The TeX as written, marked as an error, with KaTeX's message on hover.
    const char* delimiter = f.display ? "$$" : "$";
    return "<code class=\"math-error\" title=\"" + text::html_escape("KaTeX: " + r.error) + "\">" +
           text::html_escape(delimiter + f.latex + delimiter) + "</code>";
  };
}

bool SiteMath::in_browser() const { return impl_->stats.in_browser; }

std::vector<math::SiteFile> SiteMath::files(const render::Renderer& renderer) const {
  const Impl& impl = *impl_;
  if (impl.stats.formulas == 0) return {};
  // The site's own assets folder may replace any of them (as for the theme).
  std::set<std::string> theme;
  for (const auto& a : renderer.assets()) theme.insert(a.url);
  std::vector<math::SiteFile> out;
  for (auto& f : math::katex_site_files(math::katex_dist(), !impl.typeset, site_macros(*impl.config)))
    if (!theme.count(f.url)) out.push_back(std::move(f));
  return out;
}

const MathStats& SiteMath::stats() const { return impl_->stats; }

}  // namespace kb::site
