// Markdown: cmark-gfm parsing plus kb's passes over the AST.
//
// Contract:
// - Document owns one cmark-gfm AST (RAII; move-only). Parsing never fails:
//   any byte string is some markdown. Callers must pass valid UTF-8 (the
//   loader checks it first). (A missing core extension - a broken cmark-gfm
//   install, not bad input - throws std::runtime_error; see cmark_handles.h.)
// - parse() blanks Obsidian's `%%comments%%` in the source (comments.h: byte
//   for byte, so positions hold), runs the GFM extensions (table,
//   strikethrough, autolink, tagfilter, tasklist) and footnotes, then kb's
//   passes, in this order:
//     1. wikilinks  `[[Target]]`, `[[Target|label]]`, `[[Target#Heading]]`,
//        `[[#Heading]]` and embeds `![[file.png]]`, found in text nodes (never
//        inside code) and turned into nodes that render as links/images;
//     2. heading ids: GitHub-style slugs, unique within the page (-1, -2, ...);
//     3. math (math.h): `$…$`, `$$…$$` (found by a cmark-gfm extension while
//        inlines are parsed) and ```math blocks become formulas;
//     4. inline tags `#tag`, `#a/b` (inline_tags.h): rendered as links to
//        the tag's page (Options::tag_href), listed by tags();
//     5. highlights: Obsidian's `==text==` becomes <mark>text</mark>
//        (highlight.h), `> [!type] Title` blockquotes become callouts
//        (callout.h), and `^block-id`s are taken out of the text and name
//        their blocks (block_ref.h; anchors only with heading_ids);
//     6. raw HTML: unless Options::allow_html, every html node goes through
//        the allow-list sanitizer (html_sanitizer.h), with one state per
//        container. (What an inline `<script>`, `<svg>`, … encloses is taken
//        out before pass 1, so its wikilinks and formulas are none.)
// - links() lists every link the page makes (wikilinks, embeds, markdown
//   links and images with relative targets), in document order, each with its
//   1-based line and column in the parsed text. Absolute URLs (scheme:, //,
//   mailto:) are not listed: they are left as written.
// - render_html() asks the resolver about each listed link, in the same order
//   as links(), and writes the answer into the AST before rendering.
// - formulas() lists every formula (latex, display or not, 1-based line and
//   column of its opening delimiter in the parsed text), in document order, so
//   a site can typeset all of a build's formulas in one batch; render_html()
//   asks its MathTypesetter for each one's HTML in the same order.
// - blocks() lists every fenced block kb renders itself, ```demo and ```quiz
//   (its kind, TOML source and the place of its opening fence), in document
//   order; render_html() asks its BlockRenderer for each one's HTML in the
//   same order, and shows the block as code when there is no renderer or it
//   returns "". plain_text() leaves them out (a demo's output is numbers, a
//   quiz is TOML: neither is prose to search).
// - code_blocks() lists every fenced block with a language (code_block.h);
//   render_html() asks its CodeRenderer for each one's tokens, in the same
//   order, and writes code_block_html() in the block's place for this render
//   (plain_text() still reads the code). A ```mermaid block is written as
//   mermaid_html() (its source, escaped), and has_diagrams() is true.
// - Thread safety: distinct Documents may be parsed and rendered on distinct
//   threads at once (extension registration is guarded by std::call_once).
//   Texts holding a `~` are parsed one at a time, since cmark-gfm's
//   strikethrough shares a global table between parses (cmark_handles.h);
//   strikethrough is only attached to those.
//
// Details (the full syntax is in wikilink.h):
// - Wikilinks: the label shown is the written one, else "Target", else
//   "Target › Heading" (U+203A), else "Heading" for `[[#Heading]]`; an
//   embed's alt text is its label, else the file name. A wikilink lies within
//   one run of text: not across a line break, not around inline markup or raw
//   HTML (`[[a *b*]]`, `[[a <b>]]` stay text), not inside a link or code, and
//   not when written `\[\[x]]`. (If `[Target]` is also defined as a link
//   reference, cmark reads `[[Target]]` as brackets around that link.)
// - Columns are exact byte columns of the `[` (or of the `!` of an embed or
//   image), also on continuation lines and in table cells, where cmark-gfm's
//   own positions are off (node_locator.h).
// - Rendering: a found wikilink is `<a class="wikilink" href=".." title="..">
//   label</a>`, an embed the markup of its file's kind (embed_html.h: <img>,
//   a PDF viewer, <audio>, <video> or a link), sized by `|300` / `|300x200`;
//   a markdown image with a size in its alt (`![alt|300](a.png)`) or naming
//   a PDF, audio or video file renders the same way; one not found is
//   `<span class="broken-link" title="No note named “Target”">label</span>`
//   ("No file named" for embeds, "No heading named … on this page" for
//   `[[#x]]`). An embed alone in its paragraph (LinkRef::alone) that the
//   resolver gives a `transclusion` shows that HTML instead of the paragraph. A markdown link found gets the resolver's href (and title, if
//   not empty); one not found is left exactly as written. A link resolved
//   `as_text` is its label only, as plain text: no <a>, <img> or broken-link
//   markup (wikilink, embed, markdown link or image alike).
// - Heading ids: kb::text::heading_slug (Unicode lowercased) of the heading's plain text, "section"
//   when that is empty, then -1, -2, ... for repeats. Ids do not depend on
//   drop_leading_h1 (the H1 keeps its id and its place in headings()), so a
//   page's anchors are the same however it is rendered. With heading_ids off,
//   Heading::id is "".
// - Raw HTML, when not allowed: safe elements and attributes pass, the rest
//   is dropped (html_sanitizer.h); what lies between an inline `<script>`
//   (style, iframe, svg, math, …) and its end tag in one paragraph, cell or
//   heading goes too, markup included (to the container's end if unclosed).
//   End tags balance per container (paragraph, cell, list item, blockquote,
//   the document): one closing nothing the container's HTML opened is
//   dropped, and what is left open is closed where the container ends, so a
//   note cannot close or swallow the page's own elements. A script or svg in
//   an HTML block ends with the block. Markdown links with
//   "javascript:"-like URLs are blanked, as cmark-gfm's safe mode does.
// - Math (the syntax is in math.h): each formula is wrapped in
//   `<span class="math inline">`, `<span class="math display">` (display math
//   sharing a paragraph with other content) or `<div class="math display">`
//   (a paragraph holding only display math, or a ```math block: a block of its
//   own, one per formula). Inside goes the typesetter's HTML, or, when there is
//   no typesetter or it returns "", the TeX escaped between `\(`…`\)` or
//   `\[`…`\]` for a renderer in the browser. Headings and link labels read a
//   formula as its TeX; plain_text() as a reader sees it (tex_text.h: "F₁ =
//   2·P·R/(P + R)"), so search snippets and excerpts show no TeX.
// - drop_leading_h1 only changes render_html(): headings(), links() (links in
//   the H1 are still listed and resolved) and plain_text() are the same. The
//   dropped H1 leaves `<span id="its-id"></span>` in its place, so links to
//   the heading that became the page title still find their anchor.
// - hard_breaks (Obsidian's default) renders a single newline inside a
//   paragraph as <br />; plain_text() reads it as a space either way.
// - render_html() may be called again; each call asks the resolver (and the
//   typesetter) again.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "markdown/block_ref.h"

