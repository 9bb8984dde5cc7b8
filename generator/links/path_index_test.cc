#include "links/path_index.h"

#include <catch2/catch.hpp>

using kb::PathIndex;

namespace {

PathIndex vault() {
  PathIndex index;
  size_t i = 0;
  for (const char* path : {"Attachments/bases-noshadow.png", "Note.md", "b/Note.md", "a/b/Note.md", "zzzz/Note.md",
                           "Deep Learning/Ünïcödé Note.md", "x/img.png", "y/img.png", "long folder/img.png"})
    index.add(path, i++);
  return index;
}

std::string found(const PathIndex& index, std::string_view written, std::string_view from) {
  auto m = index.find(written, from);
  return m ? m->entry->path : "";
}

}  // namespace

TEST_CASE("an exact vault path wins, even over a file beside the linking note") {
  auto index = vault();
  CHECK(found(index, "Note.md", "b") == "Note.md");
  CHECK(found(index, "b/Note.md", "a/b") == "b/Note.md");
  CHECK(found(index, "/a/b/Note.md", "") == "a/b/Note.md");
  CHECK(found(index, "Attachments/bases-noshadow.png", "Deep Learning") == "Attachments/bases-noshadow.png");
}

TEST_CASE("a bare name: the linking note's folder, else the shortest path") {
  auto index = vault();
  CHECK(found(index, "bases-noshadow.png", "Deep Learning") == "Attachments/bases-noshadow.png");
  CHECK(found(index, "img.png", "y") == "y/img.png");
  CHECK(found(index, "img.png", "") == "x/img.png");  // shortest, then path order
  CHECK(found(index, "img.png", "long folder") == "long folder/img.png");
  // An ancestor folder counts for nothing; shortest path string, not fewest folders.
  PathIndex deep;
  deep.add("a/b/Note.md", 0);
  deep.add("zzzz/Note.md", 1);
  CHECK(found(deep, "Note.md", "zzzz/deep") == "a/b/Note.md");
  CHECK(index.find("img.png", "")->candidates == 3);
  CHECK_FALSE(index.find("img.png", "")->by_folder);
  CHECK(index.find("img.png", "y")->by_folder);
}

TEST_CASE("partial paths, missing extensions, case and Unicode") {
  auto index = vault();
  CHECK(found(index, "b/Note.md", "zzzz") == "b/Note.md");
  CHECK(found(index, "a/b/Note", "") == "a/b/Note.md");
  CHECK(found(index, "ünïcödé note", "") == "Deep Learning/Ünïcödé Note.md");
  CHECK(found(index, "NOTE.MD", "zzzz") == "Note.md");
  CHECK(found(index, "c/Note.md", "") == "");  // a path must match whole folder names
  CHECK(found(index, "ote.md", "") == "");
  CHECK(found(index, "/img.png", "x") == "");  // rooted: the vault root only
  CHECK(found(index, "", "") == "");
}
