// FileMemo<T>: what a long-lived process (kb serve --watch) remembers of
// files it wrote or read, each value with the identity (file::identify) the
// file had then, so that it is given back only while the file is as it was:
// no need to read and parse it again. A value may also be held for a file
// not written yet (pending): it stands for the file, whatever is on disk,
// until write_pending() writes it or forget() drops it.
//
// Contract: every member may be called from many threads; nothing throws
// but what T's copy or the callbacks throw.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "core/file.h"

namespace kb::file {

template <class T>
class FileMemo {
 public:
  // The value remembered for `file` (a copy), if the file is as it was then
  // or the value is pending.
  std::optional<T> get(const std::filesystem::path& file) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const Entry* e = current(file);
    return e ? std::optional<T>(e->value) : std::nullopt;
  }
  // The same, moved out and forgotten; `pending` says whether it was pending.
  std::optional<T> take(const std::filesystem::path& file, bool* pending = nullptr) {
    std::lock_guard<std::mutex> lock(mutex_);
    const Entry* e = current(file);
    if (!e) return std::nullopt;
    if (pending) *pending = e->pending;
    std::optional<T> out(std::move(entries_.at(file).value));
    entries_.erase(file);
    return out;
  }
  // `value` is what `file` held when it had identity `id` (read just after
  // that identity was taken, or written just before).
  void remember(const std::filesystem::path& file, const FileId& id, T value) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.insert_or_assign(file, Entry{id, std::move(value), false});
  }
  // `value` stands for `file` until written or forgotten.
  void hold(const std::filesystem::path& file, T value) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.insert_or_assign(file, Entry{std::nullopt, std::move(value), true});
  }
  // A pending value for `file`, if any, given to `write`; when that succeeds
  // the value is remembered with the file's new identity. False when the
  // write failed.
  bool write_pending(const std::filesystem::path& file, const std::function<bool(const T&)>& write) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(file);
    if (it == entries_.end() || !it->second.pending) return true;
    if (!write(it->second.value)) return false;
    it->second.id = identify(file);
    it->second.pending = false;
    return true;
  }
  void forget(const std::filesystem::path& file) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.erase(file);
  }

 private:
  struct Entry {
    std::optional<FileId> id;
    T value;
    bool pending = false;
  };
  const Entry* current(const std::filesystem::path& file) const {
    auto it = entries_.find(file);
    if (it == entries_.end()) return nullptr;
    if (it->second.pending) return &it->second;
    auto id = identify(file);
    return id && it->second.id && *id == *it->second.id ? &it->second : nullptr;
  }
  mutable std::mutex mutex_;
  std::map<std::filesystem::path, Entry> entries_;
};

}  // namespace kb::file
