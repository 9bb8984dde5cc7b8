#include "markdown/markdown.h"

#include <cmark-gfm-extension_api.h>  // cmark_parser_get_syntax_extensions
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/text.h"
#include "markdown/cmark_handles.h"
#include "markdown/link_target.h"
#include "markdown/callout.h"
#include "markdown/code_block.h"
#include "markdown/comments.h"
#include "markdown/document_impl.h"
#include "markdown/embed_html.h"
#include "markdown/flashcard_marks.h"
#include "markdown/highlight.h"
#include "markdown/task_marks.h"
#include "markdown/html_sanitizer.h"
#include "markdown/inline_tags.h"
#include "markdown/math.h"
#include "markdown/tex_text.h"
#include "markdown/node_locator.h"
#include "markdown/source_map.h"
#include "markdown/wikilink.h"

namespace kb::markdown {
namespace {

bool is_block(cmark_node* n) {
  return (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

// Raw HTML counts as text only for what lies between its tags: the words of
// "<div>\nSome words\n</div>" are text, the tags are markup. (An inline
// HTML node is a single tag, so it never holds text; the inline ones kb
// makes for wikilinks must not count either, so inline HTML is skipped.)
void append_without_tags(std::string_view html, std::string& out) {
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>' && in_tag) in_tag = false;
    else if (!in_tag) out += c;
  }
}

// Text of an inline subtree (a heading, a link's text), markup removed,
// line breaks read as spaces and math as its TeX.
std::string inline_text(cmark_node* node) {
  std::string out;
  IterPtr it(cmark_iter_new(node));
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    if (const MathNode* math = math_of(n)) {
      out += math->latex;
      continue;
    }
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: out += literal_of(n); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: out += ' '; break;
      default: break;
    }
  }
  return out;
}

// Inserts `nodes` before `anchor`, in order, and hands their ownership to the
// tree; if the tree refuses one, those already inserted are taken out again
// (their NodePtrs still own them) and the tree is as before.
bool insert_all_before(cmark_node* anchor, std::vector<NodePtr>& nodes) {
  size_t done = 0;
  for (; done < nodes.size(); ++done)
    if (!cmark_node_insert_before(anchor, nodes[done].get())) break;
  if (done < nodes.size()) {
    for (size_t k = 0; k < done; ++k) cmark_node_unlink(nodes[k].get());
    return false;
  }
  for (auto& n : nodes) n.release();
  return true;
}

// Replaces `old_node` by `replacement` and frees `old_node` (with its
// subtree); returns the node now in the tree.
cmark_node* replace_node(cmark_node* old_node, NodePtr replacement) {
  if (!cmark_node_replace(old_node, replacement.get())) return old_node;
  NodePtr freed(old_node);
  return replacement.release();
}

// Whether record_markdown_link() writes image `node` as an embed (Obsidian's
// `![alt|300](a.png)`, or a PDF, audio or video file): an HTML node then
// takes the image's place, alt text and all.
bool written_as_embed(cmark_node* node) {
  if (cmark_node_get_type(node) != CMARK_NODE_IMAGE) return false;
  const char* url = cmark_node_get_url(node);
  if (!url || !is_relative_url(url)) return false;
  const EmbedKind kind = embed_kind(split_url(url).target);
  return split_size(inline_text(node)).width > 0 || kind == EmbedKind::kPdf || kind == EmbedKind::kAudio ||
         kind == EmbedKind::kVideo;
}

std::string broken_title(const LinkRef& ref) {
  if (ref.target.empty()) return "No heading named \u201C" + ref.fragment + "\u201D on this page";
  const char* what = ref.kind == LinkKind::kEmbed ? "No file named \u201C" : "No note named \u201C";
  return what + ref.target + "\u201D";
}

std::string title_attribute(const std::string& title) {
  return title.empty() ? std::string() : " title=\"" + text::html_escape(title) + "\"";
}

// Writes the resolver's answer for one link into its nodes.
void apply_resolution(const LinkRef& ref, const ResolvedLink& r, const LinkSlot& slot) {
  if (is_link_node(slot)) {
    // A broken markdown link stays exactly as the author wrote it.
    if (r.found) {
      cmark_node_set_url(slot.open, r.href.c_str());
      if (!r.title.empty()) cmark_node_set_title(slot.open, r.title.c_str());
    }
    return;
  }
  LinkHtml html = link_html(ref, r, slot.written_url);
  cmark_node_set_literal(slot.open, html.open.c_str());
  if (slot.close) cmark_node_set_literal(slot.close, html.close.c_str());
}

// `word` as the first word of a fenced code block's info string ("math", "demo").
bool is_fence(cmark_node* code_block, std::string_view word) {
  const char* info = cmark_node_get_fence_info(code_block);
  if (!info) return false;
  std::string_view s(info);
  size_t end = s.find_first_of(" \t");
  return s.substr(0, end) == word;
}

// A paragraph holding display math and nothing else but line breaks and
// white space: it becomes blocks of display math.
bool only_display_math(cmark_node* paragraph) {
  bool any = false;
  for (cmark_node* c = cmark_node_first_child(paragraph); c; c = cmark_node_next(c)) {
    if (const MathNode* m = math_of(c)) {
      if (!m->display) return false;
      any = true;
      continue;
    }
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: break;
      case CMARK_NODE_TEXT:
        if (!trim_math(literal_of(c)).empty()) return false;
        break;
      default: return false;
    }
  }
  return any;
}

