#include "content/parse_cache.h"

#include <algorithm>

#include "core/bytes.h"
#include "core/diagnostic_bytes.h"
#include "core/file.h"

namespace kb::content {
namespace fs = std::filesystem;
using bytes::ByteReader;
using bytes::ByteWriter;

namespace {

constexpr uint32_t kMagic = 0x6b627031;  // "kbp1"

void write_meta(ByteWriter& w, const FrontMatter& m) {
  w.flag(m.title.has_value());
  if (m.title) w.str(*m.title);
  w.strs(m.aliases);
  w.strs(m.tags);
  w.str(m.domain);
  w.u32(static_cast<uint32_t>(m.exams.size()));
  for (const auto& [exam, domain] : m.exams) w.str(exam), w.str(domain);
  w.str(m.kind);
  w.str(m.summary);
  w.flag(m.order.has_value());
  if (m.order) w.f64(*m.order);
  w.flag(m.draft);
  w.flag(m.publish);
  w.str(m.extra.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  w.u32(static_cast<uint32_t>(m.key_lines.size()));
  for (const auto& [k, line] : m.key_lines) w.str(k), w.i32(line);
  w.u32(static_cast<uint32_t>(m.places.size()));
  for (const auto& [k, p] : m.places) w.str(k), w.i32(p.line), w.i32(p.column), w.i32(p.value_line), w.i32(p.value_column);
}

void read_meta(ByteReader& r, FrontMatter& m) {
  if (r.flag()) m.title = r.str();
  m.aliases = r.strs();
  m.tags = r.strs();
  m.domain = r.str();
  for (uint32_t n = r.count(8); n-- > 0;) {
    std::string exam = r.str();
    m.exams[exam] = r.str();
  }
  m.kind = r.str();
  m.summary = r.str();
  if (r.flag()) m.order = r.f64();
  m.draft = r.flag();
  m.publish = r.flag();
  std::string_view extra = r.view();
  if (extra == "{}") {  // nearly every note: no parse
    m.extra = nlohmann::json::object();
  } else {
    m.extra = nlohmann::json::parse(extra, nullptr, false);
    if (m.extra.is_discarded()) m.extra = nlohmann::json::object();
  }
  for (uint32_t n = r.count(8); n-- > 0;) {
    std::string k = r.str();
    m.key_lines[k] = r.i32();
  }
  for (uint32_t n = r.count(20); n-- > 0;) {
    std::string k = r.str();
    FrontMatter::Place& p = m.places[k];
    p.line = r.i32();
    p.column = r.i32();
    p.value_line = r.i32();
    p.value_column = r.i32();
  }
}

// A quiz as parsed (its resolved exams are not kept: content/exam_map.h).
void write_quiz(ByteWriter& w, const Quiz& q) {
  w.u64(q.block);
  w.i32(q.line);
  w.str(q.id);
  w.str(q.question);
  w.u32(static_cast<uint32_t>(q.options.size()));
  for (const auto& o : q.options) w.str(o);
  w.u32(static_cast<uint32_t>(q.answers.size()));
  for (int a : q.answers) w.i32(a);
  w.str(q.explanation);
  w.u32(static_cast<uint32_t>(q.links.size()));
  for (const auto& l : q.links) w.str(l.target), w.str(l.fragment), w.i32(l.line), w.i32(l.column);
  w.str(q.domain);
  w.i32(q.domain_line);
  w.i32(q.domain_column);
  w.u32(static_cast<uint32_t>(q.exams_written.size()));
  for (const auto& [exam, domain] : q.exams_written) {
    auto place = q.exam_places.find(exam);
    w.str(exam), w.str(domain);
    w.i32(place == q.exam_places.end() ? 0 : place->second.first);
    w.i32(place == q.exam_places.end() ? 0 : place->second.second);
  }
}

Quiz read_quiz(ByteReader& r) {
  Quiz q;
  q.block = r.u64();
  q.line = r.i32();
  q.id = r.str();
  q.question = r.str();
  for (uint32_t k = r.count(4); k-- > 0;) q.options.push_back(r.str());
  for (uint32_t k = r.count(4); k-- > 0;) q.answers.push_back(r.i32());
  q.explanation = r.str();
  for (uint32_t k = r.count(16); k-- > 0;) {
    QuizLink l;
    l.target = r.str();
    l.fragment = r.str();
    l.line = r.i32();
    l.column = r.i32();
    q.links.push_back(std::move(l));
  }
  q.domain = r.str();
  q.domain_line = r.i32();
  q.domain_column = r.i32();
  for (uint32_t k = r.count(16); k-- > 0;) {
    std::string exam = r.str();
    q.exams_written[exam] = r.str();
    int line = r.i32();
    q.exam_places[exam] = {line, r.i32()};
  }
  return q;
}

std::string serialize(const ParsedNote& n, const std::vector<Diagnostic>& diags) {
  ByteWriter w;
  const Page& p = n.page;
  w.str(p.folder);
  w.str(p.stem);
  w.str(p.url);
  w.flag(p.is_index);
  write_meta(w, p.meta);
  w.i32(p.body_line);
  w.u64(p.body.size());
  w.u32(static_cast<uint32_t>(p.headings.size()));
  for (const auto& h : p.headings) w.i32(h.level), w.str(h.text), w.str(h.id), w.i32(h.line);
  w.u32(static_cast<uint32_t>(p.links.size()));
  for (const auto& l : p.links) {
    w.i32(static_cast<int>(l.kind));
    w.str(l.target), w.str(l.fragment), w.str(l.label);
    w.i32(l.line), w.i32(l.column), w.i32(l.width), w.i32(l.height);
    w.flag(l.alone);
  }
  w.u32(static_cast<uint32_t>(p.formulas.size()));
  for (const auto& f : p.formulas) w.str(f.latex), w.flag(f.display), w.i32(f.line), w.i32(f.column);
  w.u32(static_cast<uint32_t>(p.blocks.size()));
  for (const auto& d : p.blocks)
    w.str(d.source), w.i32(d.line), w.i32(d.column), w.flag(d.kind == markdown::FencedBlock::Kind::kQuiz);
  w.u32(static_cast<uint32_t>(p.block_ids.size()));
  for (const auto& b : p.block_ids) w.str(b.id), w.i32(b.line), w.flag(b.duplicate);
  w.u32(static_cast<uint32_t>(p.code_blocks.size()));
  for (const auto& c : p.code_blocks) w.str(c.language), w.str(c.source), w.i32(c.line);
  w.flag(p.has_diagrams);
  w.flag(p.card_note);
  w.u32(static_cast<uint32_t>(p.quizzes.size()));
  for (const auto& q : p.quizzes) write_quiz(w, q);
  w.str(n.h1);
  w.u64(n.h1_count);
  w.flag(n.wikilinks);
  w.u64(n.words);
  w.u64(n.words_after_h1);
  w.str(n.excerpt);
  w.u32(static_cast<uint32_t>(diags.size()));
  for (const auto& d : diags) write_diagnostic(w, d);
  return std::move(w.bytes());
}

// `n` elements are about to be added to `v` (a count read from the record,
// checked against its size): one allocation, not log2(n) growths.
template <typename T>
uint32_t reserve(std::vector<T>& v, uint32_t n) {
  v.reserve(v.size() + n);
  return n;
}

// The page's body is the last `body_size` bytes of the note's text (set by
// the caller, who owns the text).
bool deserialize(std::string_view in, size_t text_size, ParsedNote& n, std::vector<Diagnostic>& diags,
                 size_t& body_size) {
  ByteReader r(in);
  Page& p = n.page;
  p.folder = r.str();
  p.stem = r.str();
  p.url = r.str();
  p.is_index = r.flag();
  read_meta(r, p.meta);
  p.body_line = r.i32();
  body_size = r.u64();
  if (body_size > text_size) return false;
  for (uint32_t k = reserve(p.headings, r.count(16)); k-- > 0;) {
    markdown::Heading h;
    h.level = r.i32();
    h.text = r.str();
    h.id = r.str();
    h.line = r.i32();
    p.headings.push_back(std::move(h));
  }
  for (uint32_t k = reserve(p.links, r.count(33)); k-- > 0;) {
    markdown::LinkRef l;
    l.kind = static_cast<markdown::LinkKind>(r.i32());
    l.target = r.str();
    l.fragment = r.str();
    l.label = r.str();
    l.line = r.i32();
    l.column = r.i32();
    l.width = r.i32();
    l.height = r.i32();
    l.alone = r.flag();
    p.links.push_back(std::move(l));
  }
  for (uint32_t k = reserve(p.formulas, r.count(13)); k-- > 0;) {
    markdown::Formula f;
    f.latex = r.str();
    f.display = r.flag();
    f.line = r.i32();
    f.column = r.i32();
    p.formulas.push_back(std::move(f));
  }
  for (uint32_t k = reserve(p.blocks, r.count(13)); k-- > 0;) {
    markdown::FencedBlock d;
    d.source = r.str();
    d.line = r.i32();
    d.column = r.i32();
    d.kind = r.flag() ? markdown::FencedBlock::Kind::kQuiz : markdown::FencedBlock::Kind::kDemo;
    p.blocks.push_back(std::move(d));
  }
  for (uint32_t k = reserve(p.block_ids, r.count(9)); k-- > 0;) {
    markdown::BlockId b;
    b.id = r.str();
    b.line = r.i32();
    b.duplicate = r.flag();
    p.block_ids.push_back(std::move(b));
  }
  for (uint32_t k = reserve(p.code_blocks, r.count(12)); k-- > 0;) {
    markdown::CodeBlock c;
    c.language = r.str();
    c.source = r.str();
    c.line = r.i32();
    p.code_blocks.push_back(std::move(c));
  }
  p.has_diagrams = r.flag();
  p.card_note = r.flag();
  for (uint32_t k = reserve(p.quizzes, r.count(40)); k-- > 0;) p.quizzes.push_back(read_quiz(r));
  n.h1 = r.str();
  n.h1_count = r.u64();
  n.wikilinks = r.flag();
  n.words = r.u64();
  n.words_after_h1 = r.u64();
  n.excerpt = r.str();
  for (uint32_t k = reserve(diags, r.count(21)); k-- > 0;) diags.push_back(read_diagnostic(r));
  return r.ok() && r.done();
}

}  // namespace

ParseCache::ParseCache(ParseCache&& other) noexcept
    : key_(other.key_), records_(std::move(other.records_)), used_(std::move(other.used_)),
      all_held_used_(other.all_held_used_),
      added_(std::move(other.added_)), hits_(other.hits_), misses_(other.misses_), memory_(other.memory_),
      held_(std::move(other.held_)), held_new_(std::move(other.held_new_)), file_(std::move(other.file_)),
      file_bytes_(std::move(other.file_bytes_)) {}

bool ParseCache::find_held(const std::string& source, const FileId& id, ParsedNote& note,
                           std::vector<Diagnostic>& diags) const {
  if (!memory_) return false;
  auto it = held_.find(source);
  if (it == held_.end() || !(it->second.id == id)) return false;
  note = it->second.note;
  diags = it->second.diags;
  std::lock_guard<std::mutex> lock(mutex_);
  used_.insert(source);
  ++hits_;
  return true;
}

void ParseCache::hold(const std::string& source, const FileId& id, const ParsedNote& note,
                      const std::vector<Diagnostic>& diags) {
  if (!memory_) return;
  Held h{id, note, diags};
  h.note.page.prerendered.reset();  // a note rendered again is parsed again
  std::lock_guard<std::mutex> lock(mutex_);
  held_new_[source] = std::move(h);
}

bool ParseCache::held(const std::string& source, const ParsedNote*& note,
                      const std::vector<Diagnostic>*& diags) const {
  auto it = held_.find(source);
  if (!memory_ || it == held_.end()) return false;
  note = &it->second.note;
  diags = &it->second.diags;
  return true;
}

void ParseCache::keep_held() {
  std::lock_guard<std::mutex> lock(mutex_);
  all_held_used_ = true;  // not 10,000 strings copied into used_ per build
}

bool ParseCache::is_used(const std::string& source) const {
  return used_.count(source) || (all_held_used_ && held_.count(source));
}

std::vector<std::string_view> ParseCache::used_sources() const {
  std::vector<std::string_view> out(used_.begin(), used_.end());
  if (all_held_used_)
    for (const auto& [source, h] : held_)
      if (!used_.count(source)) out.push_back(source);
  return out;
}

void ParseCache::reset(uint64_t key) {
  key_ = key;
  file_.clear();
  records_.clear();
  added_.clear();
  used_.clear();
  all_held_used_ = false;
  file_bytes_.reset();
  held_.clear();
  held_new_.clear();
}

namespace {

// Moves every entry of `from` into `to`, over an entry of the same key, by
// its node: nothing is copied or allocated (after a first build of 10,000
// notes, copying them was 74 ms of the next edit's).
template <class To, class From>
void move_over(To& to, From& from) {
  while (!from.empty()) {
    auto placed = to.insert(from.extract(from.begin()));
    if (!placed.inserted) placed.position->second = std::move(placed.node.mapped());
  }
}

}  // namespace

void ParseCache::begin_build() {
  move_over(records_, added_);
  move_over(held_, held_new_);
  // What no build uses any more (a deleted note) is dropped.
  if (!all_held_used_)
    for (auto it = held_.begin(); it != held_.end();) it = used_.count(it->first) ? std::next(it) : held_.erase(it);
  used_.clear();
  all_held_used_ = false;
  hits_ = 0;
  misses_ = 0;
}

ParseCache ParseCache::load(const fs::path& file, uint64_t key) {
  ParseCache cache;
  cache.reload(file, key);
  return cache;
}

void ParseCache::reload(const fs::path& file, uint64_t key) {
  reset(key);
  file_ = file;
  if (file.empty()) return;
  file_bytes_ = file::MappedFile::map(file);
  if (!file_bytes_) return;
  ByteReader r(file_bytes_->bytes());
  if (r.u32() != kMagic || r.u64() != key) return;
  uint32_t n = r.count(16);
  records_.reserve(n);
  while (n-- > 0 && r.ok()) {
    std::string source = r.str();
    Record rec;
    rec.hash = r.u64();
    rec.view = r.view();
    if (r.ok()) records_.emplace(std::move(source), std::move(rec));
  }
  if (!r.ok()) records_.clear();  // damaged: start over
}

bool ParseCache::find(const std::string& source, uint64_t hash, std::string& text, ParsedNote& note,
                      std::vector<Diagnostic>& diags) const {
  auto it = records_.find(source);
  if (it == records_.end() || it->second.hash != hash) return false;
  ParsedNote n;
  std::vector<Diagnostic> d;
  size_t body = 0;
  if (!deserialize(it->second.bytes(), text.size(), n, d, body)) return false;
  text.erase(0, text.size() - body);  // the front matter
  n.page.body = std::move(text);
  text.clear();
  n.page.source = source;
  n.page.source_hash = hash;
  note = std::move(n);
  diags = std::move(d);
  std::lock_guard<std::mutex> lock(mutex_);
  used_.insert(source);
  ++hits_;
  return true;
}

void ParseCache::put(const std::string& source, uint64_t hash, const ParsedNote& note,
                     const std::vector<Diagnostic>& diags) {
  Record rec;
  rec.hash = hash;
  rec.owned = serialize(note, diags);
  std::lock_guard<std::mutex> lock(mutex_);
  added_[source] = std::move(rec);
  used_.insert(source);
  ++misses_;
}

bool ParseCache::changed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!added_.empty()) return true;
  const std::vector<std::string_view> used = used_sources();
  for (std::string_view source : used)
    if (!records_.count(std::string(source))) return true;
  return used.size() != records_.size();
}

bool ParseCache::worth_saving() const {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t stale = added_.size();
  for (const auto& [source, rec] : records_)
    if (!is_used(source)) ++stale;
  return stale > 0 && (stale >= std::max<size_t>(32, records_.size() / 200) || stale * 4 >= used_sources().size());
}

bool ParseCache::save(const fs::path& file) const {
  std::lock_guard<std::mutex> lock(mutex_);
  ByteWriter w;
  w.u32(kMagic);
  w.u64(key_);
  std::map<std::string_view, const Record*> keep;
  for (std::string_view source : used_sources()) {
    const std::string key(source);
    auto a = added_.find(key);
    if (a != added_.end()) keep[source] = &a->second;
    else if (auto r = records_.find(key); r != records_.end()) keep[source] = &r->second;
  }
  w.u32(static_cast<uint32_t>(keep.size()));
  for (const auto& [source, rec] : keep) {
    w.str(source);
    w.u64(rec->hash);
    w.str(rec->bytes());
  }
  return file::write_file_atomically(file, w.bytes());
}

}  // namespace kb::content
