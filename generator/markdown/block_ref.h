// Block references: Obsidian's `^block-id`, which names one block of a note
// so that `[[Note#^block-id]]` links to it and `![[Note#^block-id]]` embeds it.
//
// Syntax (Obsidian's):
// - `text ^id` at the end of a paragraph's last line (after a space or tab)
//   names that paragraph; at the end of a list item's first paragraph it
//   names the list item (with what is nested in it).
// - `^id` alone in a paragraph of its own, after a blank line, names the
//   block before it: a table, a quote or callout, a list, a code block (not
//   a heading, which links by its text; there, and with nothing before it,
//   the id is only taken out of the text).
// - An id is ASCII letters, digits and '-' (Obsidian's rule); anything else
//   (`^not_an_id`, `x^2`) stays text.
//
// Contract: mark_block_refs() runs after the passes that need source
// positions (it edits text nodes). It takes every `^id` out of the text (so
// it is never shown, indexed or summarised) and returns the ids in document
// order with the node each names. With `anchors`, each named block gets its
// id on the page, written "^id" (the fragment Obsidian's links use): a
// paragraph or other block is wrapped in `<div class="block-ref" id="^id">`,
// a list item gets an empty `<span class="block-ref" id="^id">` before its
// text. A second block with an id already used keeps it out of the page (the
// first one wins, as in Obsidian) and is reported by `duplicate`. Never fails.
#pragma once

#include <string>
#include <vector>

#include "markdown/callout.h"

struct cmark_node;

namespace kb::markdown {

struct BlockId {
  std::string id;        // without the '^'
  int line = 0;          // 1-based line of the `^id`, in the parsed text
  bool duplicate = false;  // an earlier block of the note has this id
};

struct BlockRefSlot {
  cmark_node* block = nullptr;  // the named block (paragraph, item, table, ...), owned by the tree
};

// True if `id` is a valid block id (without the '^').
bool is_block_id(const std::string& id);

// `callouts`: make_callouts()'s slots. An id ending a callout's title line
// (`> [!info] Text ^id`) names the whole callout: the renderer takes the
// title paragraph out of the tree while it renders the title, so a block
// naming it would be gone when embedded.
std::vector<BlockId> mark_block_refs(cmark_node* root, bool anchors, std::vector<BlockRefSlot>& slots,
                                     const std::vector<CalloutSlot>& callouts = {});

}  // namespace kb::markdown