// kb's passes over a freshly parsed tree (see markdown.h for the order).
// One walk of the tree collects what each pass needs; each pass then visits
// only its own nodes.
class Passes {
 public:
  Passes(std::string_view source, const Options& options, cmark_node* root)
      : locator_(source), options_(options), root_(root), raw_html_(source.find('<') != std::string_view::npos) {}

  void run(std::vector<LinkRef>& links, std::vector<LinkSlot>& link_nodes, std::vector<Formula>& formulas,
           std::vector<MathSlot>& math_slots, std::vector<FencedBlock>& blocks, std::vector<cmark_node*>& demo_slots,
           std::vector<Heading>& headings, std::vector<cmark_node*>& heading_blocks, std::string& leading_h1,
           bool& has_leading_h1, std::vector<CalloutSlot>& callouts, std::vector<BlockId>& block_ids,
           std::vector<BlockRefSlot>& block_slots, std::vector<std::string>& tags, std::vector<TagSlot>& tag_slots,
           std::vector<CodeBlock>& code_blocks, std::vector<cmark_node*>& code_slots, bool& has_diagrams,
           std::vector<cmark_node*>& mermaid_slots) {
    if (!options_.allow_html && raw_html_) drop_hidden_content();
    collect();
    for (const auto& item : link_items_) {
      if (item.second) split_wikilinks(item.first, links, link_nodes);
      else record_markdown_link(item.first, links, link_nodes);
    }
    // Before headings are rebuilt: the locator reads each block as parsed.
    record_math(formulas, math_slots);
    record_blocks(blocks, demo_slots);
    record_code(code_blocks, code_slots, has_diagrams);
    mermaid_slots = mermaid_nodes_;
    tag_slots = mark_tags(links, link_nodes, tags);
    // Positions are all taken: text nodes may be split now.
    // (Each of these walks the whole tree: not when collect() saw nothing
    // it could act on.)
    if (equals_) mark_highlights(root_);
    if (items_) mark_tasks(root_);
    if (options_.flashcards) mark_flashcards(root_);
    if (quotes_) callouts = make_callouts(root_);
    if (carets_) block_ids = mark_block_refs(root_, options_.heading_ids, block_slots, callouts);
    cmark_node* first = cmark_node_first_child(root_);
    has_leading_h1 = first && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
                     cmark_node_get_heading_level(first) == 1;
    if (has_leading_h1) leading_h1 = inline_text(first);
    assign_heading_ids(headings, heading_blocks);
    if (!options_.allow_html) sanitize_raw_html();
  }

