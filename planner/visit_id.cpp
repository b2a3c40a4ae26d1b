#include "planner/visit_id.hpp"

#include <algorithm>
#include <charconv>

#include "planner/parse.hpp"

namespace planner {

namespace {

constexpr std::size_t kMaxIdChars = 80;
constexpr int kMaxNumber = 100000;  // above the engine's visit cap

bool id_chars(std::string_view id) {
    return !id.empty() && id.size() <= kMaxIdChars && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

}  // namespace

std::string VisitId::str() const {
    return course + "/" + phase + "/" + std::to_string(number);
}

bool valid_course_id(std::string_view id) {
    return id_chars(id);
}

Result<VisitId> parse_visit_id(std::string_view text, std::string_view where) {
    const Error bad{
        std::string(where),
        "a visit id COURSE/PHASE/NUMBER such as spravato-label/induction/3, not " + quote(text)};
    const auto first = text.find('/');
    if (first == std::string_view::npos) return bad;
    const auto second = text.find('/', first + 1);
    if (second == std::string_view::npos) return bad;
    const std::string_view course = text.substr(0, first);
    const std::string_view phase = text.substr(first + 1, second - first - 1);
    const std::string_view number = text.substr(second + 1);
    if (!id_chars(course) || !id_chars(phase)) return bad;
    // Digits only, no sign, no leading zero: one spelling per visit.
    if (number.empty() || number.size() > 6 || number.front() == '0' ||
        !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return bad;
    int n = 0;
    std::from_chars(number.data(), number.data() + number.size(), n);
    if (n < 1 || n > kMaxNumber) return bad;
    return VisitId{std::string(course), std::string(phase), n};
}

}  // namespace planner
