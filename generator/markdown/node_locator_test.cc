#include "markdown/node_locator.h"

#define CATCH_CONFIG_ENABLE_PAIR_STRINGMAKER
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "markdown/cmark_handles.h"

using namespace kb::markdown;

namespace {

// Parses `md` and places every text node holding `needle` and every link.
struct Placed {
  std::vector<std::pair<int, int>> texts;  // line, 1-based column of the needle
  std::vector<std::pair<int, int>> links;
};

Placed place(const std::string& md, const std::string& needle) {
  ParserPtr parser = new_gfm_parser(CMARK_OPT_FOOTNOTES);
  cmark_parser_feed(parser.get(), md.data(), md.size());
  NodePtr root(cmark_parser_finish(parser.get()));
  NodeLocator locator(md);
  std::vector<cmark_node*> nodes;
  IterPtr it(cmark_iter_new(root.get()));
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it.get());
    if (ev != CMARK_EVENT_ENTER) continue;
    if (std::strcmp(cmark_node_get_type_string(n), "table") == 0) locator.note_table(n);
    nodes.push_back(n);
  }
  Placed out;
  for (cmark_node* n : nodes) {
    cmark_node_type type = cmark_node_get_type(n);
    if (type == CMARK_NODE_TEXT) {
      std::string_view lit = cmark_node_get_literal(n);
      size_t at = lit.find(needle);
      if (at == std::string_view::npos) continue;
      LiteralMap map;
      NodeLocator::TextPlace p = locator.place_text(n, map);
      REQUIRE(p.start >= 0);
      out.texts.emplace_back(p.line, static_cast<int>(map.offset[at]) + 1);
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      NodeLocator::LinkPlace p = locator.place_link(n);
      out.links.emplace_back(p.line, p.column);
    }
  }
  return out;
}

using Spots = std::vector<std::pair<int, int>>;

}  // namespace

TEST_CASE("continuation lines of a paragraph", "[node_locator]") {
  CHECK(place("> quote\nlazy X\n", "X").texts == Spots{{2, 6}});
  CHECK(place("- item\n     more X\n", "X").texts == Spots{{2, 11}});
  CHECK(place(">a\n> b X\n", "X").texts == Spots{{2, 5}});
}

TEST_CASE("lines lost inside inlines", "[node_locator]") {
  CHECK(place("a\\\nb X\n", "X").texts == Spots{{2, 3}});                // backslash hard break
  CHECK(place("a `code\nspan` X\n", "X").texts == Spots{{2, 7}});        // multi-line code span
  CHECK(place("a <span\nclass=x> X\n", "X").texts == Spots{{2, 10}});    // multi-line raw HTML
  CHECK(place("[a](b.md\n\"title\") X\n", "X").links == Spots{{1, 1}});
  CHECK(place("[a](b.md\n\"title\") X\n", "X").texts == Spots{{2, 10}});  // link title on the next line
  CHECK(place("[r]: r.md\ntext X\n", "X").texts == Spots{{2, 6}});       // reference definition first
}

TEST_CASE("autolinks and what follows them", "[node_locator]") {
  Placed p = place("see a@b.co X and <https://x.org> X", "X");
  CHECK(p.texts == Spots{{1, 12}, {1, 34}});
}

TEST_CASE("a table right under a paragraph", "[node_locator]") {
  Placed p = place("> intro X\n> more ![i](i.png)\n> a X | b\n> |---|---|\n> | [c](c.md) | X |\n", "X");
  CHECK(p.texts == Spots{{1, 9}, {3, 5}, {5, 17}});
  CHECK(p.links == Spots{{2, 8}, {5, 5}});
}

TEST_CASE("table cells are read between their pipes", "[node_locator]") {
  // A pipe splits cells even inside a code span, unless escaped.
  Placed p = place("| X | X |\n|---|---|\n  X | `\\|` X\n", "X");
  CHECK(p.texts == Spots{{1, 3}, {1, 7}, {3, 3}, {3, 12}});
}