 private:
  void collect() {
    int in_link = 0;  // wikilinks are not looked for inside links and images
    IterPtr it(cmark_iter_new(root_));
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it.get());
      cmark_node_type type = cmark_node_get_type(n);
      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
        if (ev == CMARK_EVENT_ENTER) {
          if (!options_.allow_html && is_dangerous_url(cmark_node_get_url(n))) cmark_node_set_url(n, "");
          link_items_.emplace_back(n, false);
          // An image written as an embed is replaced, and what its alt text
          // holds freed with it: nothing in it is collected (a link or a
          // formula in `![[x]()](a.mp3)` was once used after it was freed).
          if (written_as_embed(n)) {
            cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
            continue;
          }
          ++in_link;
        } else {
          --in_link;
        }
        continue;
      }
      if (ev != CMARK_EVENT_ENTER) continue;
      // Extension blocks (table, table_row, ...) come after the built-in ones.
      if (is_block(n) && type > CMARK_NODE_FOOTNOTE_DEFINITION && std::strcmp(cmark_node_get_type_string(n), "table") == 0)
        locator_.note_table(n);
      switch (type) {
        case CMARK_NODE_TEXT: {
          const std::string_view literal = literal_of(n);
          if (in_link == 0 && literal.find("[[") != std::string_view::npos) link_items_.emplace_back(n, true);
          else if (in_link == 0 && literal.find('#') != std::string_view::npos) hash_texts_.push_back(n);
          equals_ = equals_ || literal.find("==") != std::string_view::npos;
          carets_ = carets_ || literal.find('^') != std::string_view::npos;
          break;
        }
        case CMARK_NODE_BLOCK_QUOTE: quotes_ = true; break;
        case CMARK_NODE_ITEM: items_ = true; break;
        case CMARK_NODE_HEADING: heading_nodes_.push_back(n); break;
        case CMARK_NODE_HTML_INLINE:
          if (math_of(n)) math_nodes_.push_back(n);
          else html_nodes_.push_back(n);
          break;
        case CMARK_NODE_HTML_BLOCK: html_nodes_.push_back(n); break;
        case CMARK_NODE_CODE_BLOCK:
          if (is_fence(n, "math")) math_nodes_.push_back(n);
          else if (is_fence(n, "demo") || is_fence(n, "quiz")) block_nodes_.push_back(n);
          else if (is_fence(n, "mermaid")) mermaid_nodes_.push_back(n);
          else code_nodes_.push_back(n);
          break;
        default: break;
      }
    }
  }

  void split_wikilinks(cmark_node* text, std::vector<LinkRef>& links, std::vector<LinkSlot>& link_nodes) {
    static const std::vector<bool> kNoEscapes;
    LiteralMap map;
    const NodeLocator::TextPlace place = locator_.place_text(text, map);
    const long at = place.start;
    std::string literal(literal_of(text));
    std::vector<Wikilink> found = find_wikilinks(literal, at >= 0 ? map.escaped : kNoEscapes);
    if (found.empty()) return;
    // One embed and nothing else in a paragraph: a block of its own.
    cmark_node* parent = cmark_node_parent(text);
    bool alone = found.size() == 1 && found[0].embed && cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH &&
                 !cmark_node_previous(text) && !cmark_node_next(text) &&
                 text::trim(std::string_view(literal).substr(0, found[0].begin)).empty() &&
                 text::trim(std::string_view(literal).substr(found[0].end)).empty();

    std::vector<NodePtr> pieces;
    std::vector<LinkRef> refs;
    std::vector<LinkSlot> slots;
    auto add_text = [&](size_t from, size_t to) {
      if (from < to) pieces.push_back(new_literal_node(CMARK_NODE_TEXT, literal.substr(from, to - from)));
    };
    size_t pos = 0;
    for (auto& w : found) {
      add_text(pos, w.begin);
      pos = w.end;
      // The HTML is written by render_html, once the link is resolved.
      LinkSlot slot;
      pieces.push_back(new_node(CMARK_NODE_HTML_INLINE));
      slot.open = pieces.back().get();
      if (!w.embed) {
        pieces.push_back(new_literal_node(CMARK_NODE_TEXT, w.label));
        pieces.push_back(new_node(CMARK_NODE_HTML_INLINE));
        slot.close = pieces.back().get();
      }
      if (alone) slot.paragraph = parent;
      LinkRef ref;
      ref.alone = alone;
      ref.kind = w.embed ? LinkKind::kEmbed : LinkKind::kWiki;
      ref.target = std::move(w.target);
      ref.fragment = std::move(w.fragment);
      ref.label = std::move(w.label);
      ref.width = w.width;
      ref.height = w.height;
      ref.line = place.line;
      ref.column = static_cast<int>(at >= 0 ? map.offset[w.begin] : place.hint + w.begin) + 1;
      refs.push_back(std::move(ref));
      slots.push_back(slot);
    }
    add_text(pos, literal.size());
    if (!insert_all_before(text, pieces)) return;
    cmark_node_unlink(text);
    NodePtr freed(text);
    for (size_t k = 0; k < refs.size(); ++k) {
      links.push_back(std::move(refs[k]));
      link_nodes.push_back(slots[k]);
    }
  }

  void record_markdown_link(cmark_node* node, std::vector<LinkRef>& links, std::vector<LinkSlot>& link_nodes) {
    const char* url = cmark_node_get_url(node);
    if (!url || !is_relative_url(url)) return;
    bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
    UrlParts parts = split_url(url);
    LinkRef ref;
    ref.kind = image ? LinkKind::kImage : LinkKind::kMarkdown;
    ref.target = std::move(parts.target);
    ref.fragment = std::move(parts.fragment);
    ref.label = inline_text(node);
    const NodeLocator::LinkPlace place = locator_.place_link(node);
    ref.line = place.line;
    ref.column = place.column;
    LinkSlot slot{node, nullptr, {}};
    if (image) {
      // Obsidian's `![alt|300](a.png)`: the size comes off the alt text. A
      // sized image, or a PDF, audio or video file, is written as an embed.
      SizedLabel sized = split_size(ref.label);
      if (written_as_embed(node)) {  // (collect() skipped what it holds)
        if (sized.width > 0) {
          ref.label = std::move(sized.label);
          ref.width = sized.width;
          ref.height = sized.height;
        }
        slot.written_url = url;
        cmark_node* html = replace_node(node, new_node(CMARK_NODE_HTML_INLINE));
        if (html != node) slot.open = html;
      }
    }
    links.push_back(std::move(ref));
    link_nodes.push_back(std::move(slot));
  }

  // Inline tags (inline_tags.h), never in a wikilink's label; a '#' written
  // `\#` is no tag, which the source map of each text node tells (text
  // split by the wikilink pass has none: its '#'s count as written).
  std::vector<TagSlot> mark_tags(const std::vector<LinkRef>& links, const std::vector<LinkSlot>& link_nodes,
                                 std::vector<std::string>& tags) {
    std::unordered_set<cmark_node*> labels;
    for (size_t i = 0; i < links.size(); ++i)
      if (links[i].kind == LinkKind::kWiki && link_nodes[i].close) labels.insert(cmark_node_next(link_nodes[i].open));
    std::unordered_map<cmark_node*, std::vector<bool>> escapes;
    for (cmark_node* n : hash_texts_) {
      LiteralMap map;
      if (locator_.place_text(n, map).start >= 0) escapes.emplace(n, std::move(map.escaped));
    }
    return mark_inline_tags(root_, labels, [&](cmark_node* n) -> const std::vector<bool>* {
      auto it = escapes.find(n);
      return it == escapes.end() ? nullptr : &it->second;
    }, tags);
  }

  // Each formula, in document order, with its place; a ```math block becomes
  // a block of display math, and so does a paragraph of display math only.
  void record_math(std::vector<Formula>& formulas, std::vector<MathSlot>& slots) {
    std::vector<cmark_node*> paragraphs;  // of display math only, each once
    for (cmark_node* n : math_nodes_) {
      Formula f;
      MathSlot slot{n, false};
      if (const MathNode* math = math_of(n)) {
        f.latex = math->latex;
        f.display = math->display;
        const NodeLocator::LinkPlace place = locator_.place_math(n);
        f.line = place.line;
        f.column = place.column;
        cmark_node* parent = cmark_node_parent(n);
        if (f.display && cmark_node_get_type(parent) == CMARK_NODE_PARAGRAPH && only_display_math(parent) &&
            (paragraphs.empty() || paragraphs.back() != parent))
          paragraphs.push_back(parent);
      } else {  // ```math
        MathNode block;
        block.latex = std::string(trim_math(literal_of(n)));
        block.display = true;
        f.latex = block.latex;
        f.display = true;
        f.line = cmark_node_get_start_line(n);
        f.column = cmark_node_get_start_column(n);
        NodePtr html = new_node(CMARK_NODE_HTML_BLOCK);
        set_math(html.get(), std::move(block));
        slot = MathSlot{replace_node(n, std::move(html)), true};
      }
      formulas.push_back(std::move(f));
      slots.push_back(slot);
    }
    // Each formula of such a paragraph becomes a block of its own.
    for (cmark_node* p : paragraphs) {
      std::vector<NodePtr> blocks;
      std::vector<std::pair<cmark_node*, cmark_node*>> moved;  // inline node -> its block
      for (cmark_node* c = cmark_node_first_child(p); c; c = cmark_node_next(c)) {
        const MathNode* math = math_of(c);
        if (!math) continue;
        NodePtr html = new_node(CMARK_NODE_HTML_BLOCK);
        set_math(html.get(), *math);
        moved.emplace_back(c, html.get());
        blocks.push_back(std::move(html));
      }
      if (!insert_all_before(p, blocks)) continue;
      for (auto& slot : slots)
        for (const auto& [from, to] : moved)
          if (slot.node == from) slot = MathSlot{to, true};
      cmark_node_unlink(p);
      NodePtr freed(p);
    }
  }

  // Each ```demo and ```quiz block becomes a custom block whose text
  // render_html() writes. Not an HTML block: tagfilter would escape the
  // <title> of every SVG in it, and the HTML is kb's own, never the author's.
  void record_blocks(std::vector<FencedBlock>& blocks, std::vector<cmark_node*>& slots) {
    for (cmark_node* n : block_nodes_) {
      FencedBlock b;
      b.kind = is_fence(n, "quiz") ? FencedBlock::Kind::kQuiz : FencedBlock::Kind::kDemo;
      b.source = std::string(literal_of(n));
      b.line = cmark_node_get_start_line(n);
      b.column = cmark_node_get_start_column(n);
      slots.push_back(replace_node(n, new_node(CMARK_NODE_CUSTOM_BLOCK)));
      blocks.push_back(std::move(b));
    }
  }

  // Fenced blocks with a language, listed for highlighting (their node stays
  // a code block, so plain text reads the code); ```mermaid blocks become
  // kb's own HTML at render time (the source, escaped, for mermaid to draw);
  // plain text reads both as code.
  void record_code(std::vector<CodeBlock>& blocks, std::vector<cmark_node*>& slots, bool& has_diagrams) {
    for (cmark_node* n : code_nodes_) {
      const char* info = cmark_node_get_fence_info(n);
      if (!info) continue;
      CodeBlock b;
      b.language = code_language(info);
      if (b.language.empty()) continue;
      b.source = std::string(literal_of(n));
      b.line = cmark_node_get_start_line(n);
      blocks.push_back(std::move(b));
      slots.push_back(n);
    }
    has_diagrams = !mermaid_nodes_.empty();
  }

  // GitHub's rule: the slug, then slug-1, slug-2, ... for repeats, skipping
  // any a heading already took ("a-1" written out, then "a" twice).
  std::string unique_id(const std::string& text) {
    std::string base = text::heading_slug(text);
    if (base.empty()) base = "section";
    std::string id = base;
    if (taken_ids_.count(id)) {
      int& n = next_suffix_[base];
      do id = base + "-" + std::to_string(++n);
      while (taken_ids_.count(id));
    }
    taken_ids_.insert(id);
    return id;
  }

  // cmark-gfm's renderer has no way to add an id to a heading, so the
  // heading becomes a custom block holding one custom inline that prints
  // <hN id="..."> and </hN> around the heading's own inline children. (A
  // custom block alone would do, but the renderer puts line breaks inside
  // its on-enter and on-exit text: "<h2 id=x>\nTitle\n</h2>".)
  static cmark_node* replace_heading(cmark_node* h, int level, const std::string& id) {
    NodePtr block = new_node(CMARK_NODE_CUSTOM_BLOCK);
    NodePtr wrapper = new_node(CMARK_NODE_CUSTOM_INLINE);
    std::string n = std::to_string(level);
    std::string enter = "<h" + n + " id=\"" + text::html_escape(id) + "\">";
    std::string exit = "</h" + n + ">";
    cmark_node_set_on_enter(wrapper.get(), enter.c_str());
    cmark_node_set_on_exit(wrapper.get(), exit.c_str());
    cmark_node* inner = wrapper.get();
    if (!cmark_node_append_child(block.get(), inner)) return h;
    wrapper.release();
    // Inline literals may point into the heading's own buffer, which is
    // freed with it: make them own their text before moving them.
    cmark_node_own(h);
    if (!cmark_node_replace(h, block.get())) return h;
    cmark_node* replaced = block.release();
    NodePtr old_heading(h);
    while (cmark_node* child = cmark_node_first_child(h))
      if (!cmark_node_append_child(inner, child)) break;
    return replaced;
  }

  void assign_heading_ids(std::vector<Heading>& headings, std::vector<cmark_node*>& blocks) {
    for (cmark_node* h : heading_nodes_) {
      cmark_node* block = h;
      Heading heading;
      heading.level = cmark_node_get_heading_level(h);
      heading.text = inline_text(h);
      heading.line = cmark_node_get_start_line(h);
      if (options_.heading_ids) {
        heading.id = unique_id(heading.text);
        block = replace_heading(h, heading.level, heading.id);
      }
      headings.push_back(std::move(heading));
      blocks.push_back(block);
    }
  }

  // Before any other pass reads the tree: what lies between an inline
  // `<script>` (style, iframe, svg, ...) and its end tag in one paragraph,
  // cell or heading is not published, so it is taken out, with any wikilink,
  // formula or emphasis in it (an inline HTML node is one tag; the text
  // between is nodes of its own). Unclosed, it runs to its container's end.
  void drop_hidden_content() {
    std::vector<cmark_node*> containers;  // of raw inline HTML, in document order
    std::unordered_set<cmark_node*> seen;
    IterPtr it(cmark_iter_new(root_));
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it.get());
      if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE && !math_of(n) &&
          seen.insert(cmark_node_parent(n)).second)
        containers.push_back(cmark_node_parent(n));
    }
    // Later containers first: one may lie in what an earlier one drops.
    for (auto c = containers.rbegin(); c != containers.rend(); ++c) {
      SanitizeState state;
      for (cmark_node* n = cmark_node_first_child(*c); n;) {
        cmark_node* next = cmark_node_next(n);
        if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE && !math_of(n)) sanitize_html(literal_of(n), state);
        else if (!state.dropping.empty()) cmark_node_free(n);
        n = next;
      }
    }
  }

  // The author's HTML through the allow-list (html_sanitizer.h), with one
  // state per container (paragraph, cell, list item, the document, ...): an
  // end tag closes only what its container's HTML opened, and what is still
  // open when the container ends is closed there, so a note's HTML cannot
  // close or swallow the page's own elements. A script or svg in an HTML
  // block ends with the block (in a paragraph drop_hidden_content() took its
  // content out).
  void sanitize_raw_html() {
    std::unordered_map<cmark_node*, SanitizeState> states;
    std::vector<std::pair<cmark_node*, bool>> containers;  // (container, holds blocks), in document order
    for (cmark_node* n : html_nodes_) {
      bool block = cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK;
      auto [it, fresh] = states.try_emplace(cmark_node_parent(n));
      if (fresh) containers.emplace_back(cmark_node_parent(n), block);
      std::string clean = sanitize_html(literal_of(n), it->second);
      if (block) it->second.dropping.clear();
      cmark_node_set_literal(n, clean.c_str());
    }
    for (auto [container, blocks] : containers) {
      std::string end_tags = close_open_elements(states[container]);
      if (end_tags.empty()) continue;
      NodePtr closing = new_literal_node(blocks ? CMARK_NODE_HTML_BLOCK : CMARK_NODE_HTML_INLINE, end_tags);
      if (cmark_node_append_child(container, closing.get())) closing.release();
    }
  }

  NodeLocator locator_;
  const Options& options_;
  cmark_node* root_;
  const bool raw_html_;  // the source holds a '<': there may be raw HTML
  // What collect() saw: a text holding "==" (a highlight?), a '^' (a block
  // id?), a blockquote (a callout?).
  bool equals_ = false, carets_ = false, quotes_ = false, items_ = false;
  std::vector<std::pair<cmark_node*, bool>> link_items_;  // (node, is text) in document order
  std::vector<cmark_node*> heading_nodes_;
  std::vector<cmark_node*> hash_texts_;  // text nodes holding '#' and no "[[" (outside links)
  std::vector<cmark_node*> html_nodes_;
  std::vector<cmark_node*> math_nodes_;  // math inlines and ```math blocks, in document order
  std::vector<cmark_node*> block_nodes_;  // ```demo and ```quiz blocks, in document order
  std::vector<cmark_node*> mermaid_nodes_;  // ```mermaid blocks
  std::vector<cmark_node*> code_nodes_;  // every other code block, in document order
  std::unordered_set<std::string> taken_ids_;
  std::unordered_map<std::string, int> next_suffix_;
};

}  // namespace

