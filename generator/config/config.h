// Config: the site's settings, read from site.toml and checked strictly.
//
// Contract: load() never throws. Unknown keys, wrong types and bad values are
// errors at their line and column (toml++ source regions) added to the
// Diagnostics; on any error the returned Config is nullopt. Relative paths in
// the file are resolved against the folder that holds site.toml. Without a
// file, defaults() gives a working config for any notes folder.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace kb {

struct Domain {
  std::string id;     // matches a note's `domain:` (or `exams:`) front matter
  std::string title;  // shown on the home page
  double weight = 0;  // share of the exam, in percent (0 = not shown)
};

// An exam the notes prepare for: [[exams]] in site.toml, its domains in
// [[exams.domains]]. A site with [[domains]] alone has one exam with no id
// or title (the notes' `domain:` names its domains).
struct Exam {
  std::string id;          // "mla-c01"; "" for the one exam of [[domains]]
  std::string title;       // "AWS Certified Machine Learning Engineer – Associate"
  bool retired = false;    // status = "retired"
  std::string retired_on;  // its date, as written ("2026-03-31")
  std::vector<Domain> domains;
  const Domain* domain(const std::string& id) const {
    for (const auto& d : domains)
      if (d.id == id) return &d;
    return nullptr;
  }
};

struct Config {
  std::filesystem::path file;       // site.toml that was read; empty if none
  std::filesystem::path root;       // folder paths are relative to
  std::string title = "Notes";      // site title (header, <title>, home page)
  std::string description;          // one line under the title on the home page
  std::string base_url;             // public URL, e.g. https://me.github.io/kb/ (sitemaps, feeds)
  std::string repository;           // source repository URL ("edit this page")
  std::string edit_branch = "main";  // branch the "Edit this page" links open (with repository)
  std::string domain;               // custom domain for GitHub Pages: kb deploy writes it to CNAME
  std::string language = "en";      // <html lang>
  std::filesystem::path notes_dir;  // folder of markdown notes
  std::filesystem::path output_dir; // where the site is written
  std::filesystem::path templates_dir;  // per-file overrides of kb's templates (may not exist)
  std::filesystem::path assets_dir;     // per-file overrides/additions to kb's assets (may not exist)
  std::vector<std::string> exclude; // glob patterns, relative to notes_dir, of files to skip
  bool allow_html = false;          // pass all raw HTML through (else an allow-list sanitizer runs)
  // Where a note's title comes from when its front matter has none:
  // kAuto detects the notes' convention (content/convention.h), kFileName is
  // Obsidian's and Quartz's rule (a `# Heading` is a section), kHeading takes
  // a leading H1 (a GitHub notes repo).
  enum class TitleRule { kAuto, kFileName, kHeading };
  TitleRule titles = TitleRule::kAuto;
  // Single newlines inside a paragraph as line breaks (Obsidian's default);
  // unset: Obsidian's own setting when the notes folder is a vault, else off.
  std::optional<bool> line_breaks;
  bool include_drafts = false;      // --drafts: build notes marked draft: true / publish: false too
  size_t max_note_bytes = 8u << 20; // a larger note is an error (guards memory)
  // The exams, in site.toml order. The primary one, which the navigation,
  // a page's `domain` and the search facets follow, is the first active
  // one (else the first); `domains` are its domains, in home-page order.
  std::vector<Exam> exams;
  std::vector<Domain> domains;
  const Exam* primary_exam() const {
    for (const auto& e : exams)
      if (!e.retired) return &e;
    return exams.empty() ? nullptr : &exams.front();
  }
  const Exam* exam(const std::string& id) const {
    for (const auto& e : exams)
      if (e.id == id) return &e;
    return nullptr;
  }
  // [math] macros: site-wide TeX macros for every formula, name -> body
  // ("\\TP" -> "\\mathrm{TP}"); each name is a control sequence.
  std::map<std::string, std::string> math_macros;
};

namespace config {

// Defaults for a site rooted at `root` (notes in root/notes, output root/_site).
Config defaults(const std::filesystem::path& root);

// Read and check `file`. Errors go to `diags` with file:line:col.
std::optional<Config> load(const std::filesystem::path& file, Diagnostics& diags);

// Parse `text` as if read from `file` (for tests and for load()).
std::optional<Config> parse(std::string_view text, const std::filesystem::path& file,
                            Diagnostics& diags);

}  // namespace config
}  // namespace kb
