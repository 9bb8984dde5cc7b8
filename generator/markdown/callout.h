// Callouts: Obsidian's `> [!type] Title` blockquotes, as styled boxes.
//
// A blockquote whose first line starts with `[!type]` is a callout:
//   > [!tip] Optional title          a box with an icon and a title
//   > [!warning]- Folded title       `-`: a <details>, closed; `+`: open
//   > Body: any markdown, nested callouts included.
// Types and aliases are Obsidian's (callout_type()): note; abstract, summary,
// tldr; info; todo; tip, hint, important; success, check, done; question,
// help, faq; warning, caution, attention; failure, fail, missing; danger,
// error; bug; example; quote, cite. An unknown type looks like a note and
// keeps its name as the default title, as in Obsidian. Without a title the
// title is the type as written, capitalised ("[!faq]" -> "Faq").
//
// Contract: make_callouts() rewrites the AST in place: each such blockquote
// becomes a custom block holding, first, a paragraph with the title's inline
// nodes (links and math in it stay listed and resolved), then the body
// blocks. The HTML around the title is returned per callout: the renderer
// renders the title paragraph's inlines into it (render_callout_title) and
// takes the paragraph out for that render, so the title is not shown twice;
// plain text reads the title as the callout's first line. Runs after the
// passes that need source positions. Never fails; a blockquote that is not a
// callout is left alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct cmark_node;

namespace kb::markdown {

struct CalloutSlot {
  cmark_node* block = nullptr;  // the custom block that replaced the blockquote
  cmark_node* title = nullptr;  // its first child: the title paragraph
  std::string before_title;     // HTML up to the title's inlines
  std::string after_title;      // HTML from the title's end to the body
};

std::vector<CalloutSlot> make_callouts(cmark_node* root);

// Obsidian's type for a name as written (lower case; aliases folded; "" for
// an unknown type, shown as a note).
std::string_view callout_type(std::string_view name);

// The inline SVG icon of a type (decorative: aria-hidden).
std::string callout_icon(std::string_view type);

}  // namespace kb::markdown
