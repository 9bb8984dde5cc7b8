#include "site/note_data.h"

#include <catch2/catch.hpp>

using namespace kb;

TEST_CASE("note data: the preview and the local graph in one script call, its URL escaped") {
  std::string js = site::note_data_js("a/\"quoted\".html", "{\"t\":\"T\"}", "{\"n\":[]}");
  CHECK(js == "kbNoteData(\"a/\\\"quoted\\\".html\",{\"p\":{\"t\":\"T\"},\"g\":{\"n\":[]}});\n");
}
