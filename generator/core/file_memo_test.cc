#include "core/file_memo.h"

#include <catch2/catch.hpp>

#include <string>

#include "core/test_temp_dir.h"

namespace fs = std::filesystem;
using kb::file::FileMemo;

TEST_CASE("a remembered value comes back while its file is as it was") {
  kb::testing::TempDir dir("kb-core-memo", "remember");
  const fs::path file = dir.path / "list";
  REQUIRE(kb::file::write_file_atomically(file, "one"));
  FileMemo<std::string> memo;
  CHECK_FALSE(memo.get(file));
  memo.remember(file, *kb::file::identify(file), "parsed one");
  CHECK(memo.get(file) == std::optional<std::string>("parsed one"));
  REQUIRE(kb::file::write_file_atomically(file, "two"));  // a new file: another identity
  CHECK_FALSE(memo.get(file));
  bool pending = true;
  CHECK_FALSE(memo.take(file, &pending));
}

TEST_CASE("a held value stands for a file not written yet until written or forgotten") {
  kb::testing::TempDir dir("kb-core-memo", "hold");
  const fs::path file = dir.path / "manifest";
  FileMemo<std::string> memo;
  memo.hold(file, "pending");
  CHECK(memo.get(file) == std::optional<std::string>("pending"));  // no file on disk: still the value
  std::string written;
  CHECK_FALSE(memo.write_pending(file, [&](const std::string&) { return false; }));  // a failed write keeps it pending
  REQUIRE(memo.write_pending(file, [&](const std::string& v) {
    written = v;
    return kb::file::write_file_atomically(file, v);
  }));
  CHECK(written == "pending");
  CHECK(memo.get(file) == std::optional<std::string>("pending"));  // now by the file's identity
  REQUIRE(kb::file::write_file_atomically(file, "changed behind its back"));
  CHECK_FALSE(memo.get(file));
  memo.hold(file, "again");
  bool pending = false;
  CHECK(memo.take(file, &pending) == std::optional<std::string>("again"));
  CHECK(pending);
  CHECK_FALSE(memo.get(file));  // taken: forgotten
  memo.hold(file, "dropped");
  memo.forget(file);
  CHECK_FALSE(memo.get(file));
}
