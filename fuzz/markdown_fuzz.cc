// Fuzz target: the markdown passes (markdown/markdown.h: wikilinks, embeds,
// math, demo and quiz blocks, callouts, block refs, comments, highlights,
// inline tags, the HTML sanitizer) and the note parser over them
// (content/note_parser.h via content::parse_note).
//
// Input: the first byte chooses the options and how the "site" answers
// (resolver, typesetter, demo and code renderers, tag pages); the rest is the
// note. Checks, besides ASan/UBSan: parsing never throws; a document renders
// the same before and after Skeleton::of(); a skeleton that fills gives the
// very bytes render_html() gives (markdown/skeleton.h's contract).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include "config/config.h"
#include "content/loader.h"
#include "core/diagnostic.h"
#include "core/text.h"
#include "fuzz_util.h"
#include "markdown/markdown.h"
#include "markdown/skeleton.h"

using namespace kb::markdown;

namespace {

// One way a site could answer, varied by `seed` (as skeleton_test.cc's).
struct Answers {
  unsigned seed = 0;
  LinkResolver resolver() const {
    unsigned s = seed;
    return [s](const LinkRef& ref) {
      ResolvedLink r;
      size_t h = std::hash<std::string>{}(ref.target + ref.fragment) + s;
      switch (h % 6) {
        case 0: r.found = false; break;
        case 1:
          if (ref.kind == LinkKind::kWiki || ref.kind == LinkKind::kEmbed) r.as_text = true;
          else r.href = "ok/" + ref.target + ".html";
          break;
        case 2: r.href = "a b/" + ref.target + ".html?q=1&x='\"<>"; r.title = "T & \"" + ref.target + "\""; r.note = true; break;
        case 3: r.href = ref.target + ".png"; break;
        case 4:
          r.href = ref.target + ".html";
          r.note = true;
          if (ref.alone) r.transclusion = "<div class=\"transclusion\">" + ref.target + "</div>";
          break;
        default: r.href = "#" + ref.fragment; break;
      }
      return r;
    };
  }
  MathTypesetter math() const {
    if (seed % 3 == 0) return nullptr;
    unsigned s = seed;
    return [s](const Formula& f, size_t i) {
      if (i % 4 == 3) return std::string();
      if (s % 5 == 2 && i % 3 == 1) return std::string("<span><iframe src=\"x\"></iframe><TITLE>t</TITLE></span>");
      return "<span class=\"katex\"><math><mi>" + std::to_string(f.latex.size()) + "</mi></math></span>";
    };
  }
  CodeRenderer code() const {
    if (seed % 2 == 0) return nullptr;
    return [](const CodeBlock& b, size_t i) {
      return i % 2 ? std::string() : "<span class=\"hljs-keyword\">" + std::to_string(b.source.size()) + "</span>";
    };
  }
  BlockRenderer blocks() const {
    return [](const FencedBlock&, size_t i) { return i % 2 ? std::string() : std::string("<figure>drawn</figure>"); };
  }
  std::function<std::string(const std::string&)> tag_href() const {
    if (seed % 4 == 1) return nullptr;
    return [](const std::string& tag) { return tag == "skip" ? std::string() : "tags/" + tag + ".html"; };
  }
};

const kb::Config& config() {
  static const kb::Config c = kb::config::defaults("/kb-fuzz/site");
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const unsigned flags = kb::fuzz::take_flags(in);
  const std::string text(in);

  // The note parser: UTF-8 check, front matter, every pass, summary, tags.
  {
    kb::Diagnostics diags;
    auto page = kb::content::parse_note(text, "fuzz/note.md", "/kb-fuzz/site/notes/fuzz/note.md", config(), diags);
    KB_FUZZ_CHECK(page.has_value() || kb::fuzz::says_left_out(diags));
  }
  // The markdown passes themselves take valid UTF-8 only (the loader checks).
  if (kb::text::find_invalid_utf8(text)) return 0;

  Options o;
  o.allow_html = flags & 1;
  o.heading_ids = !(flags & 2);
  o.drop_leading_h1 = flags & 4;
  o.flashcards = flags & 8;
  o.hard_breaks = flags & 16;
  const Answers a{flags >> 5};
  o.tag_href = a.tag_href();

  Document expected_doc = Document::parse(text, o);
  const std::string expected = expected_doc.render_html(a.resolver(), a.math(), a.blocks(), {}, a.code()).html;
  (void)expected_doc.plain_text();
  // Every part: each section, each block id.
  for (size_t i = 0; i < expected_doc.headings().size() && i < 8; ++i)
    (void)expected_doc.render_html(a.resolver(), a.math(), a.blocks(), Part{Part::Kind::kSection, i}, a.code());
  for (size_t i = 0; i < expected_doc.block_ids().size() && i < 8; ++i)
    (void)expected_doc.render_html(a.resolver(), a.math(), a.blocks(), Part{Part::Kind::kBlock, i}, a.code());
  (void)expected_doc.render_html(a.resolver(), a.math(), a.blocks(), Part{Part::Kind::kBlock, 1000}, a.code());
  for (const auto& l : expected_doc.links()) KB_FUZZ_CHECK(l.line >= 1 && l.column >= 1);

  // The skeleton, as the loader makes it (no H1 decision, no tag pages yet).
  Options at_load = o;
  at_load.drop_leading_h1 = false;
  at_load.tag_href = nullptr;
  Document doc = Document::parse(text, at_load);
  auto skeleton = Skeleton::of(doc);
  Document fresh = Document::parse(text, at_load);
  KB_FUZZ_CHECK(doc.render_html(a.resolver(), a.math(), a.blocks(), {}, a.code()).html ==
                fresh.render_html(a.resolver(), a.math(), a.blocks(), {}, a.code()).html);
  if (!skeleton) return 0;
  auto filled = skeleton->fill({doc.links(), doc.formulas(), doc.blocks(), doc.code_blocks()}, o, a.resolver(),
                               a.math(), a.blocks(), a.code());
  if (filled && *filled != expected) {
    std::fprintf(stderr, "render_html():\n%s\nskeleton fill():\n%s\n", expected.c_str(), filled->c_str());
    KB_FUZZ_CHECK(!"Skeleton::fill() differs from render_html()");
  }
  return 0;
}
