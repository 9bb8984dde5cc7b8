// Helpers to build kainjow mustache data without deep copies.
//
// kainjow's data::set() and push_back() copy their argument, and copying a
// list copies every item in it; view models are nested several levels deep,
// so building them with set() alone copies each item once per level. These
// helpers insert a placeholder and move the value into it instead.
// Lists are a std::vector<data> whose move constructor is not noexcept, so a
// growing vector deep-copies every item it holds: List collects items in a
// deque (which never moves them) and moves them once into a vector of the
// right size.
//
// Thread safety: plain functions over caller-owned data.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

namespace kb::render {

using Data = kainjow::mustache::data;

// obj[key] = value, moved in.
inline void put(Data& obj, const std::string& key, Data&& value) {
  obj.set(key, Data(false));
  *const_cast<Data*>(obj.get(key)) = std::move(value);
}
inline void put(Data& obj, const std::string& key, const std::string& value) {
  put(obj, key, Data(value));
}
inline void put(Data& obj, const std::string& key, const char* value) {
  put(obj, key, Data(value));
}
inline void put(Data& obj, const std::string& key, bool value) { obj.set(key, Data(value)); }
inline void put(Data& obj, const std::string& key, size_t value) {
  put(obj, key, Data(std::to_string(value)));
}

// obj[key] = n, and obj[key + "_text"] = n and the noun, singular for one
// ("1 note", "3 notes"): what the templates print ({{count_text}}).
inline void put_count(Data& obj, const std::string& key, size_t n, const char* one, const char* many) {
  put(obj, key, n);
  put(obj, key + "_text", std::to_string(n) + " " + (n == 1 ? one : many));
}

// Builds a mustache list without copying its items.
class List {
 public:
  List() = default;
  List(List&&) = default;
  void add(Data&& item) { items_.push_back(std::move(item)); }
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  // The list as mustache data; the builder is left empty.
  Data take() {
    Data list(Data::type::list);
    auto& v = const_cast<kainjow::mustache::list&>(list.list_value());
    v.reserve(items_.size());
    for (auto& item : items_) v.emplace_back(std::move(item));
    items_.clear();
    return list;
  }

 private:
  std::deque<Data> items_;
};

inline void put(Data& obj, const std::string& key, List&& list) { put(obj, key, list.take()); }

// Large HTML fragments (a note's body, the navigation) are not copied into
// the mustache data, nor through kainjow's line buffer: the data holds a short
// marker ("\x02" letter "\x03") and splice() puts the fragment in its place in
// the rendered page. Such values are always inserted raw, whether the
// template writes {{{x}}} or {{x}}. The fragments are not owned: they must
// outlive splice().
class RawHtml {
 public:
  // The marker to store in the data for `html`.
  std::string add(std::string_view html) {
    std::string marker{'\x02', static_cast<char>('A' + parts_.size()), '\x03'};
    parts_.push_back(html);
    return marker;
  }
  // `rendered` with every marker replaced by its fragment.
  std::string splice(const std::string& rendered) const {
    size_t size = rendered.size();
    for (auto p : parts_) size += p.size();
    std::string out;
    out.reserve(size);
    size_t from = 0;
    for (size_t at; (at = rendered.find('\x02', from)) != std::string::npos;) {
      size_t slot = at + 2 < rendered.size() && rendered[at + 2] == '\x03'
                        ? static_cast<size_t>(rendered[at + 1] - 'A') : parts_.size();
      if (slot >= parts_.size()) {  // not ours: keep the byte
        out.append(rendered, from, at + 1 - from);
        from = at + 1;
        continue;
      }
      out.append(rendered, from, at - from);
      out.append(parts_[slot]);
      from = at + 3;
    }
    out.append(rendered, from, std::string::npos);
    return out;
  }

 private:
  std::vector<std::string_view> parts_;  // at most 26
};

}  // namespace kb::render
