// Result<T>: what the git and deploy modules return instead of throwing.
//
// Contract: a Result holds either a value or an error message, never both; the
// message says what failed and, where we know, what to do about it ("the
// working tree has uncommitted changes (notes/a.md); commit them or pass
// --allow-dirty"). Nothing in these modules throws across its API (libgit2
// reports failures through return codes, which become messages here).
// Thread safety: plain data.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace kb::git {

// The failure half of a Result, so `return fail("why");` works whatever T is.
struct Failure {
  std::string message;
};

inline Failure fail(std::string message) { return Failure{std::move(message)}; }

template <class T>
class Result {
 public:
  Result(T v) : value_(std::move(v)) {}  // NOLINT: implicit on purpose
  Result(Failure f)                      // NOLINT: implicit on purpose
      : error_(f.message.empty() ? std::string("unknown error") : std::move(f.message)) {}

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  // The message of a failed Result; empty on success.
  const std::string& error() const { return error_; }

  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

 private:
  std::optional<T> value_;
  std::string error_;
};

}  // namespace kb::git
