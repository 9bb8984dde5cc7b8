#include "core/file.h"

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/test_temp_dir.h"

namespace fs = std::filesystem;
using namespace kb::file;

TEST_CASE("a file written atomically reads back, folders created, no temporary left") {
  kb::testing::TempDir dir("kb-core-file", "roundtrip");
  const fs::path file = dir.path / "a" / "b" / "c.json";
  REQUIRE(write_file_atomically(file, std::string("x\0y", 3)));
  auto back = read_file(file);
  REQUIRE(back);
  CHECK(*back == std::string("x\0y", 3));
  REQUIRE(write_file_atomically(file, "second"));
  CHECK(*read_file(file) == "second");
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path)) files += e.is_regular_file();
  CHECK(files == 1);
}

TEST_CASE("an empty file reads as empty, a missing one as nothing") {
  kb::testing::TempDir dir("kb-core-file", "empty");
  fs::create_directories(dir.path);
  std::ofstream(dir.path / "empty.txt");
  auto empty = read_file(dir.path / "empty.txt");
  REQUIRE(empty);
  CHECK(empty->empty());
  CHECK_FALSE(read_file(dir.path / "missing.txt"));
  CHECK_FALSE(read_file(dir.path));  // a folder is not a file
}

TEST_CASE("a write that cannot happen says so and leaves nothing") {
  kb::testing::TempDir dir("kb-core-file", "blocked");
  fs::create_directories(dir.path);
  std::ofstream(dir.path / "plain") << "a file, not a folder";
  CHECK_FALSE(write_file_atomically(dir.path / "plain" / "x.json", "data"));
}

TEST_CASE("a note is read whole up to a limit, and what cannot be read says why") {
  kb::testing::TempDir tmp("kb-file", "at-most");
  fs::create_directories(tmp.path);
  const std::string bytes(10000, 'x');
  REQUIRE(kb::file::write_file_atomically(tmp.path / "note.md", bytes));
  std::string out, error;
  bool too_big = true;
  CHECK(kb::file::read_file_at_most(tmp.path / "note.md", 10000, out, error, too_big));
  CHECK_FALSE(too_big);
  CHECK(out == bytes);
  CHECK(kb::file::read_file_at_most(tmp.path / "note.md", 9999, out, error, too_big));
  CHECK(too_big);
  CHECK(out.empty());
  REQUIRE(kb::file::write_file_atomically(tmp.path / "empty.md", ""));
  CHECK(kb::file::read_file_at_most(tmp.path / "empty.md", 10, out, error, too_big));
  CHECK((out.empty() && !too_big));
  CHECK_FALSE(kb::file::read_file_at_most(tmp.path / "missing.md", 10, out, error, too_big));
  CHECK(error == std::strerror(ENOENT));
  CHECK_FALSE(kb::file::read_file_at_most(tmp.path, 10, out, error, too_big));  // a folder
  CHECK(error == std::strerror(EISDIR));
}

TEST_CASE("a mapped file reads as its bytes and outlives its replacement") {
  kb::testing::TempDir tmp("kb-file", "mapped");
  fs::create_directories(tmp.path);
  const std::string bytes(100000, 'a');
  REQUIRE(kb::file::write_file_atomically(tmp.path / "cache.bin", bytes));
  auto mapped = kb::file::MappedFile::map(tmp.path / "cache.bin");
  REQUIRE(mapped);
  CHECK(mapped->bytes() == bytes);
  // Replaced as every cache is (a rename): the mapping still shows the old.
  REQUIRE(kb::file::write_file_atomically(tmp.path / "cache.bin", "new"));
  CHECK(mapped->bytes() == bytes);
  CHECK(kb::file::MappedFile::map(tmp.path / "cache.bin")->bytes() == "new");
  REQUIRE(kb::file::write_file_atomically(tmp.path / "empty.bin", ""));
  auto empty = kb::file::MappedFile::map(tmp.path / "empty.bin");
  REQUIRE(empty);
  CHECK(empty->bytes().empty());
  CHECK_FALSE(kb::file::MappedFile::map(tmp.path / "missing.bin"));
  CHECK_FALSE(kb::file::MappedFile::map(tmp.path));  // a folder
}
