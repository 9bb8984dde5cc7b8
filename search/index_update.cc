#include "search/index_update.h"

#include <cstdint>
#include <unordered_map>

#include "core/bytes.h"
#include "search/schema.h"

namespace kb::search {
namespace {

// A page's words for the spelling data, as a whole build counts them.
std::unordered_map<std::string, uint32_t> words_of(const IndexEntry& entry, const Synonyms& synonyms) {
  DocumentBuilder builder(&synonyms);
  builder.terms(entry);  // counts the words; no document needed
  return builder.word_counts();
}

}  // namespace

std::string serialize_entry(const IndexEntry& e) {
  bytes::ByteWriter w;
  w.bytes().reserve(e.text.size() + 256);
  w.str(e.id);
  w.str(e.url);
  w.str(e.title);
  w.strs(e.aliases);
  w.strs(e.headings);
  w.strs(e.tags);
  w.str(e.domain);
  w.strs(e.exams);
  w.str(e.kind);
  w.str(e.summary);
  w.flag(e.index_summary);
  w.str(e.breadcrumb);
  w.str(e.text);
  return std::move(w.bytes());
}

bool parse_entry(std::string_view in, IndexEntry& e) {
  bytes::ByteReader r(in);
  e.id = r.str();
  e.url = r.str();
  e.title = r.str();
  e.aliases = r.strs();
  e.headings = r.strs();
  e.tags = r.strs();
  e.domain = r.str();
  e.exams = r.strs();
  e.kind = r.str();
  e.summary = r.str();
  e.index_summary = r.flag();
  e.breadcrumb = r.str();
  e.text = r.str();
  return r.ok() && r.done();
}

bool update_index(const std::filesystem::path& dir, const Synonyms& synonyms, const std::vector<EntryChange>& changes,
                  const std::vector<std::pair<std::string, std::string>>& metadata, std::string& error) {
  try {
    // No fsync, as for a full build's: the database is made from the notes again
    // when it is missing or behind (search/site_search.h).
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    std::unordered_map<std::string, int64_t> spelling;  // net change per word
    DocumentBuilder builder(&synonyms);
    for (const EntryChange& c : changes) {
      if (c.before)
        for (const auto& [w, n] : words_of(*c.before, synonyms)) spelling[w] -= n;
      if (c.after) {
        for (const auto& [w, n] : words_of(*c.after, synonyms)) spelling[w] += n;
        db.replace_document(kPrefixId + c.after->id, builder.build(*c.after));
        if (c.before && c.before->id != c.after->id) db.delete_document(kPrefixId + c.before->id);
      } else if (c.before) {
        db.delete_document(kPrefixId + c.before->id);
      }
    }
    for (const auto& [w, n] : spelling) {
      if (n > 0) db.add_spelling(w, static_cast<Xapian::termcount>(n));
      else if (n < 0) db.remove_spelling(w, static_cast<Xapian::termcount>(-n));
    }
    for (const auto& [key, value] : metadata) db.set_metadata(key, value);
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    error = "search index: " + e.get_description();
    return false;
  }
  return true;
}

}  // namespace kb::search
