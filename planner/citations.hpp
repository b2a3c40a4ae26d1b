// Where each number comes from, in the words every output uses: sources numbered and grouped
// by kind, citation marks such as "[1, 3]", and the facts of one visit (the treatment part
// named for the route, observation as a minimum or a range with each end cited, the ride
// home, driving and food rules in the source's own wording). Plain text: each writer escapes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "planner/model.hpp"

namespace planner {

// The order every output lists sources in: by kind (a label first, an at-home service last),
// the file's order within a kind.
[[nodiscard]] std::vector<const Source*> sources_by_kind(const Protocol& p);

// A source's 1-based number in that order; 0 when the id is not declared.
[[nodiscard]] int source_number(const Protocol& p, std::string_view id);

// "[1, 3]" for these ids (each once, in number order); empty when none is declared.
[[nodiscard]] std::string citation_marks(const Protocol& p, const std::vector<std::string>& ids);

// "[1] Review: Andrade 2017, ..." without the link or note: the head of a source line.
[[nodiscard]] std::string source_heading(const Protocol& p, const Source& s);

// A duration with its citations: "40 [1, 2] to 90 [3] minutes", "at least 2 hours [4, 5]",
// "15 to 120 minutes [6]". Without `marks`, the same words with no citation marks.
[[nodiscard]] std::string duration_text(const Protocol& p, const CitedRange& r, bool marks);

// One line of "what a visit involves".
struct VisitFact {
    std::string label;  // "Infusion", "Observation afterwards", "Ride home", "Food", ...
    std::string value;  // "40 [1, 2] to 90 [3] minutes"
    std::string note;   // a sentence read with it (a minimum, a worked-out figure), or empty
};

[[nodiscard]] std::vector<VisitFact> visit_facts(const Protocol& p, bool marks);

// "The label says", "A clinic page says", ...: whose word a reminder repeats, from the
// strongest kind among these sources.
[[nodiscard]] std::string says(const Protocol& p, const std::vector<std::string>& ids);

}  // namespace planner
