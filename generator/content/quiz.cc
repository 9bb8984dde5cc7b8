#include "content/quiz.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include <toml++/toml.h>

#include "core/text.h"

namespace kb::content {
namespace {

constexpr int kMaxOptions = 8;
const std::vector<std::string> kKeys = {"domain", "exams", "question", "options", "answer", "explanation"};

std::string did_you_mean(std::string_view wrong) {
  size_t best = std::max<size_t>(2, wrong.size() / 3) + 1;
  std::string found;
  for (const auto& k : kKeys) {
    size_t d = text::edit_distance(wrong, k, best);
    if (d < best) best = d, found = k;
  }
  return found.empty() ? "" : " (did you mean `" + found + "`?)";
}

// Lower case, white space runs as one space, trimmed: how options compare.
std::string normalized(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ', space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

class Reader {
 public:
  Reader(const markdown::FencedBlock& block, std::vector<QuizProblem>& problems) : block_(block), problems_(problems) {
    starts_.push_back(0);
    for (size_t i = 0; i < block.source.size(); ++i)
      if (block.source[i] == '\n') starts_.push_back(i + 1);
  }

  // A place in the block's content (toml++'s, 1-based) as a file place.
  std::pair<int, int> file_place(int line, int column) const {
    if (line <= 0) return {block_.line, block_.column};
    return {block_.line + line, column > 0 ? column + block_.column - 1 : 0};
  }
  std::pair<int, int> file_place(const toml::source_region& r) const {
    return file_place(static_cast<int>(r.begin.line), static_cast<int>(r.begin.column));
  }
  void problem(const std::pair<int, int>& at, std::string message) {
    problems_.push_back({std::move(message), at.first, at.second});
  }
  void problem(const toml::source_region& r, std::string message) { problem(file_place(r), std::move(message)); }

  // Byte offset in the block's content of a toml++ place.
  size_t offset(const toml::source_region& r) const {
    size_t line = r.begin.line ? r.begin.line - 1 : 0;
    if (line >= starts_.size()) return block_.source.size();
    return std::min(block_.source.size(), starts_[line] + (r.begin.column ? r.begin.column - 1 : 0));
  }
  // File place of byte offset `at` of the block's content.
  std::pair<int, int> place_at(size_t at) const {
    size_t line = std::upper_bound(starts_.begin(), starts_.end(), at) - starts_.begin();
    return file_place(static_cast<int>(line), static_cast<int>(at - starts_[line - 1]) + 1);
  }
  const std::string& source() const { return block_.source; }

 private:
  const markdown::FencedBlock& block_;
  std::vector<QuizProblem>& problems_;
  std::vector<size_t> starts_;  // byte offset of each content line
};

// The explanation's wikilinks, each placed at its `[[` in the file: found
// in the TOML text from the value on (escapes may shift a column; the line
// of the value is then the place).
std::vector<QuizLink> explanation_links(const std::string& text, const toml::node& node, const Reader& reader) {
  std::vector<QuizLink> out;
  if (text.find("[[") == std::string::npos) return out;
  markdown::Options options;
  options.heading_ids = false;
  auto doc = markdown::Document::parse(text, options);
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  size_t from = reader.offset(node.source());
  for (const auto& ref : doc.links()) {
    if (ref.kind != markdown::LinkKind::kWiki) continue;
    QuizLink link{ref.target, ref.fragment, 0, 0};
    std::tie(link.line, link.column) = reader.file_place(node.source());
    if (ref.line >= 1 && static_cast<size_t>(ref.line) <= starts.size()) {
      size_t at = starts[ref.line - 1] + static_cast<size_t>(std::max(ref.column, 1) - 1);
      size_t end = text.find("]]", at);
      if (at < text.size() && end != std::string::npos) {
        const std::string raw = text.substr(at, end + 2 - at);
        if (size_t found = reader.source().find(raw, from); found != std::string::npos) {
          std::tie(link.line, link.column) = reader.place_at(found);
          from = found + raw.size();
        }
      }
    }
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace

std::string option_letter(int index) { return std::string(1, static_cast<char>('A' + index)); }

std::string answer_letters(const std::vector<int>& answers) {
  std::string out;
  for (size_t i = 0; i < answers.size(); ++i) {
    if (i > 0) out += i + 1 == answers.size() ? " and " : ", ";
    out += option_letter(answers[i]);
  }
  return out;
}

QuizParse parse_quiz(const markdown::FencedBlock& block, size_t index, const std::string& source) {
  QuizParse out;
  Reader reader(block, out.problems);
  toml::table table;
  try {
    table = toml::parse(block.source);
  } catch (const toml::parse_error& e) {
    reader.problem(e.source(), "invalid TOML in the quiz block: " + std::string(e.description()));
    return out;
  }
  Quiz q;
  q.block = index;
  q.line = block.line;
  const size_t before = out.problems.size();
  auto string_of = [&](const toml::node& node, const std::string& key, std::string& into) {
    if (auto s = node.value_exact<std::string>()) {
      into = text::trim(*s);
      if (into.empty()) reader.problem(node.source(), "`" + key + "` is empty; write its text");
      return;
    }
    reader.problem(node.source(), "`" + key + "` must be a string (write \"\"\"…\"\"\" for several lines)");
  };
  const toml::node* answer = nullptr;
  const toml::node* options_node = nullptr;
  bool has_question = false;
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (name == "question") {
      has_question = true;
      string_of(node, name, q.question);
    } else if (name == "explanation") {
      string_of(node, name, q.explanation);
      if (!q.explanation.empty()) q.links = explanation_links(q.explanation, node, reader);
    } else if (name == "domain") {
      string_of(node, name, q.domain);
      std::tie(q.domain_line, q.domain_column) = reader.file_place(node.source());
    } else if (name == "exams") {
      const toml::table* t = node.as_table();
      if (!t) {
        reader.problem(node.source(), "`exams` must be a table of exam = domain: exams = { mla-c01 = \"model-development\" }");
        continue;
      }
      for (const auto& [exam, domain] : *t) {
        auto d = domain.value_exact<std::string>();
        if (!d) {
          reader.problem(domain.source(), "the domain of exam `" + std::string(exam.str()) + "` must be a string");
          continue;
        }
        q.exams_written[std::string(exam.str())] = *d;
        q.exam_places[std::string(exam.str())] = reader.file_place(domain.source());
      }
    } else if (name == "options") {
      options_node = &node;
    } else if (name == "answer") {
      answer = &node;
    } else {
      reader.problem(key.source(), "unknown key `" + name + "` in a quiz block" + did_you_mean(name) +
                                       "; it takes question, options, answer, explanation, domain and exams");
    }
  }
  const std::pair<int, int> fence{block.line, block.column};
  if (!has_question) reader.problem(fence, "the quiz block has no `question`; add question = \"\"\"…\"\"\"");
  if (!options_node) {
    reader.problem(fence, "the quiz block has no `options`; add options = [\"…\", \"…\"], one string per choice");
  } else if (const toml::array* list = options_node->as_array()) {
    std::set<std::string> seen;
    for (const auto& item : *list) {
      auto s = item.value_exact<std::string>();
      if (!s) {
        reader.problem(item.source(), "each option must be a string");
        continue;
      }
      std::string option(text::trim(*s));
      if (option.empty()) reader.problem(item.source(), "option " + option_letter(static_cast<int>(q.options.size())) + " is empty");
      else if (!seen.insert(normalized(option)).second)
        reader.problem(item.source(), "option " + option_letter(static_cast<int>(q.options.size())) +
                                          " repeats an earlier option; each option must be different");
      q.options.push_back(std::move(option));
    }
    if (q.options.size() < 2)
      reader.problem(options_node->source(), "a question needs at least 2 options");
    else if (q.options.size() > kMaxOptions)
      reader.problem(options_node->source(), "at most " + std::to_string(kMaxOptions) + " options (A to H)");
  } else {
    reader.problem(options_node->source(), "`options` must be a list of strings: options = [\"…\", \"…\"]");
  }
  const int count = static_cast<int>(q.options.size());
  const std::string range = count > 0 ? "A to " + option_letter(count - 1) : "A, B, …";
  if (!answer) {
    reader.problem(fence, "no correct option: add answer = \"A\" (the right option's letter; a list for several)");
  } else {
    std::vector<const toml::node*> letters;
    if (const toml::array* list = answer->as_array()) {
      for (const auto& item : *list) letters.push_back(&item);
      if (letters.empty()) reader.problem(answer->source(), "no correct option: `answer` lists no letter");
    } else {
      letters.push_back(answer);
    }
    for (const toml::node* item : letters) {
      auto s = item->value_exact<std::string>();
      std::string letter = s ? std::string(text::trim(*s)) : std::string();
      if (letter.size() != 1 || !((letter[0] >= 'A' && letter[0] <= 'Z') || (letter[0] >= 'a' && letter[0] <= 'z'))) {
        reader.problem(item->source(), "`answer` must be an option's letter (" + range + "), or a list of them");
        continue;
      }
      int k = (letter[0] >= 'a' ? letter[0] - 'a' : letter[0] - 'A');
      if (k >= count) {
        if (count > 0) reader.problem(item->source(), "answer \"" + letter + "\" names no option: they are " + range);
        continue;
      }
      if (std::find(q.answers.begin(), q.answers.end(), k) != q.answers.end()) {
        reader.problem(item->source(), "answer \"" + letter + "\" is named twice");
        continue;
      }
      q.answers.push_back(k);
    }
    std::sort(q.answers.begin(), q.answers.end());
  }
  if (out.problems.size() != before) return out;
  char id[17];
  std::snprintf(id, sizeof id, "%016llx",
                static_cast<unsigned long long>(text::fnv1a64(source + '\x1f' + normalized(q.question))));
  q.id = id;
  out.quiz = std::move(q);
  return out;
}

}  // namespace kb::content
