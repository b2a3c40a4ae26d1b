// Internal to planner/io: the JSON reading with positions that preset files use, shared
// with the plan reader (plan_io.cpp) so both report file:line:column: field: expected.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "planner/io.hpp"

namespace planner::io::detail {

struct ScanData;  // where every value and key starts (io.cpp)

struct Position {
    int line = 1;
    int column = 1;
};

struct JsonText {
    nlohmann::json root;
    std::shared_ptr<const ScanData> scan;
    std::vector<Problem> problems;  // size, UTF-8, syntax, duplicate keys, nesting
    bool ok = false;                // false: `root` cannot be used
};

// `empty`: what to say when the text is empty ("a JSON object holding one plan ...").
[[nodiscard]] JsonText read_json_text(std::string_view text, std::string_view file,
                                      std::string_view empty);
// Where the value at `path` ("courses[0].start") starts; its nearest recorded ancestor's
// when it has none (a missing field).
[[nodiscard]] Position value_position(const JsonText& doc, std::string path);
[[nodiscard]] Position key_position(const JsonText& doc, const std::string& path);
// Checks `value` as a preset that sits at `prefix` in the file ("courses[0].protocol").
[[nodiscard]] Protocol check_protocol_value(const JsonText& doc, const nlohmann::json& value,
                                            const std::string& prefix, std::string_view file,
                                            std::vector<Problem>& problems);
// Size and no-dose checks over every string under `value`.
void check_strings(const JsonText& doc, const nlohmann::json& value, const std::string& path,
                   std::string_view file, std::vector<Problem>& problems);
[[nodiscard]] bool text_has_dose_amount(std::string_view text);
[[nodiscard]] Error problem_error(const Problem& p);
// File order, the first 100 kept.
void sort_problems(std::vector<Problem>& problems);

}  // namespace planner::io::detail
