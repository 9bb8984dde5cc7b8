// A fresh folder under the system temp dir for one test, removed after it.
// Test-only (header-only, included by *_test.cc files).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace kb::testing {

struct TempDir {
  std::filesystem::path path;
  // `prefix` names the test program ("kb-demo"); `name` the test. The pid
  // keeps parallel runs apart. The folder starts empty and does not exist
  // yet: a test creates what it needs.
  TempDir(const std::string& prefix, const std::string& name)
      : path(std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()) + "-" + name)) {
    std::filesystem::remove_all(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace kb::testing
