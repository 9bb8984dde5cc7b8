// A note's HTML rendered once, with the parts that depend on the rest of the
// site left open.
//
// Why: a site build parses every note when it loads the notes (for links,
// headings, formulas) and used to parse each one again to render its page,
// once the link graph, the typeset formulas and the highlighted code were
// known. Parsing is most of what a note costs, and a parsed tree is ~60 KB a
// note: too much to keep for a big vault. A skeleton is the HTML
// render_html() writes, made from the tree the load parsed (about the size of
// the HTML), with a hole wherever the output waits on the site: each link's
// resolution, each inline tag's href, each formula's typesetting, each code
// block's highlighting, each demo's output, and whether the leading H1 is
// dropped.
//
// Contract:
// - Skeleton::of(doc) makes one from a document that render_html() would
//   render whole, and leaves the document as it was. None (std::nullopt) when
//   a hole could not be told apart from the text: the text already holds the
//   marker bytes kb uses (U+0002), or something a hole fills sits inside an
//   image's alt text (rendered as escaped text there).
// - fill() gives exactly the bytes doc.render_html(resolver, math, demos, {},
//   code) gives for a document parsed with `options` (drop_leading_h1 and
//   tag_href read at fill time; allow_html, heading_ids and hard_breaks
//   must be those it was made with), asking the callbacks the same questions
//   in the same order. None, and the caller renders from a parse, when the
//   answer would change the tree rather than fill a hole: a markdown link or
//   image shown as text (ResolvedLink::as_text), a transclusion in an embed's
//   paragraph, or HTML that GFM's tagfilter would change. `listed` must be
//   the document's own lists (their lines may have been shifted since).
// - Immutable once made; fill() is const and safe from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "markdown/markdown.h"

namespace kb::markdown {

class Skeleton {
 public:
  static std::optional<Skeleton> of(Document& doc);

  // The document's lists, as Document::links(), formulas(), blocks() and
  // code_blocks() gave them.
  struct Listed {
    const std::vector<LinkRef>& links;
    const std::vector<Formula>& formulas;
    const std::vector<FencedBlock>& blocks;
    const std::vector<CodeBlock>& code_blocks;
  };
  std::optional<std::string> fill(const Listed& listed, const Options& options, const LinkResolver& resolver,
                                  const MathTypesetter& math = nullptr, const BlockRenderer& demos = nullptr,
                                  const CodeRenderer& code = nullptr) const;

  // Bytes held, roughly (for a memory budget).
  size_t bytes() const;

 private:
  Skeleton() = default;

  struct Hole {
    uint32_t at = 0;  // offset in text_
    char kind = 0;    // see skeleton.cc
    uint32_t index = 0;
  };
  // How link i is shown: raw HTML (link_html) or a markdown link or image
  // node, whose href and title are holes.
  struct LinkForm {
    bool node = false;
    bool close = false;         // raw HTML with a closing hole (a wikilink)
    std::string written_url;    // a node's URL as written; an embed-like image's too
    std::string written_title;  // a node's title as written
  };

  std::string text_;          // the HTML, holes taken out
  std::vector<Hole> holes_;   // in text order
  std::vector<LinkForm> links_;
  std::vector<std::string> tags_;  // tag slot names, in slot order
  std::vector<bool> math_block_;
  size_t demos_ = 0;
  size_t code_blocks_ = 0;
  bool has_leading_h1_ = false;
  std::string h1_anchor_;  // what a dropped H1 leaves
  bool allow_html_ = false;
  bool heading_ids_ = true;
  bool hard_breaks_ = false;
};

}  // namespace kb::markdown
