// A Diagnostic in kb's cache files (core/bytes.h): the parse cache's and the
// link memo's replayed warnings. Header-only.
#pragma once

#include "core/bytes.h"
#include "core/diagnostic.h"

namespace kb {

inline void write_diagnostic(bytes::ByteWriter& w, const Diagnostic& d) {
  w.flag(d.severity == Severity::kError);
  w.str(d.path);
  w.i32(d.line);
  w.i32(d.column);
  w.str(d.message);
  w.str(d.source_line);
  w.i32(d.echo_column);
}

// As written; a short input reads as empty fields (ByteReader::ok() says).
inline Diagnostic read_diagnostic(bytes::ByteReader& r) {
  Diagnostic d;
  d.severity = r.flag() ? Severity::kError : Severity::kWarning;
  d.path = r.str();
  d.line = r.i32();
  d.column = r.i32();
  d.message = r.str();
  d.source_line = r.str();
  d.echo_column = r.i32();
  return d;
}

}  // namespace kb