std::string_view literal_of(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s ? std::string_view(s) : std::string_view();
}

LinkHtml link_html(const LinkRef& ref, const ResolvedLink& r, const std::string& written_url) {
  LinkHtml out;
  std::string& open = out.open;
  std::string& close = out.close;
  switch (ref.kind) {
    case LinkKind::kWiki:
      if (r.as_text) {
        open = close = "";
      } else if (r.found) {
        open = "<a class=\"wikilink\" href=\"" + text::html_escape(r.href) + "\"" + title_attribute(r.title) + ">";
        close = "</a>";
      } else {
        open = "<span class=\"broken-link\" title=\"" + text::html_escape(broken_title(ref)) + "\">";
        close = "</span>";
      }
      break;
    case LinkKind::kEmbed:
      if (r.as_text) {
        open = text::html_escape(ref.label);
      } else if (r.found && r.note) {  // a note not shown in place: a link to it
        open = "<a class=\"wikilink embed-link\" href=\"" + text::html_escape(r.href) + "\"" +
               title_attribute(r.title) + ">" + text::html_escape(ref.label) + "</a>";
      } else if (r.found) {
        open = embed_html(ref, r.href, r.title);
      } else {
        open = "<span class=\"broken-link\" title=\"" + text::html_escape(broken_title(ref)) + "\">" +
               text::html_escape(ref.label) + "</span>";
      }
      break;
    case LinkKind::kImage:  // sized, or a media file (is_link_node() otherwise)
    case LinkKind::kMarkdown:
      open = embed_html(ref, r.found ? r.href : written_url, r.found ? r.title : "");
      break;
  }
  return out;
}

