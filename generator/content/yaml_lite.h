// A reader for the YAML front matter nearly every note has, without
// yaml-cpp: top-level `key: value` lines whose value is a scalar on the
// line (plain, 'single' or "double" quoted), a flow list of such scalars
// (`[a, "b c"]`), a block list of them (`- a` lines below the key), a map
// of such values on the indented lines below (the guide's matrix rows), or
// nothing. yaml-cpp builds a node tree and a JSON copy of it for every note:
// a twentieth of a cold build of 10,000 notes.
//
// Contract: read_simple_yaml() gives exactly what yaml-cpp gives the same
// block, as front_matter.cc reads it (the JSON data with plain scalars typed
// as yaml-cpp types them, each key's line, every key's and item's place),
// or nullopt for anything else: maps two deep, block scalars (| >), anchors,
// aliases, tags, escapes, a value continued on the next line, a quoted or
// indented key, a comment after a value, a tab, a CR, a repeated key, an
// empty block. The caller then reads the block with yaml-cpp, so a nullopt
// is never wrong, only slower. yaml_lite_test.cc compares the two on random
// blocks and on the guide's notes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "content/page.h"

namespace kb::front_matter {

struct SimpleYaml {
  nlohmann::json data;                                   // an object
  std::map<std::string, int> lines;                      // file line of each key
  std::map<std::string, FrontMatter::Place> places;      // by JSON pointer
};

// `block`: the text between the delimiters; `block_line`: its first line's
// file line.
std::optional<SimpleYaml> read_simple_yaml(std::string_view block, int block_line);

// Everything a reading holds, as text: two readings of one block (this
// reader's and yaml-cpp's) agree exactly when their texts are equal (the
// test and the fuzzer compare them so, and print them when they differ).
std::string describe(const SimpleYaml& y);

// A plain scalar as yaml-cpp types it: null ("~", "null", ...), a boolean,
// an integer, a float, else the text.
nlohmann::json plain_scalar(const std::string& s);

}  // namespace kb::front_matter
