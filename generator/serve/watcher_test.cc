#include "serve/watcher.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <thread>

#include "core/test_temp_dir.h"

namespace fs = std::filesystem;
using kb::serve::Changes;
using kb::serve::ignored_name;
using kb::serve::Watcher;
using kb::serve::WatchOptions;
using namespace std::chrono_literals;

namespace {

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

std::unique_ptr<Watcher> watch(const fs::path& dir, std::vector<fs::path> files = {}) {
  WatchOptions o;
  o.dirs = {dir};
  o.files = std::move(files);
  o.quiet = 50ms;
  std::string error;
  auto w = Watcher::open(o, error);
  REQUIRE(w);
  return w;
}

std::vector<std::string> names(const Changes& c, const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& p : c.paths) out.push_back(p.lexically_relative(fs::canonical(root)).generic_string());
  return out;
}

}  // namespace

TEST_CASE("watcher: editors' temporary files are not changes") {
  for (const char* name : {"note.md~", ".note.md.swp", ".note.md.swx", "4913", ".#note.md", "#note.md#",
                           "note.md.tmp", ".goutputstream-AB12", "note.md.kate-swp", "note.md.crswap"})
    CHECK(ignored_name(name));
  for (const char* name : {"note.md", "site.toml", "style.css", "a~b.md", "swp.md", "#tag.md"})
    CHECK_FALSE(ignored_name(name));
}

TEST_CASE("watcher: a saved note is one change and temp files around it are none") {
  kb::testing::TempDir tmp("kb-watch", "save");
  write(tmp.path / "notes" / "a.md", "# A\n");
  auto w = watch(tmp.path / "notes");
  CHECK_FALSE(w->wait(100ms));  // nothing yet
  // vim's way: a swap file, a probe, a backup, then the file itself.
  write(tmp.path / "notes" / ".a.md.swp", "x");
  write(tmp.path / "notes" / "4913", "");
  write(tmp.path / "notes" / "a.md~", "# A\n");
  write(tmp.path / "notes" / "a.md", "# A\nmore\n");
  auto c = w->wait(2s);
  REQUIRE(c);
  CHECK(names(*c, tmp.path / "notes") == std::vector<std::string>{"a.md"});
  // Write-then-rename: only the final name counts.
  write(tmp.path / "notes" / "a.md.tmp", "# A\nagain\n");
  fs::rename(tmp.path / "notes" / "a.md.tmp", tmp.path / "notes" / "a.md");
  c = w->wait(2s);
  REQUIRE(c);
  CHECK(names(*c, tmp.path / "notes") == std::vector<std::string>{"a.md"});
}

TEST_CASE("watcher: a burst of 500 files is one batch") {
  kb::testing::TempDir tmp("kb-watch", "burst");
  fs::create_directories(tmp.path / "notes" / "sub");
  auto w = watch(tmp.path / "notes");
  for (int i = 0; i < 500; ++i) write(tmp.path / "notes" / "sub" / ("n" + std::to_string(i) + ".md"), "x");
  auto c = w->wait(5s);
  REQUIRE(c);
  CHECK((c->overflow || c->paths.size() == 500));
  CHECK_FALSE(w->wait(200ms));  // nothing left over for a second rebuild
}

TEST_CASE("watcher: new folders are watched and hidden ones ignored") {
  kb::testing::TempDir tmp("kb-watch", "folders");
  fs::create_directories(tmp.path / "notes" / ".obsidian");
  fs::create_directories(tmp.path / "notes" / ".git");
  auto w = watch(tmp.path / "notes");
  write(tmp.path / "notes" / ".git" / "index", "x");
  write(tmp.path / "notes" / ".obsidian" / "workspace.json", "{}");
  CHECK_FALSE(w->wait(200ms));
  write(tmp.path / "notes" / ".obsidian" / "app.json", "{}");  // decides line breaks
  auto c = w->wait(2s);
  REQUIRE(c);
  CHECK(names(*c, tmp.path / "notes") == std::vector<std::string>{".obsidian/app.json"});
  // A folder moved in with a note already inside, then a note written in it.
  write(tmp.path / "elsewhere" / "new" / "b.md", "# B\n");
  fs::rename(tmp.path / "elsewhere" / "new", tmp.path / "notes" / "new");
  c = w->wait(2s);
  REQUIRE(c);
  auto got = names(*c, tmp.path / "notes");
  CHECK(std::find(got.begin(), got.end(), "new/b.md") != got.end());
  write(tmp.path / "notes" / "new" / "c.md", "# C\n");
  c = w->wait(2s);
  REQUIRE(c);
  CHECK(names(*c, tmp.path / "notes") == std::vector<std::string>{"new/c.md"});
  // A deleted note is a change too.
  fs::remove(tmp.path / "notes" / "new" / "c.md");
  c = w->wait(2s);
  REQUIRE(c);
  CHECK(names(*c, tmp.path / "notes") == std::vector<std::string>{"new/c.md"});
}