NodePtr new_literal_node(cmark_node_type type, const std::string& literal) {
  NodePtr node = new_node(type);
  cmark_node_set_literal(node.get(), literal.c_str());
  return node;
}

// What render_html writes for one formula (the wrappers are in markdown.h).
std::string math_html(const Formula& f, bool block, const std::string& typeset) {
  std::string open = block ? "<div class=\"math display\">"
                           : f.display ? "<span class=\"math display\">" : "<span class=\"math inline\">";
  std::string close = block ? "</div>" : "</span>";
  if (!typeset.empty()) return open + typeset + close;
  const char* left = f.display ? "\\[" : "\\(";
  const char* right = f.display ? "\\]" : "\\)";
  return open + left + text::html_escape(f.latex) + right + close;
}



SwapBack::~SwapBack() {
  for (auto& [node, stand_in] : swapped_) {
    cmark_node_insert_before(stand_in, node);
    cmark_node_free(stand_in);
  }
}

void SwapBack::swap(cmark_node* node, NodePtr stand_in) {
  if (!cmark_node_insert_before(node, stand_in.get())) return;
  cmark_node_unlink(node);
  swapped_.emplace_back(node, stand_in.release());
}

void SwapBack::swap_html(cmark_node* node, const std::string& html) {
  NodePtr block = new_node(CMARK_NODE_CUSTOM_BLOCK);
  cmark_node_set_on_enter(block.get(), html.c_str());
  swap(node, std::move(block));
}

