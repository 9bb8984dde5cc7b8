#include "content/loader.h"

#include "content/exam_map.h"
#include "content/parse_cache.h"
#include "content/walk.h"

#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <system_error>
#include <unordered_map>

#include <tbb/parallel_for.h>

#include "content/convention.h"
#include "content/note_parser.h"
#include "core/file.h"
#include "core/text.h"

namespace kb::content {
namespace fs = std::filesystem;

std::string display_path(const fs::path& p_in) {
  fs::path p = p_in.lexically_normal();
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec) {
    fs::path rel = fs::absolute(p, ec).lexically_normal().lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..") return text::escape_controls(rel.generic_string());
  }
  return text::escape_controls(p.generic_string());
}

namespace {

using Entry = WalkEntry;

}  // namespace

namespace {

// Why a note stays out of the site ("draft: true", "publish: false"), or ""
// when it is published (every note is, with --drafts).
std::string unpublished_reason(const FrontMatter& meta, const Config& config) {
  if (config.include_drafts) return "";
  if (meta.draft) return "draft: true";
  if (!meta.publish) return "publish: false";
  return "";
}

// A GitHub repository's README.md (any case) is its folder's page, like an
// index.md, where the folder has no published index.md; with one it stays an
// ordinary note. The first README of a folder, by source, wins.
void use_readmes_as_index(std::vector<std::optional<ParsedNote>>& parsed, const Config& config) {
  std::set<std::string> has_index;
  for (const auto& p : parsed)
    if (p && p->page.is_index && unpublished_reason(p->page.meta, config).empty()) has_index.insert(p->page.folder);
  for (auto& p : parsed) {
    if (!p || p->page.is_index || text::lookup_key(p->page.stem) != "readme") continue;
    if (!unpublished_reason(p->page.meta, config).empty() || !has_index.insert(p->page.folder).second) continue;
    p->page.is_index = true;
    p->page.url = p->page.folder.empty() ? "index.html" : page_url(p->page.folder, "index", true);
  }
}

// A published note joins the pages; a draft leaves only what links to it need.
void add_note(Page page, const Config& config, Corpus& corpus) {
  std::string why = unpublished_reason(page.meta, config);
  if (why.empty()) {
    corpus.pages.push_back(std::move(page));
    return;
  }
  corpus.unpublished.push_back({page.source, page.file, page.folder, page.stem, page.title,
                                std::move(page.meta.aliases), why});
}

// What a note tells of the folder's title rule (content/convention.h).
void add_evidence(TitleEvidence& evidence, const ParsedNote& p) {
  if (p.page.is_index || p.page.meta.title) return;
  ++evidence.untitled;
  evidence.opening_h1 += !p.h1.empty();
  evidence.several_h1 += p.h1_count >= 2;
  evidence.h1_unlike_name += !p.h1.empty() && !h1_matches_name(p.h1, p.page.stem);
  evidence.with_wikilinks += p.wikilinks;
}

TitleEvidence evidence_of(const ParsedNote& p) {
  TitleEvidence e;
  add_evidence(e, p);
  return e;
}

// What the notes of one load keep of their render, at most (Page::prerendered):
// a render and its plain text are about 2.2 times the note's bytes (10,000
// notes of 4.6 KB keep 100 MB), so every note of a vault up to about 230 MB
// of markdown is rendered without a second parse; past that, the notes
// loaded once the budget is spent are parsed again to render.
constexpr size_t kPrerenderBytes = size_t(512) << 20;

// One note read and parsed, or found as it was in `cache`; its diagnostics
// (replayed from the cache for a note found there) go to `diags`.
std::optional<ParsedNote> load_note(const Entry& e, const Config& config, ParseCache* cache, Diagnostics& diags,
                                    PrerenderBudget* prerender = nullptr) {
  // A long-lived process holds notes whose file did not change: not read.
  std::optional<ParseCache::FileId> id;
  if (cache && cache->in_memory()) {
    id = file::identify(e.file);
    ParsedNote held;
    std::vector<Diagnostic> found;
    if (id && cache->find_held(e.source, *id, held, found)) {
      for (auto& d : found) diags.add(std::move(d));
      return held;
    }
  }
  std::string text, error;
  bool too_big = false;
  // (Named for the user only when something is wrong: display_path() asks
  // for the working folder, a system call per note.)
  if (!file::read_file_at_most(e.file, config.max_note_bytes, text, error, too_big)) {
    diags.warning(display_path(e.file), 0, 0,
                  "cannot read: " + error + " (check the file exists and its permissions)" + kLeftOut);
    return std::nullopt;
  }
  if (too_big) {
    std::error_code sec;
    double mb = static_cast<double>(fs::file_size(e.file, sec)) / (1024.0 * 1024.0);
    char buf[160];
    std::snprintf(buf, sizeof buf, "note is %.1f MiB, over the %.1f MiB limit: split it into smaller notes, or raise max_note_mb in site.toml",
                  mb, static_cast<double>(config.max_note_bytes) / (1024.0 * 1024.0));
    diags.warning(display_path(e.file), 0, 0, buf + std::string(kLeftOut));
    return std::nullopt;
  }
  const uint64_t hash = std::hash<std::string_view>{}(text);
  if (!cache) {
    auto note = parse_note_parts(std::move(text), e.source, e.file, config, diags, prerender);
    if (note) note->page.source_hash = hash;
    return note;
  }
  ParsedNote note;
  std::vector<Diagnostic> found;
  if (cache->find(e.source, hash, text, note, found)) {
    note.page.file = e.file;
    if (id) cache->hold(e.source, *id, note, found);
    for (auto& d : found) diags.add(std::move(d));
    return note;
  }
  Diagnostics mine;
  auto note_parsed = parse_note_parts(std::move(text), e.source, e.file, config, mine, prerender);
  if (note_parsed) {
    note_parsed->page.source_hash = hash;
    std::vector<Diagnostic> given = mine.sorted();
    cache->put(e.source, hash, *note_parsed, given);
    if (id) cache->hold(e.source, *id, *note_parsed, given);
  }
  diags.merge(mine);
  return note_parsed;
}

}  // namespace

