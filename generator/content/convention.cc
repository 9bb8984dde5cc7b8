#include "content/convention.h"

#include <filesystem>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/file.h"
#include "core/text.h"

namespace kb::content {
namespace fs = std::filesystem;

namespace {

std::string count_of(size_t n, size_t of) { return std::to_string(n) + " of " + std::to_string(of); }

// The vault root is the notes folder or, for notes kept in a vault's
// sub-folder, its parent.
std::optional<fs::path> obsidian_dir(const fs::path& notes) {
  std::error_code ec;
  for (const fs::path& dir : {notes, notes.parent_path()}) {
    if (dir.empty()) continue;
    if (fs::is_directory(dir / ".obsidian", ec)) return dir / ".obsidian";
  }
  return std::nullopt;
}

}  // namespace

std::string Convention::describe() const {
  std::string out = titles == Config::TitleRule::kFileName ? "titles from front matter, else file names"
                                                           : "titles from front matter, else a leading # heading";
  out += " (" + titles_reason + ")";
  if (line_breaks) out += "; single newlines are line breaks (" + line_breaks_reason + ")";
  return out;
}

Convention detect(const Config& config) {
  Convention c;
  std::error_code ec;
  fs::path notes = fs::weakly_canonical(config.notes_dir, ec);
  if (ec) notes = fs::absolute(config.notes_dir);
  auto obsidian = obsidian_dir(notes);
  c.vault = obsidian.has_value();

  if (config.titles != Config::TitleRule::kAuto) {
    c.titles = config.titles;
    c.titles_reason = std::string("site.toml: titles = \"") +
                      (config.titles == Config::TitleRule::kFileName ? "filename" : "heading") + "\"";
  }

  if (config.line_breaks) {
    c.line_breaks = *config.line_breaks;
    c.line_breaks_reason = "site.toml: line_breaks = true";
  } else if (obsidian) {
    // Obsidian's "Strict line breaks" is off unless app.json says otherwise.
    bool strict = false;
    if (auto text = file::read_file(*obsidian / "app.json")) {
      auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
      if (json.is_object() && json.contains("strictLineBreaks") && json["strictLineBreaks"].is_boolean())
        strict = json["strictLineBreaks"].get<bool>();
    }
    c.line_breaks = !strict;
    c.line_breaks_reason = "Obsidian's setting in .obsidian/app.json, strict line breaks off";
  }
  return c;
}

bool h1_matches_name(const std::string& h1, const std::string& stem) {
  // Words of each, as slugs ("Amazon Kinesis Data Streams" and "kinesis
  // streams"): a match when half the words of the shorter are in the other.
  auto words = [](const std::string& s) {
    std::vector<std::string> out;
    std::string slug = text::url_slug(s);
    for (size_t start = 0; start <= slug.size();) {
      size_t dash = slug.find('-', start);
      if (dash == slug.npos) dash = slug.size();
      if (dash > start) out.push_back(slug.substr(start, dash - start));
      start = dash + 1;
    }
    return out;
  };
  auto a = words(h1), b = words(stem);
  if (a.empty() || b.empty()) return false;
  const auto& shorter = a.size() <= b.size() ? a : b;
  const auto& longer = a.size() <= b.size() ? b : a;
  size_t shared = 0;
  for (const auto& w : shorter)
    for (const auto& v : longer)
      if (w == v || (w.size() >= 3 && v.size() >= 3 && (v.find(w) == 0 || w.find(v) == 0))) { ++shared; break; }
  return shared * 2 >= shorter.size();
}

void decide_titles(Convention& c, const TitleEvidence& e) {
  if (c.titles != Config::TitleRule::kAuto) return;
  using R = Config::TitleRule;
  auto choose = [&c](R rule, std::string reason) {
    c.titles = rule;
    c.titles_reason = std::move(reason);
  };
  if (c.vault) return choose(R::kFileName, "an Obsidian vault: .obsidian/ found; set titles in site.toml to choose");
  if (e.untitled == 0) return choose(R::kHeading, "every note has a title in its front matter");
  if (e.several_h1 * 10 >= e.untitled && e.several_h1 >= 2)
    return choose(R::kFileName, count_of(e.several_h1, e.untitled) +
                                    " notes without a front-matter title have several # headings, so they are sections");
  if (e.opening_h1 * 2 < e.untitled)
    return choose(R::kFileName, "only " + count_of(e.opening_h1, e.untitled) +
                                    " notes without a front-matter title open with a # heading");
  if (e.with_wikilinks > 0 && e.opening_h1 >= 3 && e.h1_unlike_name * 2 > e.opening_h1)
    return choose(R::kFileName, "the notes link by [[name]] and " + count_of(e.h1_unlike_name, e.opening_h1) +
                                    " leading # headings differ from their file names");
  choose(R::kHeading, count_of(e.opening_h1, e.untitled) + " notes without a front-matter title open with a # heading");
}

}  // namespace kb::content
