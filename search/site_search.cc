#include "search/site_search.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>

#include <tbb/parallel_for.h>
#include <xapian.h>

#include "core/by_position.h"
#include "core/bytes.h"
#include "core/file.h"
#include "core/file_memo.h"
#include "search/indexer.h"
#include "search/schema.h"

namespace kb::search {
namespace fs = std::filesystem;
namespace {

constexpr char kMagic[] = "kb-pages-1";
constexpr char kStampKey[] = "kb:pages";

// One writer at a time in a site's .kb-index (a sync, a build's update).
class DirLock {
 public:
  explicit DirLock(const fs::path& dir) {
    fd_ = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

std::string serialize(const PageList& list) {
  bytes::ByteWriter w;
  w.str(kMagic);
  w.u32(static_cast<uint32_t>(list.synonyms.groups.size()));
  for (const auto& g : list.synonyms.groups) {
    w.str(g.id);
    w.strs(g.phrases);
  }
  w.u32(static_cast<uint32_t>(list.pages.size()));
  for (const auto& p : list.pages) {
    w.str(p.id);
    w.u64(p.at);
    w.u64(p.size);
    w.u64(p.hash);
  }
  return std::move(w.bytes());
}

std::string stamp_of_db(const fs::path& db) {
  try {
    return Xapian::Database(db.string()).get_metadata(kStampKey);
  } catch (const Xapian::Error&) {
    return "";
  }
}

// The stamp of the page list in `dir`, remembered by its file's identity
// (pages.idx is always replaced whole, so a new list is a new file): a
// server asks on every search, and a list of 10,000 pages is ~400 KB to
// read and hash. Empty when there is no readable list.
std::string list_stamp(const fs::path& dir) {
  const fs::path file = dir / "pages.idx";
  static file::FileMemo<std::string> stamps;
  auto id = file::identify(file);
  if (!id) return "";
  if (auto stamp = stamps.get(file)) return *stamp;
  auto list = read_pages(dir);
  if (!list) return "";
  std::string stamp = pages_stamp(*list);
  stamps.remember(file, *id, stamp);
  return stamp;
}

bool write_list(const fs::path& dir, const PageList& list, std::string& error) {
  if (!file::write_file_atomically(dir / "pages.idx", serialize(list))) {
    error = "cannot write " + (dir / "pages.idx").string();
    return false;
  }
  return true;
}

}  // namespace

uint64_t entry_hash(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

std::string pages_stamp(const PageList& list) {
  bytes::ByteWriter w;
  w.str(kSchemaVersion);  // a database laid out by another kb is made again
  for (const auto& g : list.synonyms.groups) {
    w.str(g.id);
    w.strs(g.phrases);
  }
  for (const auto& p : list.pages) {
    w.str(p.id);
    w.u64(p.hash);
  }
  char out[64];
  std::snprintf(out, sizeof out, "%zu-%016llx", list.pages.size(),
                static_cast<unsigned long long>(entry_hash(w.bytes())));
  return out;
}

bool write_pages(const fs::path& dir, const Synonyms& synonyms, const std::vector<std::string>& ids,
                 const std::vector<std::string>& entries, std::string& error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  PageList list;
  list.synonyms = synonyms;
  fs::path tmp = dir / "pages.bin.new";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    uint64_t at = 0;
    for (size_t i = 0; i < ids.size() && out; ++i) {
      out.write(entries[i].data(), static_cast<std::streamsize>(entries[i].size()));
      list.pages.push_back({ids[i], at, entries[i].size(), entry_hash(entries[i])});
      at += entries[i].size();
    }
    out.close();
    if (!out) {
      error = "cannot write " + tmp.string();
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, dir / "pages.bin", ec);
  if (ec) {
    error = "cannot write " + (dir / "pages.bin").string() + ": " + ec.message();
    return false;
  }
  return write_list(dir, list, error);
}

PageList next_pages(const PageList& previous, const Synonyms& synonyms, const std::vector<std::string>& ids,
                    const std::vector<const std::string*>& fresh) {
  ByPosition<PageRecord, &PageRecord::id> before(previous.pages);
  PageList next;
  next.synonyms = synonyms;
  next.pages.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (fresh[i]) {
      next.pages.push_back({ids[i], 0, fresh[i]->size(), entry_hash(*fresh[i])});
    } else if (const PageRecord* was = before.find(i, ids[i])) {
      next.pages.push_back(*was);
    } else {
      next.pages.push_back({ids[i], 0, 0, 0});  // append_pages() refuses this
    }
  }
  return next;
}

bool append_pages(const fs::path& dir, const PageList& previous, const Synonyms& synonyms,
                  const std::vector<std::string>& ids, const std::vector<const std::string*>& fresh,
                  PageList& written, std::string& error) {
  DirLock lock(dir);
  PageList next = next_pages(previous, synonyms, ids, fresh);
  uint64_t live = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!fresh[i] && next.pages[i].hash == 0 && next.pages[i].size == 0) {
      error = "search index: " + ids[i] + " has no entry in " + (dir / "pages.idx").string() +
              "; run kb build --no-cache";
      return false;
    }
    live += next.pages[i].size;
  }
  std::error_code ec;
  uint64_t size = fs::file_size(dir / "pages.bin", ec);
  if (ec) size = 0;
  uint64_t added = 0;
  for (const auto* f : fresh)
    if (f) added += f->size();
  // Compact when most of the file would be entries no page uses.
  if (size + added > 2 * live + (1u << 20)) {
    std::vector<std::string> entries(ids.size());
    std::ifstream in(dir / "pages.bin", std::ios::binary);
    for (size_t i = 0; i < ids.size(); ++i) {
      if (fresh[i]) {
        entries[i] = *fresh[i];
        continue;
      }
      entries[i].resize(next.pages[i].size);
      in.seekg(static_cast<std::streamoff>(next.pages[i].at));
      in.read(entries[i].data(), static_cast<std::streamsize>(entries[i].size()));
      if (!in || entry_hash(entries[i]) != next.pages[i].hash) {
        error = "search index: the entry of " + ids[i] + " in " + (dir / "pages.bin").string() +
                " is damaged; run kb build --no-cache";
        return false;
      }
    }
    if (!write_pages(dir, synonyms, ids, entries, error)) return false;
    auto list = read_pages(dir);
    if (!list) {
      error = "cannot read back " + (dir / "pages.idx").string();
      return false;
    }
    written = std::move(*list);
    return true;
  }
  {
    std::ofstream out(dir / "pages.bin", std::ios::binary | std::ios::app);
    uint64_t at = size;
    for (size_t i = 0; i < ids.size() && out; ++i) {
      if (!fresh[i]) continue;
      out.write(fresh[i]->data(), static_cast<std::streamsize>(fresh[i]->size()));
      next.pages[i].at = at;
      at += fresh[i]->size();
    }
    out.close();
    if (!out) {
      error = "cannot write " + (dir / "pages.bin").string();
      return false;
    }
  }
  if (!write_list(dir, next, error)) return false;
  written = std::move(next);
  return true;
}

std::optional<PageList> read_pages(const fs::path& dir) {
  auto bytes = file::read_file(dir / "pages.idx");
  if (!bytes) return std::nullopt;
  bytes::ByteReader r(*bytes);
  if (r.str() != kMagic) return std::nullopt;
  PageList list;
  uint32_t groups = r.count(8);
  for (uint32_t g = 0; g < groups && r.ok(); ++g) {
    SynonymGroup group;
    group.id = r.str();
    group.phrases = r.strs();
    list.synonyms.groups.push_back(std::move(group));
  }
  uint32_t n = r.count(28);
  list.pages.reserve(n);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    PageRecord p;
    p.id = r.str();
    p.at = r.u64();
    p.size = r.u64();
    p.hash = r.u64();
    list.pages.push_back(std::move(p));
  }
  if (!r.ok() || !r.done()) return std::nullopt;
  return list;
}