CalloutTitles::CalloutTitles(std::vector<CalloutSlot>& slots, int options, cmark_llist* extensions) : slots_(slots) {
  for (auto& slot : slots_) {
    CmarkString title(cmark_render_html(slot.title, options, extensions));
    std::string_view inner = title ? std::string_view(title.get()) : std::string_view();
    if (inner.rfind("<p>", 0) == 0) inner.remove_prefix(3);
    while (!inner.empty() && inner.back() == '\n') inner.remove_suffix(1);
    if (inner.size() >= 4 && inner.substr(inner.size() - 4) == "</p>") inner.remove_suffix(4);
    cmark_node_set_on_enter(slot.block, (slot.before_title + std::string(inner) + slot.after_title).c_str());
    cmark_node_unlink(slot.title);
  }
}

CalloutTitles::~CalloutTitles() {
  for (auto& slot : slots_)
    if (!cmark_node_parent(slot.title)) cmark_node_prepend_child(slot.block, slot.title);
}

bool any_demo(const std::vector<FencedBlock>& blocks) {
  for (const auto& b : blocks)
    if (b.kind == FencedBlock::Kind::kDemo) return true;
  return false;
}

std::string demo_code_html(const FencedBlock& block) {
  const char* language = block.kind == FencedBlock::Kind::kQuiz ? "quiz" : "demo";
  return std::string("<pre><code class=\"language-") + language + "\">" + text::html_escape(block.source) +
         "</code></pre>\n";
}