struct cmark_node;

namespace kb::markdown {

struct Options {
  bool allow_html = false;       // pass all raw HTML through (tagfilter still applies);
                                 // else it is sanitized
  bool heading_ids = true;       // give every heading a unique id attribute, and
                                 // every block reference its "^id" anchor
  bool drop_leading_h1 = false;  // omit a first-block H1 from the output (the
                                 // page template shows the title itself); its
                                 // id stays as an empty <span id> anchor
  bool flashcards = false;       // the note holds flashcards: mark them (flashcard_marks.h)
  bool hard_breaks = false;      // a single newline in a paragraph renders as
                                 // <br> (Obsidian's default), not a space  // The relative href of an inline tag's page, by tag name (inline_tags.h);
  // null or "" renders the tag as <span class="tag"> instead of a link.
  std::function<std::string(const std::string& tag)> tag_href;
};

struct Heading {
  int level = 1;       // 1..6
  std::string text;    // plain text of the heading
  std::string id;      // unique anchor within the page
  int line = 0;        // 1-based line in the parsed text
};

enum class LinkKind {
  kWiki,        // [[Target]]
  kEmbed,       // ![[file.png]]
  kMarkdown,    // [text](relative/path.md#frag) or [text](#frag)
  kImage,       // ![alt](relative/image.png)
};

struct LinkRef {
  LinkKind kind = LinkKind::kWiki;
  std::string target;    // page/file part as written, percent-decoded for markdown
                         // links ("F1 score", "../metrics/f1.md", "img/roc.png");
                         // empty for a same-page "#frag"
  std::string fragment;  // heading part without '#', may be empty
  std::string label;     // display text (wikilink label or target; link text)
  int line = 0;          // 1-based, in the parsed text
  int column = 0;        // 1-based byte column of the link's first character
  int width = 0;         // embeds and images: size written as `|300` or `|300x200`
  int height = 0;        // (wikilink.h); 0 = not given
  bool alone = false;    // an embed that is all its paragraph holds: a block of
                         // its own, which can show a note's text (transclusion)
};

// What the site says about one link, given back to render_html().
struct ResolvedLink {
  bool found = true;      // false: render as a visibly broken link
  std::string href;       // final relative href (with #fragment), used when found
  std::string title;      // optional title attribute (target page's title)
  bool as_text = false;   // render as its label only, no link (a link to an unpublished note)
  bool note = false;      // the target is a note: an embed of it that shows no
                          // transclusion is a link to it, not an image
  std::string transclusion;  // an embed `alone` in its paragraph: HTML shown in
                             // the paragraph's place (a note's text); "" = none
};

using LinkResolver = std::function<ResolvedLink(const LinkRef&)>;

struct Formula {
  std::string latex;     // TeX between the delimiters, surrounding white space trimmed
  bool display = false;  // $$…$$ or a ```math block; else inline $…$
  int line = 0;          // 1-based line of the opening `$`, `$$` or ``` fence, in the parsed text
  int column = 0;        // 1-based byte column of it
};

// A fenced block kb renders itself: a demo run at build time (```demo) or a
// practice question (```quiz).
struct FencedBlock {
  enum class Kind { kDemo, kQuiz };
  std::string source;    // the block's content, as written (fence indentation removed)
  int line = 0;          // 1-based line of the opening fence, in the parsed text
  int column = 0;        // 1-based byte column of it
  Kind kind = Kind::kDemo;
};

// Whether `blocks` hold a ```demo (the page loads the demos' script).
bool any_demo(const std::vector<FencedBlock>& blocks);

// The HTML of block `index` of blocks(); "" shows it as a code block.
using BlockRenderer = std::function<std::string(const FencedBlock&, size_t index)>;

// A fenced code block with a language (code_block.h), highlighted at build time.
struct CodeBlock {
  std::string language;  // code_language() of the info string; never ""
  std::string source;    // the code, as written
  int line = 0;          // 1-based line of the opening fence, in the parsed text
};

// The highlighted tokens of code block `index` of code_blocks() (the inside
// of its <code>); "" shows it as cmark-gfm writes code.
using CodeRenderer = std::function<std::string(const CodeBlock&, size_t index)>;

// The typeset HTML of formula `index` of formulas() (KaTeX's, say); "" leaves
// that formula as TeX for the browser (see the contract above).
using MathTypesetter = std::function<std::string(const Formula&, size_t index)>;

// What render_html() renders: the whole document, or one part of it.
struct Part {
  enum class Kind { kWhole, kSection, kBlock };
  Kind kind = Kind::kWhole;
  size_t index = 0;  // kSection: index into headings(); kBlock: into block_ids()
};

struct Rendered {
  std::string html;                // the body, without the dropped H1
};

// A GFM table wider than cmark-gfm lays out in reasonable time (its table
// extension is quadratic in the columns: 2,500 columns by 200 rows took
// 10-18 s): Document::parse() shows it as text and names it.
inline constexpr size_t kMaxTableColumns = 256;
struct WideTable {
  int line = 0;        // its delimiter row (|---|---|), 1-based in the parsed text
  size_t columns = 0;
};

class Document {
 public:
  static Document parse(std::string_view markdown, const Options& options);
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  ~Document();

