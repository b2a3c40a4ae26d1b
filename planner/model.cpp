#include "planner/model.hpp"

#include <array>

namespace planner {

bool PhaseSpan::shifted() const {
    if (published_anchor_week > 0) return anchor_week != published_anchor_week;
    if (published_first_week == 0) return false;
    return first_week != published_first_week ||
           (published_last_week > 0 && last_week != published_last_week);
}

const Source* Protocol::find_source(const std::string& source_id) const {
    for (const auto& s : sources)
        if (s.id == source_id) return &s;
    return nullptr;
}

std::string_view route_id(Route r) {
    switch (r) {
        case Route::iv: return "iv";
        case Route::nasal: return "nasal";
        case Route::im: return "im";
        case Route::subcutaneous: return "subcutaneous";
        case Route::oral: return "oral";
    }
    return "iv";
}

std::string_view route_label(Route r) {
    switch (r) {
        case Route::iv: return "IV, into a vein";
        case Route::nasal: return "Nasal spray";
        case Route::im: return "IM injection";
        case Route::subcutaneous: return "Subcutaneous injection";
        case Route::oral: return "Oral / lozenge";
    }
    return "IV, into a vein";
}

std::string_view phase_kind_id(PhaseKind k) {
    switch (k) {
        case PhaseKind::induction: return "induction";
        case PhaseKind::maintenance: return "maintenance";
        case PhaseKind::booster: return "booster";
    }
    return "induction";
}

std::string_view phase_kind_label(PhaseKind k) {
    switch (k) {
        case PhaseKind::induction: return "Induction";
        case PhaseKind::maintenance: return "Maintenance";
        case PhaseKind::booster: return "Booster";
    }
    return "Induction";
}

char phase_marker(PhaseKind k) {
    switch (k) {
        case PhaseKind::induction: return 'i';
        case PhaseKind::maintenance: return 'm';
        case PhaseKind::booster: return 'b';
    }
    return 'i';
}

PhaseShape phase_shape(PhaseKind k) {
    switch (k) {
        case PhaseKind::induction: return PhaseShape::circle;
        case PhaseKind::maintenance: return PhaseShape::diamond;
        case PhaseKind::booster: return PhaseShape::square;
    }
    return PhaseShape::circle;
}

std::string_view visit_noun(Route r, bool plural) {
    switch (r) {
        case Route::iv: return plural ? "infusions" : "infusion";
        case Route::im:
        case Route::subcutaneous: return plural ? "injections" : "injection";
        case Route::nasal:
        case Route::oral: return plural ? "sessions" : "session";
    }
    return plural ? "visits" : "visit";
}

std::string visit_noun(const Protocol& p, bool plural) {
    if (p.noun.empty()) return std::string{visit_noun(p.route, plural)};
    return plural ? p.noun + "s" : p.noun;
}

std::string_view treatment_label(const Protocol& p) {
    if (p.noun == "injection") return "Injection";
    switch (p.route) {
        case Route::iv: return "Infusion";
        case Route::nasal: return "Spray and rest";
        case Route::im:
        case Route::subcutaneous: return "Injection";
        case Route::oral: return "Lozenge";
    }
    return "Treatment";
}

namespace {
struct KindName {
    SourceKind kind;
    std::string_view id;
    std::string_view label;
};
constexpr std::array<KindName, 9> kKinds{{{SourceKind::label, "label", "Label"},
                                          {SourceKind::trial, "trial", "Trial"},
                                          {SourceKind::study, "study", "Study"},
                                          {SourceKind::cohort, "cohort", "Cohort"},
                                          {SourceKind::review, "review", "Review"},
                                          {SourceKind::agency, "agency", "Public agency"},
                                          {SourceKind::maker, "maker", "Maker's site"},
                                          {SourceKind::clinic, "clinic", "Clinic page"},
                                          {SourceKind::service, "service", "At-home service"}}};
}  // namespace

std::string_view source_kind_id(SourceKind k) {
    for (const auto& n : kKinds)
        if (n.kind == k) return n.id;
    return "clinic";
}

std::string_view source_kind_label(SourceKind k) {
    for (const auto& n : kKinds)
        if (n.kind == k) return n.label;
    return "Clinic page";
}

std::optional<SourceKind> source_kind_from_id(std::string_view id) {
    for (const auto& n : kKinds)
        if (n.id == id) return n.kind;
    return std::nullopt;
}

std::string_view weekday_id(chr::weekday d) {
    static constexpr std::array<std::string_view, 7> names{"sun", "mon", "tue", "wed",
                                                           "thu", "fri", "sat"};
    return d.ok() ? names[d.c_encoding()] : std::string_view{"?"};
}

}  // namespace planner
