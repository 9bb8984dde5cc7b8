#include "markdown/cmark_handles.h"

#include <catch2/catch.hpp>
#include <cmark-gfm-extension_api.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace kb::markdown;

TEST_CASE("a GFM parser has every core extension attached", "[cmark]") {
  ParserPtr parser = new_gfm_parser(CMARK_OPT_DEFAULT);
  REQUIRE(parser);
  std::vector<void*> attached;
  for (cmark_llist* l = cmark_parser_get_syntax_extensions(parser.get()); l; l = l->next) attached.push_back(l->data);
  for (const char* name : kGfmExtensions) {
    INFO(name);
    void* ext = cmark_find_syntax_extension(name);
    CHECK(ext != nullptr);
    CHECK(std::find(attached.begin(), attached.end(), ext) != attached.end());
  }
}

TEST_CASE("owners free what cmark allocates", "[cmark]") {
  // Run under a leak checker, these must leave nothing behind.
  ParserPtr parser = new_gfm_parser(CMARK_OPT_DEFAULT);
  const std::string md = "| a |\n|---|\n| ~~b~~ |\n";
  cmark_parser_feed(parser.get(), md.data(), md.size());
  NodePtr root(cmark_parser_finish(parser.get()));
  REQUIRE(root);
  CmarkString html(cmark_render_html(root.get(), CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser.get())));
  REQUIRE(html);
  CHECK(std::strstr(html.get(), "<del>b</del>") != nullptr);
  NodePtr loose = new_node(CMARK_NODE_TEXT);
  cmark_node_set_literal(loose.get(), "never linked");
  IterPtr it(cmark_iter_new(root.get()));
  CHECK(cmark_iter_next(it.get()) == CMARK_EVENT_ENTER);
}

TEST_CASE("parsers can be made on many threads at once", "[cmark]") {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([] {
      for (int i = 0; i < 20; ++i) CHECK(new_gfm_parser(CMARK_OPT_DEFAULT));
    });
  for (auto& th : threads) th.join();
}
