#include "search/index_update.h"

#include <cstdint>
#include <unordered_map>

namespace kb::search {
namespace {

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(v >> (8 * i));
}
void put_str(std::string& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}
void put_list(std::string& out, const std::vector<std::string>& list) {
  put_u32(out, static_cast<uint32_t>(list.size()));
  for (const auto& s : list) put_str(out, s);
}

struct Reader {
  std::string_view in;
  bool ok = true;
  uint32_t u32() {
    if (in.size() < 4) { ok = false; return 0; }
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << (8 * i);
    in.remove_prefix(4);
    return v;
  }
  std::string str() {
    uint32_t n = u32();
    if (!ok || in.size() < n) { ok = false; return {}; }
    std::string s(in.substr(0, n));
    in.remove_prefix(n);
    return s;
  }
  std::vector<std::string> list() {
    uint32_t n = u32();
    std::vector<std::string> out;
    for (uint32_t i = 0; ok && i < n; ++i) out.push_back(str());
    return out;
  }
};

// A page's words for the spelling data, as a whole build counts them.
std::unordered_map<std::string, uint32_t> words_of(const IndexEntry& entry, const Synonyms& synonyms) {
  DocumentBuilder builder(&synonyms);
  builder.build(entry);
  return builder.word_counts();
}

}  // namespace

std::string serialize_entry(const IndexEntry& e) {
  std::string out;
  out.reserve(e.text.size() + 256);
  put_str(out, e.id);
  put_str(out, e.url);
  put_str(out, e.title);
  put_list(out, e.aliases);
  put_list(out, e.headings);
  put_list(out, e.tags);
  put_str(out, e.domain);
  put_str(out, e.kind);
  put_str(out, e.summary);
  put_u32(out, e.index_summary ? 1 : 0);
  put_str(out, e.breadcrumb);
  put_str(out, e.text);
  return out;
}

bool parse_entry(std::string_view bytes, IndexEntry& e) {
  Reader r{bytes};
  e.id = r.str();
  e.url = r.str();
  e.title = r.str();
  e.aliases = r.list();
  e.headings = r.list();
  e.tags = r.list();
  e.domain = r.str();
  e.kind = r.str();
  e.summary = r.str();
  e.index_summary = r.u32() != 0;
  e.breadcrumb = r.str();
  e.text = r.str();
  return r.ok && r.in.empty();
}

bool update_index(const std::filesystem::path& dir, const Synonyms& synonyms, const std::vector<EntryChange>& changes,
                  std::string& error) {
  try {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
    std::unordered_map<std::string, int64_t> spelling;  // net change per word
    DocumentBuilder builder(&synonyms);
    for (const EntryChange& c : changes) {
      if (c.before)
        for (const auto& [w, n] : words_of(*c.before, synonyms)) spelling[w] -= n;
      if (c.after) {
        for (const auto& [w, n] : words_of(*c.after, synonyms)) spelling[w] += n;
        db.replace_document(c.docid, builder.build(*c.after));
      } else {
        db.delete_document(c.docid);
      }
    }
    for (const auto& [w, n] : spelling) {
      if (n > 0) db.add_spelling(w, static_cast<Xapian::termcount>(n));
      else if (n < 0) db.remove_spelling(w, static_cast<Xapian::termcount>(-n));
    }
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    error = "search index: " + e.get_description();
    return false;
  }
  return true;
}

}  // namespace kb::search