  // Plain text of the first H1 if it is the first block, else "" (wikilinks
  // read as their labels).
  const std::string& leading_h1() const { return leading_h1_; }
  const std::vector<Heading>& headings() const { return headings_; }
  const std::vector<LinkRef>& links() const { return links_; }
  const std::vector<Formula>& formulas() const { return formulas_; }

  const std::vector<FencedBlock>& blocks() const { return blocks_; }
  // Inline tags (`#tag`, `#a/b`; inline_tags.h), lowercased, each once, in
  // the order first written.
  const std::vector<std::string>& tags() const { return tags_; }
  // Fenced code blocks with a language, in document order (not math, demo,
  // quiz or mermaid blocks).
  const std::vector<CodeBlock>& code_blocks() const { return code_blocks_; }
  // Whether the document has a ```mermaid diagram (its page loads mermaid).
  bool has_diagrams() const { return has_diagrams_; }
  // Obsidian block ids (`^id`, block_ref.h), in document order.
  const std::vector<BlockId>& block_ids() const { return block_ids_; }
  // Tables of more than kMaxTableColumns columns, shown as text.
  const std::vector<WideTable>& wide_tables() const { return wide_tables_; }

  // The whole document, or one Part: a section (its heading and what follows
  // up to the next heading of the same or a higher level, among the blocks
  // of the document's top level) or the block a block id names (a list item
  // inside its <ul>/<ol>). Every link, formula and demo is asked for as for
  // the whole document, in the same order. A part whose heading or block is
  // not there renders as "".
  Rendered render_html(const LinkResolver& resolver, const MathTypesetter& math = nullptr,
                       const BlockRenderer& blocks = nullptr, const Part& part = {},
                       const CodeRenderer& code = nullptr);

  // Plain text of the whole document (for summaries and search), blocks
  // separated by newlines (each table cell is a block), line breaks read as
  // spaces, markup removed (wikilinks read as their labels, images as their
  // alt text, raw HTML as the text between its tags), a leading H1 included.
  std::string plain_text() const;

  struct Impl;  // the tree and its slots (document_impl.h)

 private:
  friend class Skeleton;  // skeleton.h: the render made once, its slots left open
  Document() = default;
  std::unique_ptr<Impl> impl_;
  std::string leading_h1_;
  std::vector<Heading> headings_;
  std::vector<LinkRef> links_;
  std::vector<Formula> formulas_;
  std::vector<FencedBlock> blocks_;
  std::vector<std::string> tags_;
  std::vector<BlockId> block_ids_;
  std::vector<CodeBlock> code_blocks_;
  bool has_diagrams_ = false;
  std::vector<WideTable> wide_tables_;
};

}  // namespace kb::markdown
