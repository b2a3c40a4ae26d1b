#include "planner/glossary.hpp"

#include <array>

namespace planner {

namespace {

// Each definition is tested: at most 25 words, and the whole list reads at grade 8 or below.
constexpr std::array<GlossaryEntry, 14> kGlossary{{
    {"As needed",
     "Only if symptoms come back. It is decided with the clinician, not fixed in advance."},
    {"Bolus", "A treatment given all at once through a needle, rather than as a slow drip."},
    {"Booster", "A single extra treatment after a course ends, given if symptoms start to return."},
    {"Cohort",
     "A group of patients whose treatment was recorded as it happened, not planned as a trial."},
    {"IM", "Intramuscular: an injection into a muscle, such as the upper arm."},
    {"Induction", "The first, more frequent part of a course, meant to start the benefit."},
    {"IV",
     "Intravenous: given into a vein through a thin tube, usually as a slow drip called an "
     "infusion."},
    {"Label",
     "The official drug information approved by the FDA. It describes how the drug is meant to be "
     "used."},
    {"Maintenance", "The later, less frequent part of a course, meant to keep the benefit."},
    {"Median", "The middle value: half of the people had fewer, and half had more."},
    {"Observation", "Time after the treatment when staff watch you, until you are safe to leave."},
    {"Subcutaneous", "Under the skin: a small injection into the layer just below it."},
    {"Trial",
     "A study that tests a treatment by a plan made in advance, often against another one."},
    {"Window", "A span of days when a visit could fall. It is not a booked appointment."},
}};

}  // namespace

std::span<const GlossaryEntry> glossary() {
    return kGlossary;
}

}  // namespace planner