namespace {

// The child of the document that holds `n` (n itself at the top level).
cmark_node* top_level(cmark_node* root, cmark_node* n) {
  while (n && cmark_node_parent(n) != root) n = cmark_node_parent(n);
  return n;
}

using RenderNode = std::function<void(cmark_node*)>;

// A heading and the top-level blocks after it, up to the next heading of
// its level or higher. A heading nested in a quote or list has no section
// of its own: its top-level block is rendered.
void render_section(const Document::Impl& impl, const std::vector<Heading>& headings, size_t heading,
                    const RenderNode& render) {
  if (heading >= headings.size()) return;
  cmark_node* start = top_level(impl.root.get(), impl.heading_blocks[heading]);
  if (!start) return;
  if (start != impl.heading_blocks[heading]) {
    render(start);
    return;
  }
  std::unordered_map<cmark_node*, int> level_of;
  for (size_t k = 0; k < headings.size(); ++k) level_of[impl.heading_blocks[k]] = headings[k].level;
  for (cmark_node* n = start; n; n = cmark_node_next(n)) {
    if (n != start)
      if (auto l = level_of.find(n); l != level_of.end() && l->second <= headings[heading].level) break;
    render(n);
  }
}

// The block a block id names; a list item inside a list of its own kind
// (numbered as it was).
void render_block(const Document::Impl& impl, size_t index,
                  const std::unordered_map<cmark_node*, cmark_node*>& stand_ins, const RenderNode& render,
                  std::string& out) {
  if (index >= impl.block_slots.size() || !impl.block_slots[index].block) return;
  cmark_node* block = impl.block_slots[index].block;
  if (auto s = stand_ins.find(block); s != stand_ins.end()) block = s->second;
  cmark_node* list = cmark_node_parent(block);
  if (cmark_node_get_type(block) != CMARK_NODE_ITEM || !list) {
    render(block);
    return;
  }
  bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
  int number = cmark_node_get_list_start(list);
  for (cmark_node* p = cmark_node_previous(block); p; p = cmark_node_previous(p)) ++number;
  out += !ordered ? "<ul>\n" : number == 1 ? "<ol>\n" : "<ol start=\"" + std::to_string(number) + "\">\n";
  render(block);
  out += ordered ? "</ol>\n" : "</ul>\n";
}

}  // namespace

Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

Rendered Document::render_html(const LinkResolver& resolver, const MathTypesetter& math,
                               const BlockRenderer& blocks, const Part& part, const CodeRenderer& code) {
  Rendered out;
  if (!impl_) return out;
  // A markdown link or image shown as text is taken out for this render only,
  // a text node with its label in its place, so a later render sees the same
  // document; so are blocks shown as kb's own HTML (transclusions,
  // highlighted code, diagrams).
  SwapBack put_back;
  for (size_t i = 0; i < links_.size(); ++i) {
    ResolvedLink r;
    if (resolver) r = resolver(links_[i]);
    else r.found = false;
    cmark_node* node = impl_->link_nodes[i].open;
    if (r.as_text && (links_[i].kind == LinkKind::kMarkdown || links_[i].kind == LinkKind::kImage)) {
      put_back.swap(node, new_literal_node(CMARK_NODE_TEXT, links_[i].label));
      continue;
    }
    if (!r.transclusion.empty() && impl_->link_nodes[i].paragraph) {
      put_back.swap_html(impl_->link_nodes[i].paragraph, r.transclusion);  // the note's text
      continue;
    }
    apply_resolution(links_[i], r, impl_->link_nodes[i]);
  }
  for (const TagSlot& tag : impl_->tag_slots) {
    std::string href = impl_->options.tag_href ? impl_->options.tag_href(tag.name) : std::string();
    cmark_node_set_literal(tag.open, tag_open_html(href).c_str());
    cmark_node_set_literal(tag.close, tag_close_html(href).c_str());
  }
  for (size_t i = 0; i < formulas_.size(); ++i) {
    const MathSlot& slot = impl_->math_slots[i];
    std::string html = math_html(formulas_[i], slot.block, math ? math(formulas_[i], i) : std::string());
    cmark_node_set_literal(slot.node, html.c_str());
  }
  // Highlighted code in its block's place, for this render only.
  for (size_t i = 0; code && i < code_blocks_.size(); ++i) {
    std::string tokens = code(code_blocks_[i], i);
    if (tokens.empty()) continue;
    put_back.swap_html(impl_->code_slots[i], code_block_html(code_blocks_[i].language, tokens));
  }
  for (cmark_node* block : impl_->mermaid_slots) put_back.swap_html(block, mermaid_html(literal_of(block)));
  for (size_t i = 0; i < blocks_.size(); ++i) {
    std::string html = blocks ? blocks(blocks_[i], i) : std::string();
    if (html.empty()) html = demo_code_html(blocks_[i]);
    cmark_node_set_on_enter(impl_->demo_slots[i], html.c_str());
  }
  cmark_node* root = impl_->root.get();
  const int options = render_options(impl_->options);
  cmark_llist* extensions = cmark_parser_get_syntax_extensions(impl_->parser.get());
  CalloutTitles titles(impl_->callouts, options, extensions);
  // The dropped H1 is only taken out for the rendering, so headings(),
  // plain_text() and a later render see the same document.
  // Its id stays on the page as an empty anchor, so `[[Note#Title]]` links
  // that name the heading shown as the title still land on the page.
  struct Reattach {
    cmark_node* root;
    cmark_node* h1;
    cmark_node* anchor;
    ~Reattach() {
      if (anchor) cmark_node_free(anchor);
      if (h1) cmark_node_prepend_child(root, h1);
    }
  } reattach{root, nullptr, nullptr};
  if (impl_->options.drop_leading_h1 && impl_->has_leading_h1) {
    reattach.h1 = cmark_node_first_child(root);
    cmark_node_unlink(reattach.h1);
    if (!headings_.empty() && !headings_.front().id.empty()) {
      reattach.anchor = cmark_node_new(CMARK_NODE_HTML_BLOCK);
      std::string tag = "<span id=\"" + text::html_escape(headings_.front().id) + "\"></span>\n";
      cmark_node_set_literal(reattach.anchor, tag.c_str());
      cmark_node_prepend_child(root, reattach.anchor);
    }
  }
  // The author's HTML, unless allowed, has been sanitized by now, and the
  // passes blanked the URLs cmark's safe mode would have blanked.
  auto render = [&](cmark_node* n) {
    CmarkString html(cmark_render_html(n, options, extensions));
    if (html) out.html += html.get();
  };
  if (part.kind == Part::Kind::kWhole) render(root);
  else if (part.kind == Part::Kind::kSection) render_section(*impl_, headings_, part.index, render);
  else {
    // A block swapped out for this render (highlighted code, a diagram, a
    // transclusion) is shown by what stands in for it.
    std::unordered_map<cmark_node*, cmark_node*> stand_ins(put_back.swapped().begin(), put_back.swapped().end());
    render_block(*impl_, part.index, stand_ins, render, out.html);
  }
  return out;
}