Corpus load(const Config& config, Diagnostics& diags, ParseCache* cache, bool keep_renders) {
  Corpus corpus;
  const fs::path& root_in = config.notes_dir;
  std::error_code ec;
  if (!fs::is_directory(root_in, ec)) {
    diags.error(display_path(root_in), 0, 0,
                "notes folder not found: create it, or point --notes (or 'notes' in site.toml) at your notes");
    return corpus;
  }
  fs::path root = fs::canonical(root_in, ec);
  if (ec) root = fs::absolute(root_in);

  DIR* probe = ::opendir(root.c_str());
  if (!probe) {
    diags.error(display_path(root_in), 0, 0, std::string("cannot read the notes folder: ") + std::strerror(errno));
    return corpus;
  }
  ::closedir(probe);
  std::vector<std::string> unlisted;  // notes the walk could not list (a warning each)
  std::vector<Entry> entries = walk_notes(root, config.exclude, diags, &unlisted);

  corpus.convention = detect(config);
  std::vector<std::optional<ParsedNote>> parsed(entries.size());
  PrerenderBudget prerender;
  prerender.hard_breaks = corpus.convention.line_breaks;
  prerender.bytes_left = keep_renders ? kPrerenderBytes : 0;
  tbb::parallel_for(size_t(0), entries.size(), [&](size_t i) {
    if (entries[i].markdown) parsed[i] = load_note(entries[i], config, cache, diags, &prerender);
  });
  use_readmes_as_index(parsed, config);

  // The title rule, from the notes themselves unless site.toml chose one.
  TitleEvidence evidence;
  for (const auto& p : parsed)
    if (p) add_evidence(evidence, *p);
  decide_titles(corpus.convention, evidence);
  tbb::parallel_for(size_t(0), parsed.size(), [&](size_t i) {
    if (parsed[i]) finish_note(*parsed[i], corpus.convention.titles, config);
  });

  corpus.pages.reserve(entries.size());  // a Page is 800 bytes: moved once, not at every growth
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].markdown) {
      if (parsed[i]) add_note(std::move(parsed[i]->page), config, corpus);
      else corpus.left_out.push_back(entries[i].source);  // its warning says why
    } else {
      const Entry& e = entries[i];
      // Beside its pages: the folder slugged as theirs are, the name kept.
      size_t slash = e.source.rfind('/');
      std::string url = slash == e.source.npos
                            ? e.source
                            : page_url(e.source.substr(0, slash), "", false) + e.source.substr(slash + 1);
      corpus.files.push_back({e.source, e.file, url});
    }
  }

  // Both in source order (the walk's list is sorted too): merged, not sorted again.
  const auto read_ones = static_cast<std::ptrdiff_t>(corpus.left_out.size());
  corpus.left_out.insert(corpus.left_out.end(), unlisted.begin(), unlisted.end());
  std::inplace_merge(corpus.left_out.begin(), corpus.left_out.begin() + read_ones, corpus.left_out.end());

  // Two sources may slug to the same URL ("A b.md", "a-b.md"): keep both, the
  // later one gets a numbered URL, and say so. A folder's index page (index.md,
  // README.md) keeps its folder's URL: index pages go first.
  std::unordered_map<std::string, size_t> by_url;
  for (bool index_pages : {true, false}) {
    for (size_t i = 0; i < corpus.pages.size(); ++i) {
      Page& p = corpus.pages[i];
      if (p.is_index != index_pages) continue;
      auto [pos, fresh] = by_url.emplace(p.url, i);
      if (fresh) continue;
      std::string base = p.url.substr(0, p.url.size() - 5);
      for (int n = 2; ; ++n) {
        std::string candidate = base + "-" + std::to_string(n) + ".html";
        if (by_url.emplace(candidate, i).second) {
          diags.warning(display_path(p.file), 0, 0,
                        "its page URL " + p.url + " is already taken by " +
                            display_path(corpus.pages[pos->second].file) + "; using " + candidate +
                            " (rename one of the files to choose)");
          p.url = candidate;
          break;
        }
      }
    }
  }

  resolve_exams(corpus.pages, config, diags);

  if (corpus.pages.empty() && !corpus.unpublished.empty() && !diags.has_errors())
    diags.error(display_path(root_in), 0, 0,
                "every note is a draft (draft: true or publish: false), so there is nothing to publish: "
                "preview them with --drafts");
  else if (corpus.pages.empty() && !corpus.left_out.empty() && !diags.has_errors())
    diags.error(display_path(root_in), 0, 0,
                "no note could be read, so there is nothing to publish: each has a problem above");
  else if (corpus.pages.empty() && !diags.has_errors())
    diags.error(display_path(root_in), 0, 0,
                "no notes found: the folder has no .md files; add one (kb new \"Title\") or point --notes at your notes");
  return corpus;
}

