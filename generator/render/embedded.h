// The default templates and theme assets compiled into kb (cmake/embed.cmake).
//
// Contract: embedded_files() returns a static array ending with a null path;
// paths are relative to the repository root ("templates/note.mustache",
// "assets/style.css"). The data lives for the whole program.
#pragma once

#include <cstddef>

namespace kb::render {

struct EmbeddedFile {
  const char* path;
  const unsigned char* data;
  size_t size;
};

const EmbeddedFile* embedded_files();

}  // namespace kb::render
