// Result<T>: what every kernel returns instead of throwing.
//
// Contract: a Result holds either a value or an error message, never both.
// Kernels check their input first and fail with a message that names the
// offending input and what was expected ("k (7) is larger than the number of
// points (5)"); they never throw across the API and never crash on bad input.
// Thread safety: plain data.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace kb::kernels {

// The failure half of a Result; made with fail("...") so a function returning
// Result<T> can `return fail("why");` whatever T is.
struct Failure {
  std::string message;
};

inline Failure fail(std::string message) { return Failure{std::move(message)}; }

template <class T>
struct Result {
  std::optional<T> value;  // set on success
  std::string error;       // set on failure (never empty then)

  Result(T v) : value(std::move(v)) {}  // NOLINT: implicit on purpose
  Result(Failure f)                     // NOLINT: implicit on purpose
      : error(f.message.empty() ? std::string("unknown error") : std::move(f.message)) {}

  bool ok() const { return value.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& operator*() const& { return *value; }
  T& operator*() & { return *value; }
  T&& operator*() && { return std::move(*value); }
  const T* operator->() const { return &*value; }
  T* operator->() { return &*value; }
};

}  // namespace kb::kernels