std::string Document::plain_text() const {
  std::string out;
  if (!impl_) return out;
  auto end_block = [&out] {
    if (!out.empty() && out.back() != '\n') out += '\n';
  };
  IterPtr it(cmark_iter_new(impl_->root.get()));
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it.get());
    if (ev == CMARK_EVENT_EXIT) {
      if (is_block(n)) end_block();
      continue;
    }
    if (const MathNode* math = math_of(n)) {
      bool block = cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK;
      if (block) end_block();
      out += tex_text(math->latex);
      if (block) end_block();
      continue;
    }
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: out += literal_of(n); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: out += ' '; break;
      case CMARK_NODE_HTML_INLINE:  // a flashcard's question and answer are apart
        if (literal_of(n) == kCardTurn && !out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
        break;
      case CMARK_NODE_CODE_BLOCK:
        end_block();
        out += literal_of(n);
        end_block();
        break;
      case CMARK_NODE_HTML_BLOCK:
        end_block();
        append_without_tags(literal_of(n), out);
        end_block();
        break;
      case CMARK_NODE_THEMATIC_BREAK: end_block(); break;
      default: break;
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

namespace {

// The cells of a GFM delimiter row (`| --- | :-: |`), or 0 if `line` is not one.
size_t delimiter_cells(std::string_view line) {
  size_t cells = 0, i = 0;
  bool dash = false, pipe = false;
  for (; i < line.size(); ++i) {
    char c = line[i];
    if (c == '|') {
      pipe = true;
      if (dash) ++cells;
      dash = false;
    } else if (c == '-') {
      dash = true;
    } else if (c != ':' && c != ' ' && c != '\t' && c != '\r') {
      return 0;
    }
  }
  if (dash) ++cells;
  return pipe ? cells : 0;
}

// Tables wider than kMaxTableColumns, with the offset of each one's
// delimiter row's first '-'.
std::vector<std::pair<WideTable, size_t>> find_wide_tables(std::string_view text) {
  std::vector<std::pair<WideTable, size_t>> out;
  int line = 1;
  for (size_t start = 0; start < text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    // Cheap first: a row that wide is long.
    if (end - start > 2 * kMaxTableColumns) {
      size_t cells = delimiter_cells(text.substr(start, end - start));
      if (cells > kMaxTableColumns) out.push_back({{line, cells}, text.find('-', start)});
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

Document Document::parse(std::string_view markdown_in, const Options& options) {
  // Obsidian's %%comments%% are blanked first, byte for byte (comments.h), so
  // nothing in them is parsed, linked, indexed or shown.
  std::string blanked;
  if (markdown_in.find("%%") != std::string_view::npos) blanked = blank_comments(markdown_in);
  // Tables too wide to lay out are made text: the first '-' of each one's
  // delimiter row becomes '\' (`\-` reads as a dash, so the line shows as
  // written, and no byte moves: source positions hold).
  std::vector<WideTable> wide;
  for (const auto& [table, dash] : find_wide_tables(blanked.empty() ? markdown_in : std::string_view(blanked))) {
    if (blanked.empty()) blanked = std::string(markdown_in);
    blanked[dash] = '\\';
    wide.push_back(table);
  }
  std::string_view markdown = blanked.empty() ? markdown_in : std::string_view(blanked);
  Document doc;
  doc.wide_tables_ = std::move(wide);
  doc.impl_ = std::make_unique<Impl>();
  Impl& impl = *doc.impl_;
  impl.options = options;
  // Strikethrough only where there is a `~` to strike with: parses with it
  // take turns (cmark_handles.h).
  impl.parser = new_gfm_parser(kParseOptions, markdown.find('~') != std::string_view::npos);
  cmark_parser_attach_syntax_extension(impl.parser.get(), math_extension());
  impl.root = parse_document(impl.parser.get(), markdown);
  Passes(markdown, options, impl.root.get())
      .run(doc.links_, impl.link_nodes, doc.formulas_, impl.math_slots, doc.blocks_, impl.demo_slots, doc.headings_,
           impl.heading_blocks, doc.leading_h1_, impl.has_leading_h1, impl.callouts, doc.block_ids_, impl.block_slots,
           doc.tags_, impl.tag_slots, doc.code_blocks_, impl.code_slots, doc.has_diagrams_,
           impl.mermaid_slots);
  return doc;
}

}  // namespace kb::markdown
