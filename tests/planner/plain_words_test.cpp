// Plain words: every sentence a patient reads is at most 25 words. Checked over the prose of
// every shipped preset and the glossary (what the window shows from planner/), and over what
// the writers make of them: `show`, the Markdown export, the .ics descriptions and reminders.
// Source titles, links and identifiers are quoted as published and not counted; citation marks
// ("[1, 2]") are not words. The reading grade of each preset is
// tests/scripts/reading_level_test.sh.
#include "tests/plain_words.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include "planner/export.hpp"
#include "planner/glossary.hpp"
#include "planner/io.hpp"
#include "planner/plan.hpp"

namespace {

using namespace planner;
using namespace plain_words;
namespace fs = std::filesystem;

std::vector<Protocol> shipped() {
    std::vector<Protocol> out;
    for (const auto& entry : fs::directory_iterator(PRESETS_DIR)) {
        if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json")
            continue;
        auto p = io::load_protocol_file(entry.path());
        REQUIRE(p.ok());
        out.push_back(std::move(p.value()));
    }
    REQUIRE(out.size() >= 13);
    return out;
}

// Markdown as read: entities and backslash escapes undone (so quoted titles are found).
std::string markdown_text(std::string md) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}}) {
        for (auto at = md.find(from); at != std::string::npos; at = md.find(from, at + 1))
            md.replace(at, from.size(), to);
    }
    std::string out;
    for (std::size_t i = 0; i < md.size(); ++i) {
        if (md[i] == '\\' && i + 1 < md.size() && md[i + 1] != '[') continue;  // "\[" stays: marks
        out += md[i];
    }
    return out;
}

// The terminal wraps an item over lines indented by 5 spaces: join them back into one text.
std::string unwrapped(const std::string& show) {
    std::string out;
    std::size_t pos = show.find("Legend\n");
    REQUIRE(pos != std::string::npos);  // the month grid above it is numbers, not sentences
    while (pos < show.size()) {
        auto end = show.find('\n', pos);
        if (end == std::string::npos) end = show.size();
        const std::string line = show.substr(pos, end - pos);
        // A continuation only where the previous line was full (the terminal wraps at 100).
        const auto last_break = out.rfind('\n', out.empty() ? 0 : out.size() - 2);
        const std::size_t previous =
            out.empty() ? 0
                        : out.size() - 1 - (last_break == std::string::npos ? 0 : last_break + 1);
        const auto first = line.find_first_not_of(' ');
        const auto first_word = first == std::string::npos ? 0 : line.find(' ', first) - first;
        // A title line ending "(Route)" followed by a capital starts a new item, not a wrap.
        const bool new_item = out.size() >= 2 && out[out.size() - 2] == ')' &&
                              first != std::string::npos &&
                              std::isupper(static_cast<unsigned char>(line[first]));
        if (line.rfind("     ", 0) == 0 && !out.empty() && out.back() == '\n' &&
            previous + 1 + first_word > 100 && !new_item) {
            out.back() = ' ';
            out += line.substr(line.find_first_not_of(' '));
        } else {
            out += line;
        }
        out += '\n';
        pos = end + 1;
    }
    return out;
}

// The text of every DESCRIPTION (events and alarms), unfolded and unescaped.
std::vector<std::string> ics_descriptions(const std::string& ics) {
    std::string text;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        text += ics[i];
    }
    std::vector<std::string> out;
    for (auto at = text.find("\nDESCRIPTION:"); at != std::string::npos;
         at = text.find("\nDESCRIPTION:", at + 1)) {
        const auto begin = at + 13;
        const auto end = text.find("\r\n", begin);
        std::string raw = text.substr(begin, end - begin);
        std::string plain;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 1 < raw.size()) {
                ++i;
                plain += raw[i] == 'n' ? '\n' : raw[i];
            } else {
                plain += raw[i];
            }
        }
        out.push_back(plain);
    }
    return out;
}

}  // namespace

TEST_CASE("plain words: the prose of every preset and the glossary, 25 words a sentence") {
    const auto presets = shipped();
    for (const auto& p : presets) {
        std::vector<std::pair<std::string, std::string>> texts{
            {"description", p.description},
            {"illustrative_note", p.illustrative_note},
            {"treatment_minutes.derived", p.visit.treatment_minutes.derived},
            {"observation_minutes.derived", p.visit.observation_minutes.derived}};
        for (const auto& ph : p.phases) {
            texts.push_back({ph.id + ".name", ph.name});
            texts.push_back({ph.id + ".note", ph.note});
            texts.push_back({ph.id + ".cadence.derived", ph.cadence.derived});
        }
        for (const auto& s : p.sources) texts.push_back({s.id + ".note", s.note});
        for (const auto& [field, text] : texts) check_plain(p.id + ": " + field, text, presets);
    }
    for (const auto& g : glossary()) {
        CHECK(words(std::string(g.definition)) <= kMaxWords);
        check_plain("glossary: " + std::string(g.term), std::string(g.definition), presets);
    }
}

TEST_CASE("plain words: show, Markdown and .ics (reminders included), 25 words a sentence") {
    const auto presets = shipped();
    exporter::Options options;
    options.timestamp = 1767225600;
    options.reminders = true;
    std::size_t checked = 0;
    for (const auto& p : presets) {
        CAPTURE(p.id);
        Course course;
        course.protocol_id = p.id;
        course.start = std::chrono::year{2026} / 3 / 2;
        course.closed = {std::chrono::year{2026} / 3 / 4};  // a moved visit and its notice
        const auto planned = plan_courses({{p, course}});
        REQUIRE(planned.ok());
        const auto& courses = planned.value();
        check_plain(p.id + ": show", unwrapped(exporter::terminal_calendar(courses, {}, false)),
                    presets);
        check_plain(p.id + ": markdown", markdown_text(exporter::to_markdown(courses, options)),
                    presets);
        for (const auto& d : ics_descriptions(exporter::to_ics(courses, options))) {
            check_plain(p.id + ": ics", d, presets);
            ++checked;
        }
    }
    CHECK(checked > 100);
}

TEST_CASE("plain words: the checker counts words and finds long sentences") {
    CHECK(words("Infusion: 40 to 90 minutes.") == 5);
    CHECK(words("  a  -  b ") == 2);  // a lone dash is not a word
    const auto s = sentences("One two. Three four\nfive | six? Seven");
    CHECK(s.size() == 5);
    CHECK(without_quotes("Infusion: 40 [3, 5] to 90 \\[4\\] minutes", {}) ==
          "Infusion: 40  to 90  minutes");
    const std::string long_one =
        "The label says the frequency is individualized to the least frequent schedule that "
        "keeps the response, so each visit is shown as a window and more words follow here.";
    CHECK(words(long_one) > kMaxWords);  // the kind of sentence the issue found
}