TEST_CASE("watcher: a single file is watched through its folder") {
  kb::testing::TempDir tmp("kb-watch", "file");
  write(tmp.path / "site.toml", "title = \"x\"\n");
  write(tmp.path / "notes" / "a.md", "# A\n");
  auto w = watch(tmp.path / "notes", {tmp.path / "site.toml"});
  write(tmp.path / "README.md", "not watched\n");
  CHECK_FALSE(w->wait(200ms));
  write(tmp.path / "site.toml", "title = \"y\"\n");
  auto c = w->wait(2s);
  REQUIRE(c);
  CHECK(names(*c, tmp.path) == std::vector<std::string>{"site.toml"});
}

TEST_CASE("watcher: nothing to watch is an error") {
  WatchOptions o;
  o.dirs = {"/nonexistent/kb-watch"};
  std::string error;
  CHECK_FALSE(Watcher::open(o, error));
  CHECK(error.find("nothing to watch") != std::string::npos);
}

TEST_CASE("watcher: a folder to watch that appears later is watched from then on") {
  kb::testing::TempDir tmp("kb-watch", "later");
  write(tmp.path / "notes" / "a.md", "# A\n");
  WatchOptions o;
  o.dirs = {tmp.path / "notes", tmp.path / "templates"};
  o.quiet = 50ms;
  std::string error;
  auto w = Watcher::open(o, error);
  REQUIRE(w);
  write(tmp.path / "other.txt", "not watched\n");
  CHECK_FALSE(w->wait(200ms));
  write(tmp.path / "templates" / "footer.mustache", "<footer></footer>\n");
  auto c = w->wait(2s);
  REQUIRE(c);
  auto got = names(*c, tmp.path);
  CHECK(std::find(got.begin(), got.end(), "templates") != got.end());
  write(tmp.path / "templates" / "footer.mustache", "<footer>2</footer>\n");
  c = w->wait(2s);
  REQUIRE(c);
  CHECK(names(*c, tmp.path) == std::vector<std::string>{"templates/footer.mustache"});
}

TEST_CASE("watcher: a lone save ends its batch after settle, not the burst's quiet") {
  kb::testing::TempDir tmp("kb-watch", "settle");
  write(tmp.path / "notes" / "a.md", "# A\n");
  WatchOptions o;
  o.dirs = {tmp.path / "notes"};
  o.quiet = 1500ms;  // a burst's: far longer than the check below allows
  o.settle = 15ms;
  std::string error;
  auto w = Watcher::open(o, error);
  REQUIRE(w);
  write(tmp.path / "notes" / "a.md.tmp", "# A\nagain\n");
  fs::rename(tmp.path / "notes" / "a.md.tmp", tmp.path / "notes" / "a.md");
  const auto start = std::chrono::steady_clock::now();
  auto c = w->wait(2s);
  REQUIRE(c);
  CHECK(names(*c, tmp.path / "notes") == std::vector<std::string>{"a.md"});
  CHECK(std::chrono::steady_clock::now() - start < 1000ms);
}

TEST_CASE("watcher: a batch's quiet counts from when its events came, not from when wait() was called") {
  kb::testing::TempDir tmp("kb-watch", "arrival");
  write(tmp.path / "notes" / "a.md", "# A\n");
  WatchOptions o;
  o.dirs = {tmp.path / "notes"};
  o.quiet = 800ms;  // both far longer than the check below allows
  o.settle = 400ms;
  std::string error;
  auto w = Watcher::open(o, error);
  REQUIRE(w);
  write(tmp.path / "notes" / "a.md", "# A\nagain\n");
  // The caller was busy (the last rebuild finishing) while the save came.
  std::this_thread::sleep_for(600ms);
  const auto start = std::chrono::steady_clock::now();
  auto c = w->wait(2s);
  REQUIRE(c);
  CHECK(names(*c, tmp.path / "notes") == std::vector<std::string>{"a.md"});
  CHECK(std::chrono::steady_clock::now() - start < 200ms);
}
