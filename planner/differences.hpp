// Differences from the published schedule: after expanding, the plan is compared with its
// protocol and every departure is a Difference value with a plain sentence (informative,
// never advice, at most 25 words), the rule behind it and the sources.
#pragma once

#include <string>
#include <vector>

#include "planner/model.hpp"

namespace planner {

// Sorted by date. Pure; expand() calls it and stores the result in Expansion::differences.
[[nodiscard]] std::vector<Difference> find_differences(const Protocol& protocol,
                                                       const Course& course,
                                                       const Expansion& expansion);

// A source's name short enough for a sentence, at most 4 words: "ELEKT-D trial",
// "Murrough et al. 2013", "Mandal et al. 2019", "SPRAVATO nasal spray" (the title up to
// its year or first break, without parentheses).
[[nodiscard]] std::string short_source_name(const Source& source);

// Words in a sentence (runs of non-spaces): the 25-word rule is checked with this.
[[nodiscard]] int word_count(std::string_view text);

}  // namespace planner
