#include "content/note_parser.h"

#include "content/flashcards.h"

#include <algorithm>
#include <cstdio>

#include "content/front_matter.h"
#include "content/loader.h"
#include "core/text.h"

namespace kb::content {
namespace fs = std::filesystem;

std::string page_url(const std::string& folder, const std::string& stem, bool markdown) {
  std::string url;
  size_t start = 0;
  if (!folder.empty()) {
    for (size_t slash; ; start = slash + 1) {
      slash = folder.find('/', start);
      url += text::url_slug(folder.substr(start, slash == folder.npos ? folder.npos : slash - start)) + '/';
      if (slash == folder.npos) break;
    }
  }
  if (stem.empty()) return url;
  return url + text::url_slug(stem) + (markdown ? ".html" : "");
}

namespace {

size_t count_words(std::string_view text) {
  size_t n = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

// The opening words of a note for lists and search results: its first
// paragraph or so, cut at a word boundary.
std::string excerpt(std::string_view plain, size_t max_chars) {
  std::string out;
  for (char c : plain) {
    if (c == '\n') {
      if (!out.empty() && out.size() > 40) break;  // first paragraph-ish
      c = ' ';
    }
    out += c;
  }
  std::string_view t = text::trim(out);
  if (t.size() <= max_chars) return std::string(t);
  // Cut at a word boundary, never inside a UTF-8 sequence.
  size_t cut = t.rfind(' ', max_chars);
  if (cut == t.npos || cut < max_chars / 2) {
    cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
  }
  return std::string(t.substr(0, cut)) + "…";
}

}  // namespace

std::optional<ParsedNote> parse_note_parts(std::string text_in, const std::string& source, const fs::path& file,
                                           const Config& config, Diagnostics& diags, PrerenderBudget* prerender) {
  std::string path = display_path(file);
  if (auto bad = text::find_invalid_utf8(text_in)) {
    auto pos = text::position_of(text_in, *bad);
    diags.warning(path, pos.line, pos.column,
                  "invalid UTF-8 (byte 0x" +
                      [&] { char b[3]; std::snprintf(b, 3, "%02X", static_cast<unsigned char>(text_in[*bad])); return std::string(b); }() +
                      "): save the file as UTF-8" + kLeftOut);
    return std::nullopt;
  }
  auto split = front_matter::split(text_in, path, diags);
  if (!split) return std::nullopt;
  auto meta = front_matter::parse(*split, text_in, path, diags);
  if (!meta) return std::nullopt;

  ParsedNote out;
  Page& page = out.page;
  page.source = source;
  page.file = file;
  size_t slash = source.rfind('/');
  page.folder = slash == source.npos ? "" : source.substr(0, slash);
  std::string name = slash == source.npos ? source : source.substr(slash + 1);
  page.stem = name.substr(0, name.rfind('.'));
  page.is_index = page.stem == "index";
  page.url = page.is_index ? (page.folder.empty() ? "index.html" : page_url(page.folder, "index", true))
                           : page_url(page.folder, page.stem, true);
  page.body_line = split->body_line;
  page.meta = std::move(*meta);
  page.body = std::string(split->body);

  // Tagged flashcards: its cards are marked on the page (and read below).
  page.card_note = holds_cards(page.meta.tags) || mentions_card_tag(page.body);
  markdown::Options opts;
  opts.allow_html = config.allow_html;
  opts.flashcards = page.card_note;
  if (prerender) opts.hard_breaks = prerender->hard_breaks;  // a render option: the parse is the same
  auto doc = markdown::Document::parse(page.body, opts);
  out.h1 = doc.leading_h1();
  for (const auto& h : doc.headings()) out.h1_count += h.level == 1;
  int offset = page.body_line - 1;
  page.headings = doc.headings();
  for (auto& h : page.headings) h.line += offset;
  page.links = doc.links();
  for (auto& l : page.links) {
    l.line += offset;
    out.wikilinks = out.wikilinks || l.kind == markdown::LinkKind::kWiki;
  }
  page.formulas = doc.formulas();
  for (auto& f : page.formulas) f.line += offset;
  // Inline #tags count as front-matter tags (Obsidian merges the two).
  for (const auto& tag : doc.tags())
    if (std::find(page.meta.tags.begin(), page.meta.tags.end(), tag) == page.meta.tags.end())
      page.meta.tags.push_back(tag);
  page.blocks = doc.blocks();
  for (auto& d : page.blocks) d.line += offset;
  // Practice questions: a block that is not a valid one is a warning (the
  // page shows it as code), so one slip does not stop the vault.
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    if (page.blocks[b].kind != markdown::FencedBlock::Kind::kQuiz) continue;
    QuizParse q = parse_quiz(page.blocks[b], b, page.source);
    for (auto& p : q.problems) diags.warning(path, p.line, p.column, std::move(p.message), echo_of(text_in, p.line, p.column));
    if (q.quiz) page.quizzes.push_back(std::move(*q.quiz));
  }
  page.code_blocks = doc.code_blocks();
  for (auto& c : page.code_blocks) c.line += offset;
  page.has_diagrams = doc.has_diagrams();
  page.block_ids = doc.block_ids();
  for (auto& b : page.block_ids) b.line += offset;
  for (const auto& t : doc.wide_tables())
    diags.warning(path, t.line + offset, 1,
                  "a table of " + std::to_string(t.columns) + " columns is shown as text: tables over " +
                      std::to_string(markdown::kMaxTableColumns) +
                      " columns take minutes to lay out; split it or keep the data in a file (a CSV) and link it");
  // What finish_note() needs of the text, for either fate of the leading H1,
  // so the text itself need not be kept (nor cached: content/parse_cache.h).
  std::string plain = doc.plain_text();
  std::string_view after_h1 = plain;
  if (!out.h1.empty() && after_h1.compare(0, out.h1.size(), out.h1) == 0) after_h1.remove_prefix(out.h1.size());
  // One pass over the text: the words before the H1's end, then after it
  // (one word fewer when the cut falls inside a word).
  const std::string_view before_h1 = std::string_view(plain).substr(0, plain.size() - after_h1.size());
  out.words_after_h1 = count_words(after_h1);
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  out.words = count_words(before_h1) + out.words_after_h1 -
              (!before_h1.empty() && !after_h1.empty() && !space(before_h1.back()) && !space(after_h1.front()));
  out.excerpt = excerpt(after_h1, 200);
  if (prerender && prerender->bytes_left.load(std::memory_order_relaxed) > 0)
    if (auto skeleton = markdown::Skeleton::of(doc)) {
      auto kept = std::make_shared<Prerendered>(Prerendered{std::move(*skeleton), std::move(plain)});
      const size_t cost = kept->html.bytes() + kept->plain.capacity();
      size_t left = prerender->bytes_left.load(std::memory_order_relaxed);
      while (left >= cost && !prerender->bytes_left.compare_exchange_weak(left, left - cost)) {
      }
      if (left >= cost) page.prerendered = std::move(kept);
    }
  return out;
}

// Title, whether the leading H1 is dropped (it would repeat the title),
// summary and word count, by the folder's title rule.
void finish_note(ParsedNote& parsed, Config::TitleRule rule, const Config& config) {
  Page& page = parsed.page;
  const std::string& h1 = parsed.h1;
  if (page.meta.title) {
    page.title = *page.meta.title;
  } else if (rule == Config::TitleRule::kHeading && !h1.empty()) {
    page.title = h1;
  } else {
    page.title = page.is_index ? (page.folder.empty() ? config.title : page.folder.substr(page.folder.rfind('/') + 1))
                               : page.stem;
  }
  // An H1 that says what the title says is not shown twice; under the
  // file-name rule any other H1 is a section and stays.
  page.drop_leading_h1 = !h1.empty() && (text::lookup_key(h1) == text::lookup_key(page.title) ||
                                         (!page.meta.title && rule == Config::TitleRule::kHeading));
  // The text after an opening H1 is what a summary starts with (after a
  // section heading such as "Theory" too), and what words count when the H1
  // is the title.
  page.word_count = page.drop_leading_h1 ? parsed.words_after_h1 : parsed.words;
  page.summary = page.meta.summary.empty() ? parsed.excerpt : page.meta.summary;
  // Its flashcards (content/flashcards.h), from the body as written: the
  // page still shows their lines as text.
  page.cards.clear();
  if (page.card_note) page.cards = extract_cards(page.body, page.body_line, page.source);
}

std::optional<Page> parse_note(std::string text_in, const std::string& source, const fs::path& file,
                               const Config& config, Diagnostics& diags) {
  auto parsed = parse_note_parts(std::move(text_in), source, file, config, diags);
  if (!parsed) return std::nullopt;
  // One note alone is no evidence of a convention: auto reads as headings.
  finish_note(*parsed, config.titles == Config::TitleRule::kAuto ? Config::TitleRule::kHeading : config.titles,
              config);
  return std::move(parsed->page);
}

}  // namespace kb::content
