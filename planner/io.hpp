// Reading preset files: JSON in, Protocol out, with every problem reported as
// file:line:column: field: what was expected.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model.hpp"
#include "planner/result.hpp"

namespace planner::io {

struct Problem {
    std::string file;
    int line = 0;                                 // 1-based; 0 when unknown
    int column = 0;                               // 1-based
    std::string field;                            // JSON path such as "phases[1].cadence.per_week"
    std::string expected;                         // "an integer from 1 to 7"
    [[nodiscard]] std::string to_string() const;  // "file:line:column: field: expected"
};

// Every problem in a preset text (empty: the text is a valid preset).
[[nodiscard]] std::vector<Problem> validate_protocol(std::string_view text, std::string_view file);

// Parses a preset; the error is the first problem.
[[nodiscard]] Result<Protocol> parse_protocol(std::string_view text, std::string_view file);
[[nodiscard]] Result<Protocol> load_protocol_file(const std::filesystem::path& path);

// Serializes a protocol back to preset JSON (round trip of parse_protocol).
[[nodiscard]] std::string protocol_to_json(const Protocol& protocol);

struct Library {
    std::vector<Protocol> protocols;  // sorted by route, then title
    std::vector<Problem> problems;    // files that failed to load; the rest still load
    // With Codepoints::collect, every code point above U+007F in the text of every preset
    // file the folders hold (each file read, wanted or not, valid or not; written out or as a
    // \u escape), sorted, once each: the same for a library of some ids as for the whole
    // one, so a window's font can be made for all presets before most of them are parsed.
    // Empty otherwise (the command line has no font to make).
    std::vector<char32_t> codepoints;
};

// Folders searched for presets, in order: $COURSE_PLANNER_PRESETS, the shipped presets
// (share/course-planner/presets beside an installed binary, else the source tree's presets/
// for a build tree, else the configured install folder), then the user folder
// ($XDG_DATA_HOME or ~/.local/share)/course-planner/presets. A later file with the
// same id replaces an earlier one, so a user preset can override a shipped one.
[[nodiscard]] std::vector<std::filesystem::path> preset_dirs();
[[nodiscard]] Library load_library(const std::vector<std::filesystem::path>& dirs);
// The same library restricted to these ids: each file's top-level "id" is read first and
// only the files holding a wanted id are parsed and validated (problems: of those only).
// resolve_preset against it answers as against the whole library for these ids.
enum class Codepoints { skip, collect };
[[nodiscard]] Library load_library(const std::vector<std::filesystem::path>& dirs,
                                   const std::vector<std::string>& ids,
                                   Codepoints codepoints = Codepoints::skip);

// PRESET on the command line: an id in the library, or the path of a preset file.
[[nodiscard]] bool is_preset_path(std::string_view id_or_path);
[[nodiscard]] Result<Protocol> resolve_preset(const Library& library, std::string_view id_or_path);

// Reads a whole regular file, refusing files over max_bytes. Opened without blocking and
// type-checked, so a FIFO, a device or a folder is a clear error, never a hang. Errors name
// the file.
[[nodiscard]] Result<std::string> read_text_file(const std::filesystem::path& path,
                                                 std::size_t max_bytes = 4u << 20);

// Writes a file atomically: temp file beside the target, fsync, rename; mode 0600 when
// private_file. A symlink is followed and its final target replaced (the link stays a link);
// a FIFO or a character device is written as a stream, never replaced; a folder, a block
// device, a socket, a read-only file or a missing folder is an error and leaves nothing
// behind. A file with other hard links is replaced too (atomicity first), which detaches it
// from the other names: *warning then says so.
[[nodiscard]] Result<bool> write_file_atomic(const std::filesystem::path& path,
                                             std::string_view content, bool private_file,
                                             std::string* warning = nullptr);

}  // namespace planner::io
