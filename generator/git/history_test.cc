#include "git/history.h"

#include <catch2/catch.hpp>

#include "git/test_repo.h"

using namespace kb::git;
using namespace kb::git::testing;

namespace {

History run(const fs::path& notes, std::vector<std::string> paths) {
  HistoryOptions o;
  o.notes_dir = notes;
  o.paths = std::move(paths);
  Result<History> h = history(o);
  INFO(h.error());
  REQUIRE(h.ok());
  return std::move(*h);
}

std::vector<std::string> names(const FileHistory& f) {
  std::vector<std::string> out;
  for (const Author& a : f.authors) out.push_back(a.name + ":" + std::to_string(a.commits));
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("a notes folder outside any repository gives an empty history, not an error") {
  isolate_git();
  TempDir dir("history-norepo");
  fs::create_directories(dir.path() / "notes");
  std::ofstream(dir.path() / "notes/a.md") << "# A\n";
  History h = run(dir.path() / "notes", {"a.md"});
  CHECK_FALSE(h.in_repository);
  CHECK(h.files.empty());
}

TEST_CASE("last commit and authors of each file, from one walk") {
  TestRepo repo("history-linear");
  REQUIRE(repo.ok());
  repo.write("notes/a.md", "one\n");
  repo.write("notes/b.md", "bee\n");
  repo.write("src/code.cc", "int x;\n");
  std::string c1 = repo.commit("first", "Ann <ann@example.com>");
  repo.write("notes/a.md", "one two\n");
  std::string c2 = repo.commit("second", "Bob <bob@example.com>");
  repo.write("notes/a.md", "one two three\n");
  std::string c3 = repo.commit("third", "Ann <ANN@example.com>");  // same author, other case
  repo.write("src/code.cc", "int y;\n");
  std::string c4 = repo.commit("code only", "Cy <cy@example.com>");
  REQUIRE(!c4.empty());

  History h = run(repo.root() / "notes", {"a.md", "b.md"});
  CHECK(h.in_repository);
  CHECK(h.repository == repo.root());
  CHECK(h.head == c4);
  const FileHistory& a = h.files.at("a.md");
  CHECK(a.status == FileStatus::kCommitted);
  REQUIRE(a.last);
  CHECK(a.last->id == c3);
  CHECK(a.last->short_id == c3.substr(0, a.last->short_id.size()));
  CHECK(a.last->short_id.size() >= 7);
  CHECK(a.last->summary == "third");
  CHECK(a.last->time == 1700000000 + 60 * 6);  // two fake-clock ticks per commit (add, commit)
  CHECK(names(a) == Names{"Ann:2", "Bob:1"});
  CHECK(a.authors[0].email == "ANN@example.com");  // named as in the most recent commit

  const FileHistory& b = h.files.at("b.md");
  REQUIRE(b.last);
  CHECK(b.last->id == c1);
  CHECK(names(b) == Names{"Ann:1"});
  CHECK(h.stats.diffs <= h.stats.commits_walked);
  CHECK(h.stats.commits_walked == 4);
}

TEST_CASE("a renamed note keeps its older history") {
  TestRepo repo("history-rename");
  REQUIRE(repo.ok());
  std::string body = "A note long enough that a small edit keeps it similar.\n";
  for (int i = 0; i < 20; ++i) body += "line " + std::to_string(i) + " of the note\n";
  repo.write("notes/old name.md", body);
  std::string c1 = repo.commit("add", "Ann <ann@example.com>");
  repo.write("notes/old name.md", body + "more\n");
  repo.commit("edit", "Bob <bob@example.com>");
  fs::create_directories(repo.root() / "notes/topic");
  REQUIRE(repo.git("mv " + q("notes/old name.md") + " " + q("notes/topic/new name.md")));
  repo.write("notes/topic/new name.md", body + "more\nand a bit\n");
  std::string c3 = repo.commit("move and edit", "Cleo <cleo@example.com>");
  // A new file later takes the old name: it must not inherit the old history.
  repo.write("notes/old name.md", "a different note\n");
  std::string c4 = repo.commit("reuse the name", "Dee <dee@example.com>");

  History h = run(repo.root() / "notes", {"topic/new name.md", "old name.md"});
  const FileHistory& moved = h.files.at("topic/new name.md");
  REQUIRE(moved.last);
  CHECK(moved.last->id == c3);
  CHECK(names(moved) == Names{"Ann:1", "Bob:1", "Cleo:1"});
  const FileHistory& reused = h.files.at("old name.md");
  REQUIRE(reused.last);
  CHECK(reused.last->id == c4);
  CHECK(names(reused) == Names{"Dee:1"});
  CHECK(h.stats.rename_searches >= 1);

  SECTION("without rename detection the history stops at the move") {
    HistoryOptions o;
    o.notes_dir = repo.root() / "notes";
    o.paths = {"topic/new name.md"};
    o.follow_renames = false;
    Result<History> plain = history(o);
    REQUIRE(plain.ok());
    CHECK(names(plain->files.at("topic/new name.md")) == Names{"Cleo:1"});
  }
}

TEST_CASE("merges: branch commits are credited, the merge only for its own changes") {
  TestRepo repo("history-merge");
  REQUIRE(repo.ok());
  repo.write("notes/shared.md", "base\n");
  repo.write("notes/main.md", "main\n");
  std::string body;
  for (int i = 0; i < 20; ++i) body += "line " + std::to_string(i) + "\n";
  repo.write("notes/branch.md", body);
  std::string base = repo.commit("base", "Ann <ann@example.com>");
  REQUIRE(repo.git("checkout -q -b feature"));
  repo.write("notes/branch.md", body + "feature edit\n");
  std::string f1 = repo.commit("feature edit", "Fay <fay@example.com>");
  REQUIRE(repo.git("mv notes/branch.md notes/renamed-on-branch.md"));
  std::string f2 = repo.commit("feature rename", "Fay <fay@example.com>");
  repo.write("notes/shared.md", "base\nfeature line\n");
  std::string f3 = repo.commit("feature shared", "Fay <fay@example.com>");
  REQUIRE(repo.git("checkout -q main"));
  repo.write("notes/main.md", "main\nmore\n");
  std::string m1 = repo.commit("main edit", "Max <max@example.com>");
  REQUIRE(repo.git("merge -q --no-ff --no-edit feature", "Max <max@example.com>"));
  std::string merge = repo.out("rev-parse HEAD");
  REQUIRE(repo.out("rev-list --parents -n1 HEAD").size() > 2 * 41);  // really a merge

  History h = run(repo.root() / "notes", {"shared.md", "main.md", "renamed-on-branch.md"});
  const FileHistory& shared = h.files.at("shared.md");
  REQUIRE(shared.last);
  CHECK(shared.last->id == f3);  // not the merge: it took the branch's version
  CHECK(names(shared) == Names{"Ann:1", "Fay:1"});
  const FileHistory& main_file = h.files.at("main.md");
  REQUIRE(main_file.last);
  CHECK(main_file.last->id == m1);
  CHECK(names(main_file) == Names{"Ann:1", "Max:1"});
  const FileHistory& renamed = h.files.at("renamed-on-branch.md");
  REQUIRE(renamed.last);
  CHECK(renamed.last->id == f2);
  CHECK(names(renamed) == Names{"Fay:2", "Ann:1"});

  SECTION("a merge that resolves a file itself is credited") {
    REQUIRE(repo.git("checkout -q -b other " + base));
    repo.write("notes/main.md", "main\nother side\n");
    repo.commit("other edit", "Oz <oz@example.com>");
    REQUIRE(repo.git("checkout -q main"));
    repo.git("merge -q --no-edit other", "Max <max@example.com>", /*may_fail=*/true);  // conflicts
    repo.write("notes/main.md", "main\nmore\nother side\n");
    std::string resolved = repo.commit("resolve", "Res <res@example.com>");
    History h2 = run(repo.root() / "notes", {"main.md"});
    const FileHistory& f = h2.files.at("main.md");
    REQUIRE(f.last);
    CHECK(f.last->id == resolved);
    CHECK(names(f) == Names{"Ann:1", "Max:1", "Oz:1", "Res:1"});
  }
  (void)f1;
  (void)merge;
}

TEST_CASE("uncommitted files say so") {
  TestRepo repo("history-status");
  REQUIRE(repo.ok());
  std::string body;
  for (int i = 0; i < 20; ++i) body += "line " + std::to_string(i) + "\n";
  repo.write("notes/clean.md", "clean\n");
  repo.write("notes/edited.md", "edited\n");
  repo.write("notes/staged.md", "staged\n");
  repo.write("notes/moved.md", body);
  std::string c1 = repo.commit("add", "Ann <ann@example.com>");
  repo.write("notes/edited.md", "edited, not committed\n");
  repo.write("notes/staged.md", "staged change\n");
  REQUIRE(repo.git("add notes/staged.md"));
  repo.write("notes/untracked.md", "new\n");
  repo.write("notes/new-staged.md", "new and staged\n");
  REQUIRE(repo.git("add notes/new-staged.md"));
  fs::rename(repo.root() / "notes/moved.md", repo.root() / "notes/moved-away.md");  // plain mv, no git

  History h = run(repo.root() / "notes",
                  {"clean.md", "edited.md", "staged.md", "untracked.md", "new-staged.md", "moved-away.md"});
  CHECK(h.files.at("clean.md").status == FileStatus::kCommitted);
  CHECK(h.files.at("edited.md").status == FileStatus::kModified);
  CHECK(h.files.at("edited.md").last->id == c1);
  CHECK(h.files.at("staged.md").status == FileStatus::kModified);
  const FileHistory& untracked = h.files.at("untracked.md");
  CHECK(untracked.status == FileStatus::kUntracked);
  CHECK_FALSE(untracked.last);
  CHECK(untracked.authors.empty());
  CHECK(h.files.at("new-staged.md").status == FileStatus::kUntracked);
  const FileHistory& moved = h.files.at("moved-away.md");
  CHECK(moved.status == FileStatus::kModified);
  REQUIRE(moved.last);
  CHECK(moved.last->id == c1);
  CHECK(std::string(to_string(FileStatus::kModified)) == "modified");
  CHECK(std::string(to_string(FileStatus::kUntracked)) == "untracked");
}

TEST_CASE("an empty repository: every file is untracked") {
  TestRepo repo("history-empty");
  REQUIRE(repo.ok());
  repo.write("notes/a.md", "a\n");
  History h = run(repo.root() / "notes", {"a.md"});
  CHECK(h.in_repository);
  CHECK(h.head.empty());
  CHECK(h.files.at("a.md").status == FileStatus::kUntracked);
  CHECK_FALSE(h.files.at("a.md").last);
}

TEST_CASE("the notes folder may be the repository's root, and .mailmap joins identities") {
  TestRepo repo("history-root");
  REQUIRE(repo.ok());
  repo.write("a.md", "a\n");
  repo.commit("one", "ann <ann@old.example.com>");
  repo.write("a.md", "a b\n");
  repo.commit("two", "Ann Smith <ann@example.com>");
  repo.write(".mailmap", "Ann Smith <ann@example.com> <ann@old.example.com>\n");
  repo.commit("mailmap", "Ann Smith <ann@example.com>");
  History h = run(repo.root(), {"a.md"});
  CHECK(names(h.files.at("a.md")) == Names{"Ann Smith:2"});
}

TEST_CASE("a shallow clone's history ends at its boundary") {
  TestRepo repo("history-shallow-src");
  REQUIRE(repo.ok());
  repo.write("notes/a.md", "a\n");
  repo.commit("one", "Ann <ann@example.com>");
  repo.write("notes/b.md", "b\n");
  repo.commit("two", "Bob <bob@example.com>");
  repo.write("notes/b.md", "b2\n");
  std::string c3 = repo.commit("three", "Cy <cy@example.com>");
  TempDir clone("history-shallow");
  REQUIRE(sh("git clone -q --depth 2 file://" + q(repo.root().string()) + " " + q((clone.path() / "c").string())));
  History h = run(clone.path() / "c/notes", {"a.md", "b.md"});
  REQUIRE(h.files.at("b.md").last);
  CHECK(h.files.at("b.md").last->id == c3);
  REQUIRE(h.files.at("a.md").last);  // credited to the boundary commit "two"
  CHECK(h.files.at("a.md").last->summary == "two");
}

TEST_CASE("the history of this repository's own notes") {
  fs::path notes = fs::path(KB_SOURCE_DIR) / "notes";
  if (!fs::exists(notes)) return;
  std::vector<std::string> paths;
  for (const auto& e : fs::recursive_directory_iterator(notes)) {
    if (e.is_regular_file() && e.path().extension() == ".md") {
      paths.push_back(fs::relative(e.path(), notes).generic_string());
    }
  }
  History h = run(notes, paths);
  if (!h.in_repository) return;  // a source tarball
  size_t committed = 0;
  for (const auto& [path, f] : h.files) committed += f.last ? 1 : 0;
  CHECK(committed > 0);
  WARN("history of " << paths.size() << " notes: " << h.stats.commits_walked << " commits walked, "
                     << h.stats.diffs << " diffs, status " << h.stats.status_seconds * 1000 << " ms, walk "
                     << h.stats.walk_seconds * 1000 << " ms");
}
