#include "content/walk.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "core/test_temp_dir.h"

namespace fs = std::filesystem;
using kb::Diagnostics;
using kb::content::walk_notes;

namespace {

void touch(const fs::path& p) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "x";
}

std::vector<std::string> sources(const std::vector<kb::content::WalkEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.source + (e.markdown ? " md" : ""));
  return out;
}

}  // namespace

TEST_CASE("walk: files below the root, sorted, but hidden and excluded ones") {
  kb::testing::TempDir tmp("kb-walk", "basic");
  fs::create_directories(tmp.path);
  const fs::path root = fs::canonical(tmp.path);
  touch(root / "b.md");
  touch(root / "a/x.markdown");
  touch(root / "a/img.png");
  touch(root / "a/deep/er/n.md");
  touch(root / ".obsidian/app.json");
  touch(root / "a/.hidden.md");
  touch(root / "drafts/d.md");
  touch(root / "a/skip-me.md");
  touch(root / "README.MD");  // not ".md": a file to copy
  Diagnostics diags;
  auto entries = walk_notes(root, {"drafts", "*/skip-*"}, diags);
  CHECK(diags.sorted().empty());
  CHECK(sources(entries) ==
        std::vector<std::string>{"README.MD", "a/deep/er/n.md md", "a/img.png", "a/x.markdown md", "b.md md"});
  CHECK(entries[0].file == root / "README.MD");
}

TEST_CASE("walk: symlinks to files inside are listed, to folders not walked, outside a warning") {
  kb::testing::TempDir tmp("kb-walk", "links");
  kb::testing::TempDir outside("kb-walk", "outside");
  fs::create_directories(tmp.path);
  const fs::path root = fs::canonical(tmp.path);
  touch(root / "notes/real.md");
  touch(outside.path / "away.md");
  fs::create_symlink(root / "notes/real.md", root / "alias.md");
  fs::create_directory_symlink(root / "notes", root / "again");
  fs::create_symlink(outside.path / "away.md", root / "away.md");
  Diagnostics diags;
  auto entries = walk_notes(root, {}, diags);
  CHECK(sources(entries) == std::vector<std::string>{"alias.md md", "notes/real.md md"});
  auto d = diags.sorted();
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == kb::Severity::kWarning);
  CHECK(d[0].message.find("symlink points outside the notes folder") != std::string::npos);
  CHECK(d[0].path.find("away.md") != std::string::npos);
}

TEST_CASE("walk: the same files std::filesystem's walk finds, on a random tree") {
  kb::testing::TempDir tmp("kb-walk", "random");
  fs::create_directories(tmp.path);
  const fs::path root = fs::canonical(tmp.path);
  std::mt19937 rng(11);
  std::vector<std::string> folders{""};
  for (int i = 0; i < 300; ++i) {
    const std::string& in = folders[rng() % folders.size()];
    std::string name = (rng() % 7 == 0 ? "." : "") + std::string(1, char('a' + rng() % 26)) + std::to_string(i);
    std::string path = in.empty() ? name : in + "/" + name;
    if (rng() % 4 == 0) {
      fs::create_directories(root / path);
      folders.push_back(path);
    } else {
      touch(root / (path + (rng() % 3 ? ".md" : ".png")));
    }
  }
  std::vector<std::string> expected;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    std::string name = it->path().filename().string();
    if (name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory()) continue;
    expected.push_back(it->path().lexically_relative(root).generic_string() +
                       (it->path().extension() == ".md" ? " md" : ""));
  }
  std::sort(expected.begin(), expected.end());
  Diagnostics diags;
  CHECK(sources(walk_notes(root, {}, diags)) == expected);
  CHECK(diags.sorted().empty());
}

TEST_CASE("walk: a symlink loop, a link to nothing and a folder link that contains itself are named as such") {
  kb::testing::TempDir tmp("kb-walk", "loops");
  fs::create_directories(tmp.path);
  const fs::path root = fs::canonical(tmp.path);
  touch(root / "notes/real.md");
  fs::create_symlink(root / "b.md", root / "a.md");  // a -> b -> a
  fs::create_symlink(root / "a.md", root / "b.md");
  fs::create_symlink(root / "gone.md", root / "dangling.md");
  fs::create_directory_symlink(root / "notes", root / "notes/back");  // notes/back -> notes
  Diagnostics diags;
  std::vector<std::string> left_out;
  auto entries = walk_notes(root, {}, diags, &left_out);
  CHECK(sources(entries) == std::vector<std::string>{"notes/real.md md"});
  // Warnings (one file never stops a vault), the notes among them left out.
  CHECK(diags.error_count() == 0);
  CHECK(left_out == std::vector<std::string>{"a.md", "b.md", "dangling.md"});
  std::string all;
  for (const auto& d : diags.sorted()) all += d.format();
  CHECK(all.find("a.md: warning: symlink loop") != std::string::npos);
  CHECK(all.find("b.md: warning: symlink loop") != std::string::npos);
  CHECK(all.find("dangling.md: warning: symlink points to nothing") != std::string::npos);
  CHECK(all.find("left out of the site") != std::string::npos);
  CHECK(all.find("notes/back: warning: symlink to a folder that contains it") != std::string::npos);
  CHECK(all.find("outside") == std::string::npos);
}
