// The inside of a markdown::Document, shared by markdown.cc (parse, passes,
// render_html) and skeleton.cc (Document::skeleton): the cmark-gfm tree, the
// nodes that show each listed link, formula, demo, code block and tag, and
// the HTML each of them is written as. Internal to the markdown module.
//
// Contract: the node pointers are owned by Impl::root; the helpers are pure
// and thread-safe; SwapBack and CalloutTitles change the tree for one render
// and put it back as it was when they go out of scope.
#pragma once

#include <cmark-gfm.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "markdown/block_ref.h"
#include "markdown/callout.h"
#include "markdown/cmark_handles.h"
#include "markdown/inline_tags.h"
#include "markdown/markdown.h"

namespace kb::markdown {

// Footnotes are syntax, so they are a parse option; the HTML renderer needs
// no flag for them.
inline constexpr int kParseOptions = CMARK_OPT_FOOTNOTES;

// The cmark render flags for a document parsed with `options`: always unsafe,
// since kb's wikilinks are raw HTML nodes (the author's HTML, unless allowed,
// is sanitized by the passes).
inline int render_options(const Options& options) {
  return kParseOptions | CMARK_OPT_UNSAFE | (options.hard_breaks ? CMARK_OPT_HARDBREAKS : 0);
}

// The nodes that show one link. A markdown link or image is its own cmark
// node (`open`). A wikilink is raw HTML around its label text, an embed one
// piece of raw HTML: open <a> / label / close </a>. Raw HTML rather than a
// custom inline node because a GFM table cell refuses custom inline children.
// A markdown image with a size or naming a PDF, audio or video file is an
// inline HTML node too (`open`), keeping the URL as written for when it is
// not found.
struct LinkSlot {
  cmark_node* open = nullptr;
  cmark_node* close = nullptr;
  std::string written_url;  // such an image's URL, as written
  cmark_node* paragraph = nullptr;  // an embed alone in it: what a transclusion replaces
};

// A markdown link or image shown by its own cmark node, whose URL and title
// the resolver's answer goes into (every other link is raw HTML: link_html).
inline bool is_link_node(const LinkSlot& slot) {
  cmark_node_type type = cmark_node_get_type(slot.open);
  return type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE;
}

// The raw HTML a wikilink, an embed or an image written as an embed shows
// for the resolver's answer `r` (`close` only for wikilinks); `written_url`
// is LinkSlot::written_url. Not for is_link_node() slots.
struct LinkHtml {
  std::string open;
  std::string close;
};
LinkHtml link_html(const LinkRef& ref, const ResolvedLink& r, const std::string& written_url);

// The node that shows one formula: an HTML_INLINE math node where the
// formula was written, or an HTML_BLOCK math node standing for a paragraph
// of display math or for a ```math block.
struct MathSlot {
  cmark_node* node = nullptr;
  bool block = false;
};

// What render_html writes for one formula (the wrappers are in markdown.h).
std::string math_html(const Formula& f, bool block, const std::string& typeset);

// A ```demo or ```quiz block shown as code: no renderer, or it drew nothing.
std::string demo_code_html(const FencedBlock& demo);

std::string_view literal_of(cmark_node* n);
NodePtr new_literal_node(cmark_node_type type, const std::string& literal);

struct Document::Impl {
  Options options;
  // Kept for its extension list: the renderer needs it to run tagfilter.
  ParserPtr parser;
  // Declared after the parser so it is freed first.
  NodePtr root;
  // link_nodes[i] shows links_[i]; all owned by `root`.
  std::vector<LinkSlot> link_nodes;
  // math_slots[i] shows formulas_[i]; owned by `root`.
  std::vector<MathSlot> math_slots;
  // demo_slots[i] shows blocks_[i] (a custom block); owned by `root`.
  std::vector<cmark_node*> demo_slots;
  bool has_leading_h1 = false;
  // Obsidian callouts, whose titles render_html() renders into their blocks.
  std::vector<CalloutSlot> callouts;
  // heading_blocks[i] shows headings_[i] (the heading, or the custom block
  // that gives it its id); block_slots[i] is what block_ids_[i] names.
  std::vector<cmark_node*> heading_blocks;
  std::vector<BlockRefSlot> block_slots;
  // code_slots[i] is the code block code_blocks_[i] came from; owned by `root`.
  std::vector<cmark_node*> code_slots;
  // ```mermaid code blocks, shown as mermaid_html(); owned by `root`.
  std::vector<cmark_node*> mermaid_slots;
  // Inline tags, whose link HTML render_html() writes (tag_href).
  std::vector<TagSlot> tag_slots;
};

// Nodes taken out of the tree for one render, each with what stands in for
// it; put back, and the stand-ins freed, on destruction.
class SwapBack {
 public:
  SwapBack() = default;
  SwapBack(const SwapBack&) = delete;
  SwapBack& operator=(const SwapBack&) = delete;
  ~SwapBack();
  void swap(cmark_node* node, NodePtr stand_in);
  // A custom block printing `html` (not an HTML block: tagfilter must not
  // touch kb's own HTML) in `node`'s place.
  void swap_html(cmark_node* node, const std::string& html);
  const std::vector<std::pair<cmark_node*, cmark_node*>>& swapped() const { return swapped_; }

 private:
  std::vector<std::pair<cmark_node*, cmark_node*>> swapped_;  // (node taken out, its stand-in)
};

// A callout's title goes inside its block's opening HTML: rendered on its
// own (with `options`, `extensions`), then taken out of the tree for this
// render, and put back on destruction.
class CalloutTitles {
 public:
  CalloutTitles(std::vector<CalloutSlot>& slots, int options, cmark_llist* extensions);
  CalloutTitles(const CalloutTitles&) = delete;
  CalloutTitles& operator=(const CalloutTitles&) = delete;
  ~CalloutTitles();

 private:
  std::vector<CalloutSlot>& slots_;
};

}  // namespace kb::markdown
