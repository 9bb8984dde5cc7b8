// Task states beyond GFM's: Obsidian's `- [/] started`, `- [-] dropped`,
// `- [?] unsure`. GFM (cmark-gfm's tasklist) takes only `[ ]` and `[x]`; in
// Obsidian any other single character marks the task done, and the page
// keeps the character (`data-task="/"`) so a theme can draw each state.
//
// A list item whose first paragraph opens with `[c] ` (c one character, not
// a space; the first text of the paragraph, however cmark split it into
// text nodes) gets, in place of those bytes, the checkbox GFM's done tasks
// get, with the state: `<input type="checkbox" checked="" disabled=""
// data-task="/" /> `. Anything else is left alone.
//
// Contract: mark_tasks() runs after the passes that need source positions;
// it edits text nodes and inserts kb's own inline HTML, so the marker is
// neither shown nor indexed. Never fails.
#pragma once

struct cmark_node;

namespace kb::markdown {

// Returns how many items it marked.
int mark_tasks(cmark_node* root);

}  // namespace kb::markdown
