#include "planner/citations.hpp"

#include <algorithm>

#include "planner/text.hpp"

namespace planner {

namespace {

// SourceKind's order is the listing order (label first).
[[nodiscard]] int rank(SourceKind k) {
    return static_cast<int>(k);
}

[[nodiscard]] std::string marks_or_empty(const Protocol& p, const std::vector<std::string>& ids,
                                         bool marks) {
    if (!marks) return {};
    const std::string m = citation_marks(p, ids);
    return m.empty() ? m : " " + m;
}

}  // namespace

std::vector<const Source*> sources_by_kind(const Protocol& p) {
    std::vector<const Source*> out;
    out.reserve(p.sources.size());
    for (const auto& s : p.sources) out.push_back(&s);
    std::stable_sort(out.begin(), out.end(), [](const Source* a, const Source* b) {
        return rank(a->kind) < rank(b->kind);
    });
    return out;
}

// Its place in sources_by_kind, counted without sorting: the sources of an earlier kind,
// and those of its own kind listed before it (the sort is stable), come first.
int source_number(const Protocol& p, std::string_view id) {
    const auto it = std::find_if(p.sources.begin(), p.sources.end(),
                                 [&](const Source& s) { return s.id == id; });
    if (it == p.sources.end()) return 0;
    const int own = rank(it->kind);
    int n = 1;
    for (auto s = p.sources.begin(); s != p.sources.end(); ++s)
        if (rank(s->kind) < own || (rank(s->kind) == own && s < it)) ++n;
    return n;
}

std::string citation_marks(const Protocol& p, const std::vector<std::string>& ids) {
    std::vector<int> numbers;
    for (const auto& id : ids)
        if (const int n = source_number(p, id); n > 0) numbers.push_back(n);
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    if (numbers.empty()) return {};
    std::string out = "[";
    for (std::size_t i = 0; i < numbers.size(); ++i)
        out += (i == 0 ? "" : ", ") + std::to_string(numbers[i]);
    return out + "]";
}

std::string source_heading(const Protocol& p, const Source& s) {
    return "[" + std::to_string(source_number(p, s.id)) + "] " +
           std::string{source_kind_label(s.kind)} + ": " + s.title;
}

std::string duration_text(const Protocol& p, const CitedRange& r, bool marks) {
    if (!marks) return text::duration(r);
    const bool per_end = !r.min_sources.empty() && !r.max_sources.empty();
    return text::duration_cited(r, per_end ? std::string{} : citation_marks(p, r.sources),
                                per_end ? citation_marks(p, r.min_sources) : std::string{},
                                per_end ? citation_marks(p, r.max_sources) : std::string{});
}

std::vector<VisitFact> visit_facts(const Protocol& p, bool marks) {
    std::vector<VisitFact> out;
    const VisitInfo& v = p.visit;
    const auto duration = [&](std::string label, const CitedRange& r) {
        VisitFact f{std::move(label), duration_text(p, r, marks), r.derived};
        if (r.at_least)
            f.note =
                (f.note.empty() ? "" : f.note + " ") + "This is a minimum, so it can take longer.";
        out.push_back(std::move(f));
    };
    if (v.treatment_minutes.value.max > 0)
        duration(std::string{treatment_label(p)}, v.treatment_minutes);
    if (v.observation_minutes.value.max > 0)
        duration("Observation afterwards", v.observation_minutes);
    else
        out.push_back({"Observation afterwards", "none stated", {}});
    if (v.ride_home.value)
        out.push_back(
            {"Ride home",
             "someone else drives you home" + marks_or_empty(p, v.ride_home.sources, marks),
             {}});
    if (v.no_driving_until_next_day.value)
        out.push_back({"Driving",
                       "none until the next day" +
                           marks_or_empty(p, v.no_driving_until_next_day.sources, marks),
                       {}});
    if (v.fasting) {
        // One line per rule, in text::fasting_text's words ("avoid food for at least 2 hours").
        const std::string m = marks_or_empty(p, v.fasting->sources, marks);
        const auto rule = [&](std::string label, const Fasting& only) {
            const std::string words = text::fasting_text(only);
            if (!words.empty()) out.push_back({std::move(label), words + m, {}});
        };
        rule("Food", Fasting{0, 0, {}, v.fasting->food_hours});
        rule("Solid food", Fasting{v.fasting->solid_food_hours, 0, {}, 0});
        rule("Liquids", Fasting{0, v.fasting->liquids_minutes, {}, 0});
    }
    return out;
}

std::string says(const Protocol& p, const std::vector<std::string>& ids) {
    const Source* best = nullptr;
    for (const auto& id : ids)
        if (const Source* s = p.find_source(id); s && (!best || rank(s->kind) < rank(best->kind)))
            best = s;
    if (best == nullptr) return "The source says";
    switch (best->kind) {
        case SourceKind::label: return "The label says";
        case SourceKind::trial: return "The trial says";
        case SourceKind::study: return "The study says";
        case SourceKind::cohort: return "The cohort study says";
        case SourceKind::review: return "A review says";
        case SourceKind::agency: return "A public agency says";
        case SourceKind::maker: return "The maker's site says";
        case SourceKind::clinic: return "A clinic page says";
        case SourceKind::service: return "An at-home service says";
    }
    return "The source says";
}

}  // namespace planner
