// The words a course plan uses that a patient may not know, each with a plain definition of
// at most 25 words. Plain data: the details panel, the Markdown export and the handout show it.
#pragma once

#include <span>
#include <string_view>

namespace planner {

struct GlossaryEntry {
    std::string_view term;
    std::string_view definition;
};

// In alphabetical order of term.
[[nodiscard]] std::span<const GlossaryEntry> glossary();

}  // namespace planner
