// Flashcards on the page: in a note that holds cards (Options::flashcards,
// content/flashcards.h for the syntax), each card shows where it is written,
// question and answer marked so the theme sets them apart:
//   <span class="flashcard"><span class="card-q">Q</span><span class="card-a">A</span></span>
// - a paragraph line with `::` (or `:::`) in its text, something on both
//   sides, is a single-line card (a list item's paragraph too);
// - a paragraph with a line holding only `?` or `??`, text above and below,
//   is a multi-line card: the line itself is not shown;
// - `{{text}}` inside one text node is a cloze: <span class="cloze">text</span>.
// Code spans, math and links are never looked into (they are not text
// nodes). An AST pass like highlight.h: it runs after the passes that need
// source positions, inserts kb's own inline HTML and never fails.
#pragma once

struct cmark_node;

namespace kb::markdown {

// The inline HTML between a card's question and its answer: plain_text()
// reads it as a space ("XGBoost::`logloss`" is two words, not one).
inline constexpr const char kCardTurn[] = "</span><span class=\"card-a\">";

// Returns how many cards (and clozes) it marked.
int mark_flashcards(cmark_node* root);

}  // namespace kb::markdown