std::optional<IndexEntry> read_entry(const fs::path& dir, const PageRecord& record) {
  std::ifstream in(dir / "pages.bin", std::ios::binary);
  std::string bytes(record.size, '\0');
  in.seekg(static_cast<std::streamoff>(record.at));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  IndexEntry e;
  if (!in || entry_hash(bytes) != record.hash || !parse_entry(bytes, e)) return std::nullopt;
  return e;
}

bool sync_database(const fs::path& dir, std::string& error, bool* rebuilt) {
  if (rebuilt) *rebuilt = false;
  const fs::path db = dir / "db";
  std::string stamp = list_stamp(dir);
  if (stamp.empty()) {
    error = "no search index in " + dir.string() + " (run kb build)";
    return false;
  }
  if (stamp_of_db(db) == stamp) return true;
  DirLock lock(dir);
  if (!lock.ok()) {
    error = "cannot lock " + (dir / "lock").string();
    return false;
  }
  auto list = read_pages(dir);  // as it is now that nobody else writes
  if (!list) {
    error = "no search index in " + dir.string() + " (run kb build)";
    return false;
  }
  stamp = pages_stamp(*list);
  if (stamp_of_db(db) == stamp) return true;

  auto log = file::read_file(dir / "pages.bin");
  if (!log) {
    error = "cannot read " + (dir / "pages.bin").string() + " (run kb build)";
    return false;
  }
  fs::path fresh = dir / "db.new";
  auto writer = IndexWriter::create(fresh, list->synonyms, error, list->pages.size());
  if (!writer) return false;
  std::atomic<bool> damaged{false};
  tbb::parallel_for(size_t(0), list->pages.size(), [&](size_t i) {
    const PageRecord& p = list->pages[i];
    IndexEntry e;
    std::string_view bytes = p.at + p.size <= log->size() ? std::string_view(*log).substr(p.at, p.size) : "";
    if (bytes.size() != p.size || entry_hash(bytes) != p.hash || !parse_entry(bytes, e)) {
      damaged = true;
      return;
    }
    writer->add(e, static_cast<Xapian::docid>(i + 1));
  });
  if (damaged) {
    error = "search index: " + (dir / "pages.bin").string() + " is damaged; run kb build --no-cache";
    return false;
  }
  if (!writer->finish(error)) return false;
  try {
    Xapian::WritableDatabase w(fresh.string(), Xapian::DB_OPEN);
    w.set_metadata(kStampKey, stamp);
    w.commit();
  } catch (const Xapian::Error& e) {
    error = "search index: " + e.get_description();
    return false;
  }
  std::error_code ec;
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, db.c_str(), RENAME_EXCHANGE) != 0) {
    fs::remove_all(db, ec);
    fs::rename(fresh, db, ec);
    if (ec) {
      error = "search index: cannot move the new database into " + db.string() + ": " + ec.message();
      return false;
    }
  }
  fs::remove_all(fresh, ec);  // the old one, after the exchange
  if (rebuilt) *rebuilt = true;
  return true;
}

bool database_is_current(const fs::path& dir) {
  std::string stamp = list_stamp(dir);
  return !stamp.empty() && stamp_of_db(dir / "db") == stamp;
}

bool update_database(const fs::path& dir, const PageList& previous, const PageList& next,
                     const std::vector<EntryChange>& changes, std::string& error) {
  const fs::path db = dir / "db";
  std::error_code ec;
  if (!fs::exists(db, ec)) return false;
  DirLock lock(dir);
  const std::string before = pages_stamp(previous), after = pages_stamp(next);
  if (!lock.ok() || stamp_of_db(db) != before || previous.synonyms.groups != next.synonyms.groups) return false;
  if (after == before) return true;
  return update_index(db, next.synonyms, changes, {{kStampKey, after}}, error);
}

std::unique_ptr<Searcher> open_site_search(const fs::path& dir, std::string& error) {
  if (!sync_database(dir, error)) return nullptr;
  return Searcher::open(dir / "db", error);
}

}  // namespace kb::search
