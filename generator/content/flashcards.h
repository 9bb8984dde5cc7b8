// Flashcards: the cards a note holds, written as Obsidian's Spaced
// Repetition plugin reads them, so a vault's cards work unchanged.
//
// Contract:
// - holds_cards(): only a note tagged `flashcards` (or a tag below it, such
//   as `flashcards/aws`), as the plugin's default deck tag, holds cards;
//   elsewhere `::` and `?` lines are ordinary text.
// - extract_cards() reads the body outside fenced and indented code, a
//   block being a run of non-blank lines:
//   - `Front::Back` on one line is one card; `Front:::Back` is that card and
//     its reverse. The first `::` (`:::`) outside `code spans` splits it;
//     both sides must hold text. A list item's marker is not part of the front.
//   - A block with a line holding only `?` is a multi-line card: the lines
//     above are the front, the lines below the back; `??` adds the reverse.
//   - A block with `{{text}}` spans (outside code spans) is a cloze card per
//     span: the front hides that span as "[…]", the back shows it in bold;
//     the other spans show plainly. `==highlights==` and `**bold**` stay
//     formatting (the plugin's other cloze markers are taken by kb as what
//     they look like, so highlighted notes do not turn into cards).
//   - The plugin's scheduling comments (`<!--SR:...-->`) are dropped.
//   Each card has its front and back as markdown, the file line where it
//   starts, the headings above it (its context), and an id from the note's
//   source and the card's text (FNV-1a, stable across kb versions: an Anki
//   import of the same card updates it). (The page shows the cards where
//   they are written: markdown/flashcard_marks.h.)
// Pure functions; nothing throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb::content {

struct Flashcard {
  enum class Kind { kSingleLine, kMultiLine, kCloze };
  Kind kind = Kind::kSingleLine;
  bool reversed = false;   // the reverse of a `:::` or `??` card
  std::string front, back; // markdown
  std::string context;     // "Heading › Subheading" above it ("" at the top)
  int line = 0;            // file line where the card starts
  std::string id;          // 16 hex digits
};

bool holds_cards(const std::vector<std::string>& tags);
// Whether `tag` is the deck tag: `flashcards` or a tag below it.
bool is_card_tag(const std::string& tag);
// Whether `body` says #flashcards (or #flashcards/...) as an inline tag would:
// a note may be tagged in its text, as Obsidian vaults often are. (Decided
// from the text before it is parsed, so every parse of the note agrees.)
bool mentions_card_tag(std::string_view body);

// `body_line`: the file line of the body's first line; `source`: the note's
// path in the notes folder (part of each id).
std::vector<Flashcard> extract_cards(std::string_view body, int body_line, const std::string& source);

}  // namespace kb::content
