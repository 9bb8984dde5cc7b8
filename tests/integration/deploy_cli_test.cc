// `kb deploy` end to end: build, commit the site on gh-pages in a scratch
// repository, push to a bare one; the working tree and HEAD stay as they were.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "run_kb.h"

namespace fs = std::filesystem;
using kb::testing::Run;

namespace {
std::string git(const fs::path& dir, const std::string& args) { return kb::testing::run_git(dir, args); }
}  // namespace

TEST_CASE("kb deploy commits the built site to gh-pages and pushes it") {
  fs::path dir = fs::temp_directory_path() / ("kb-deploy-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "repo/notes");
  fs::path repo = dir / "repo";
  std::ofstream(repo / "notes/a.md") << "# A\n\nSee [[B]].\n";
  std::ofstream(repo / "notes/b.md") << "# B\n\nBack to [[A]].\n";
  std::ofstream(repo / "site.toml") << "title = \"T\"\ndomain = \"notes.example.com\"\n";
  std::ofstream(repo / ".gitignore") << "_site/\n";
  git(repo, "init -q -b main .");
  git(repo, "add -A");
  git(repo, "commit -q -m init");
  std::string head = git(repo, "rev-parse HEAD");
  git(dir, "init -q --bare remote.git");

  Run r = kb::testing::run_kb(repo, "deploy --push --remote '" + (dir / "remote.git").string() + "'");
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("Deployed") != std::string::npos);
  // The branch holds the site, .nojekyll and CNAME, and not the search index.
  std::string tree = git(repo, "ls-tree -r --name-only gh-pages");
  CHECK(tree.find("index.html") != std::string::npos);
  CHECK(tree.find("a.html") != std::string::npos);
  CHECK(tree.find(".nojekyll") != std::string::npos);
  CHECK(tree.find("CNAME") != std::string::npos);
  CHECK(tree.find(".kb-index") == std::string::npos);
  CHECK(git(repo, "show gh-pages:CNAME").find("notes.example.com") != std::string::npos);
  CHECK(git(repo, "log -1 --format=%s gh-pages").find(head.substr(0, 12)) != std::string::npos);
  // Nothing else moved.
  CHECK(git(repo, "rev-parse HEAD") == head);
  CHECK(git(repo, "rev-parse --abbrev-ref HEAD").find("main") == 0);
  CHECK(git(repo, "status --porcelain").empty());
  // The push arrived.
  CHECK(git(dir / "remote.git", "rev-parse gh-pages") == git(repo, "rev-parse gh-pages"));
  // A second deploy of the same site commits nothing, and says so.
  std::string first = git(repo, "rev-parse gh-pages");
  Run same = kb::testing::run_kb(repo, "deploy");
  REQUIRE(same.status == 0);
  CHECK(same.output.find("Site unchanged since the last deploy") != std::string::npos);
  CHECK(git(repo, "rev-parse gh-pages") == first);
  // A dirty tree is refused unless --allow-dirty; a changed site has the last deploy as parent.
  std::ofstream(repo / "notes/c.md") << "# C\n";
  Run dirty = kb::testing::run_kb(repo, "deploy");
  CHECK(dirty.status == 1);
  CHECK(kb::testing::run_kb(repo, "deploy --allow-dirty").status == 0);
  CHECK(git(repo, "rev-parse gh-pages^") == first);
  fs::remove_all(dir);
}

TEST_CASE("kb deploy in a repository that does not ignore _site/ builds the site outside its working tree") {
  fs::path dir = fs::temp_directory_path() / ("kb-deploy-unignored-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "notes");
  std::ofstream(dir / "notes/a.md") << "# A\n";
  git(dir, "init -q -b main .");
  git(dir, "add -A");
  git(dir, "-c user.name=Ada -c user.email=ada@example.org commit -q -m notes");
  Run r = kb::testing::run_kb_env(dir, {{"XDG_CACHE_HOME", (dir.parent_path() / ("kb-deploy-cache-" + std::to_string(::getpid()))).string()}}, "deploy");
  REQUIRE(r.status == 0);
  CHECK(r.output.find("git does not ignore _site/") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "_site"));
  CHECK(git(dir, "status --porcelain").empty());
  CHECK(git(dir, "ls-tree -r --name-only gh-pages").find("index.html") != std::string::npos);
  fs::remove_all(dir);
  fs::remove_all(dir.parent_path() / ("kb-deploy-cache-" + std::to_string(::getpid())));
}

TEST_CASE("pages show their last commit, authors and an edit link, uncommitted notes say so") {
  fs::path dir = fs::temp_directory_path() / ("kb-history-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "notes");
  std::ofstream(dir / "notes/a.md") << "# A\n\nSee [[B]].\n";
  std::ofstream(dir / "site.toml") << "repository = \"https://github.com/me/guide\"\n";
  git(dir, "init -q -b main .");
  git(dir, "add -A");
  git(dir, "-c user.name=Ada commit -q -m a --date=2024-03-05T10:00:00Z");
  git(dir, "mv notes/a.md notes/a-renamed.md");
  git(dir, "commit -q -m rename");
  std::ofstream(dir / "notes/b.md") << "# B\n\nBack to [[A]].\n";
  Run r = kb::testing::run_kb(dir, "build -q --out out");
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::string a = kb::testing::slurp(dir / "out/a-renamed.html");
  CHECK(a.find("Last updated <time") != std::string::npos);
  CHECK(a.find("https://github.com/me/guide/edit/main/notes/a-renamed.md") != std::string::npos);
  std::string b = kb::testing::slurp(dir / "out/b.html");
  CHECK(b.find("Not committed yet") != std::string::npos);
  fs::remove_all(dir);
}
