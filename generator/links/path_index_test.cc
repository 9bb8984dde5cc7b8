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
  auto m = index.find("img.png", "");
  REQUIRE(m);
  REQUIRE(m->candidates.size() == 3);  // in Obsidian's order, the choice first
  CHECK(m->candidates[0]->path == "x/img.png");
  CHECK(m->candidates[1]->path == "y/img.png");
  CHECK(m->candidates[2]->path == "long folder/img.png");
  CHECK(m->ambiguous);
  CHECK_FALSE(index.find("img.png", "y")->ambiguous);  // the folder decides
  CHECK_FALSE(index.find("bases-noshadow.png", "x")->ambiguous);  // only one
}

TEST_CASE("a file below the linking note's folder comes before a shorter one elsewhere") {
  PathIndex index;
  index.add("Attachments/img.png", 0);
  index.add("Notes/Deep/assets/img.png", 1);
  index.add("Notes/Deep/more/img.png", 2);
  index.add("Notes/Deep/deeper/still/img.png", 3);
  CHECK(found(index, "img.png", "Notes/Deep") == "Notes/Deep/more/img.png");  // below, then shortest
  CHECK(index.find("img.png", "Notes/Deep")->ambiguous);                      // three below: still a doubt
  CHECK(found(index, "img.png", "Notes/Deep/deeper") == "Notes/Deep/deeper/still/img.png");
  CHECK_FALSE(index.find("img.png", "Notes/Deep/deeper")->ambiguous);         // the only one below
  CHECK(found(index, "img.png", "Other") == "Attachments/img.png");           // none below: shortest
  CHECK(index.find("img.png", "Other")->ambiguous);
  CHECK(found(index, "img.png", "") == "Attachments/img.png");                // all below the root
  CHECK(index.find("img.png", "")->ambiguous);
  // A folder is a whole name: "Notes/Deep" is not below "Notes/De".
  CHECK(found(index, "img.png", "Notes/De") == "Attachments/img.png");
  // A file at exactly the written path wins from anywhere, without a doubt.
  index.add("img.png", 4);
  CHECK(found(index, "img.png", "Notes/Deep") == "img.png");
  CHECK_FALSE(index.find("img.png", "Notes/Deep")->ambiguous);
}

TEST_CASE("obsidian_prefers and folder_decides") {
  CHECK(kb::obsidian_prefers("a/x.md", "a/b/x.md", "a"));      // the folder itself first
  CHECK(kb::obsidian_prefers("a/b/x.md", "x.md", "a"));        // below it before elsewhere
  CHECK(kb::obsidian_prefers("x.md", "a/b/x.md", "c"));        // else the shortest
  CHECK(kb::obsidian_prefers("b/x.md", "c/x.md", "d"));        // then path order
  CHECK_FALSE(kb::obsidian_prefers("c/x.md", "b/x.md", "d"));
  CHECK(kb::obsidian_prefers("A/long-name.md", "A/b/x.md", "a"));  // folders compare ignoring case
  CHECK(kb::folder_decides({"a/x.md", "b/x.md"}, "a"));
  CHECK_FALSE(kb::folder_decides({"a/x.md", "a/y.md"}, "a"));  // two in the folder (same title)
  CHECK(kb::folder_decides({"a/b/x.md", "c/x.md"}, "a"));
  CHECK_FALSE(kb::folder_decides({"b/x.md", "c/x.md"}, "a"));
  CHECK_FALSE(kb::folder_decides({"b/x.md", "c/x.md"}, ""));   // everything is below the root
  CHECK(kb::folder_decides({"x.md", "c/x.md"}, ""));           // one at the root itself
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