bool reload_notes(Corpus& corpus, const Config& config, const std::vector<fs::path>& changed, ParseCache& cache,
                  std::vector<Diagnostic>& diags, std::vector<size_t>& pages, std::vector<Page>& before) {
  std::error_code ec;
  const fs::path root = fs::canonical(config.notes_dir, ec);
  if (ec || !cache.in_memory()) return false;
  struct Fresh {
    size_t index;
    ParsedNote note;
    std::vector<Diagnostic> diags;
    const std::vector<Diagnostic>* old_diags;
  };
  std::vector<Fresh> fresh;
  for (const fs::path& path : changed) {
    // The path itself, not what a symlink there points to: a note that is
    // now a symlink is for load() to judge.
    if (fs::is_symlink(path, ec)) return false;
    fs::path file = fs::weakly_canonical(path.parent_path(), ec) / path.filename();
    if (ec) return false;
    const std::string source = file.lexically_relative(root).generic_string();
    if (!fs::exists(file, ec)) {
      // Gone, and never part of the site (a tool's temporary file: sed -i
      // writes "sedXXXXXX" beside the note): nothing to do. A note, a file
      // or a folder of them that went: load the folder.
      auto under = [&](const std::string& s) {
        return s == source || (s.size() > source.size() && s.compare(0, source.size(), source) == 0 &&
                               s[source.size()] == '/');
      };
      bool known = std::any_of(corpus.pages.begin(), corpus.pages.end(), [&](const Page& p) { return under(p.source); }) ||
                   std::any_of(corpus.files.begin(), corpus.files.end(), [&](const StaticFile& f) { return under(f.source); }) ||
                   std::any_of(corpus.unpublished.begin(), corpus.unpublished.end(),
                               [&](const Unpublished& u) { return under(u.source); }) ||
                   std::any_of(corpus.left_out.begin(), corpus.left_out.end(), under);  // its warning goes
      if (known || source.empty() || source.rfind("..", 0) == 0) return false;
      continue;
    }
    if (!fs::is_regular_file(file, ec)) return false;
    size_t i = 0;
    while (i < corpus.pages.size() && corpus.pages[i].source != source) ++i;
    if (source.empty() || i == corpus.pages.size()) return false;  // not a page: a new note, a draft, ...
    const Page& page = corpus.pages[i];
    // A README's place depends on its folder's other notes.
    if (text::lookup_key(page.stem) == "readme") return false;
    const ParsedNote* old = nullptr;
    const std::vector<Diagnostic>* old_diags = nullptr;
    if (!cache.held(source, old, old_diags)) return false;
    Diagnostics mine;
    std::optional<ParsedNote> note = load_note(Entry{source, page.file, true}, config, &cache, mine);
    if (!note || mine.has_errors() || !(evidence_of(*old) == evidence_of(*note))) return false;
    finish_note(*note, corpus.convention.titles, config);
    if (!unpublished_reason(note->page.meta, config).empty() || note->page.is_index != page.is_index) return false;
    // Another place in the exams: its warnings (content/exam_map.h) change.
    if (note->page.meta.domain != page.meta.domain || note->page.meta.exams != page.meta.exams) return false;
    // Its questions' own domains: their warnings change with them.
    if (written_quiz_domains(note->page) != written_quiz_domains(page)) return false;
    note->page.url = page.url;  // as load() gave it, numbered if it had to be
    Diagnostics same;  // as the load said for this front matter and these questions
    resolve_exams(note->page, config, same);
    fresh.push_back({i, std::move(*note), mine.sorted(), old_diags});
  }
  for (Fresh& f : fresh) {
    for (const Diagnostic& d : *f.old_diags) {
      if (auto it = std::find(diags.begin(), diags.end(), d); it != diags.end()) diags.erase(it);
    }
    diags.insert(diags.end(), f.diags.begin(), f.diags.end());
    before.push_back(std::move(corpus.pages[f.index]));
    corpus.pages[f.index] = std::move(f.note.page);
    pages.push_back(f.index);
  }
  cache.keep_held();
  return true;
}

}  // namespace kb::content
