#include "links/link_memo.h"

#include <functional>

#include "core/bytes.h"
#include "core/diagnostic_bytes.h"
#include "core/key_hasher.h"

namespace kb {

using bytes::ByteReader;
using bytes::ByteWriter;

namespace {

constexpr uint32_t kMagic = 0x4B424C4D;  // "KBLM"

uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

uint64_t names_key(const Corpus& corpus, uint64_t outer) {
  ByteWriter w;
  w.u64(outer);
  w.var(corpus.pages.size());
  for (const Page& p : corpus.pages) {
    w.str(p.source);
    w.str(p.file.native());
    w.str(p.folder);
    w.str(p.stem);
    w.flag(p.is_index);
    w.str(p.title);
    w.strs(p.meta.aliases);
  }
  w.var(corpus.files.size());
  for (const StaticFile& f : corpus.files) {
    w.str(f.source);
    w.str(f.file.native());
  }
  w.var(corpus.unpublished.size());
  for (const Unpublished& u : corpus.unpublished) {
    w.str(u.source);
    w.str(u.file.native());
    w.str(u.folder);
    w.str(u.stem);
    w.str(u.title);
    w.strs(u.aliases);
    w.str(u.reason);
  }
  return hash_of(w.bytes());
}

uint64_t page_digest(const Page& p) {
  KeyHasher h;
  // The text as read: the body, and so each link's line and a diagnostic's
  // echo of it. (Without a hash from the loader, the body itself.)
  h.add(p.source_hash != 0 ? p.source_hash : hash_of(p.body));
  h.add(static_cast<uint64_t>(p.body_line)).add(p.source).add(p.file.native()).add(p.folder);
  h.add(static_cast<uint64_t>(p.links.size()));
  for (const auto& l : p.links)
    h.add(static_cast<uint64_t>(l.kind)).add(l.target).add(l.fragment).add(static_cast<uint64_t>(l.line)).add(
        static_cast<uint64_t>(l.column));
  h.add(static_cast<uint64_t>(p.headings.size()));
  for (const auto& x : p.headings) h.add(static_cast<uint64_t>(x.level)).add(x.text).add(x.id);
  h.add(static_cast<uint64_t>(p.block_ids.size()));
  for (const auto& b : p.block_ids) h.add(b.id).add(b.duplicate);
  return h.value();
}

std::string LinkMemo::serialize() const {
  ByteWriter w;
  w.u32(kMagic);
  w.u64(key);
  w.u32(static_cast<uint32_t>(pages.size()));
  for (const PageLinks& p : pages) {
    w.u64(p.digest);
    w.u32(p.broken);
    w.var(p.resolutions.size());
    for (const Resolution& r : p.resolutions) {
      w.var(static_cast<uint64_t>(r.status));
      w.var(r.index);
      w.flag(!r.fragment.empty());  // most links have none
      if (!r.fragment.empty()) w.str(r.fragment);
    }
    w.var(p.diags.size());
    for (const Diagnostic& d : p.diags) write_diagnostic(w, d);
  }
  return std::move(w.bytes());
}

std::optional<LinkMemo> LinkMemo::parse(std::string_view in) {
  ByteReader r(in);
  LinkMemo m;
  if (r.u32() != kMagic) return std::nullopt;
  m.key = r.u64();
  m.pages.resize(r.count(14));
  for (PageLinks& p : m.pages) {
    p.digest = r.u64();
    p.broken = r.u32();
    const uint64_t links = r.var();
    if (!r.ok() || links > in.size()) return std::nullopt;
    p.resolutions.resize(links);
    for (Resolution& res : p.resolutions) {
      const uint64_t status = r.var();
      if (status > static_cast<uint64_t>(Resolution::Status::kUnpublished)) return std::nullopt;
      res.status = static_cast<Resolution::Status>(status);
      res.index = r.var();
      if (r.flag()) res.fragment = r.str();
    }
    const uint64_t diags = r.var();
    if (!r.ok() || diags > in.size()) return std::nullopt;
    p.diags.resize(diags);
    for (Diagnostic& d : p.diags) d = read_diagnostic(r);
    if (!r.ok()) return std::nullopt;
  }
  if (!r.ok() || !r.done()) return std::nullopt;
  return m;
}

}  // namespace kb
