// Undo and redo of the document: whole snapshots, not inverse commands, so every edit
// (a course added, a visit moved, a plan opened) is undone the same way and cannot drift.
// A plan is a few kilobytes and expanding it takes microseconds, so many levels are cheap.
// View-only changes (scrolling, selection, zoom) never reach the history.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <utility>

namespace ui {

inline constexpr std::size_t kUndoLevels = 200;  // the oldest step is dropped past this

// One document as it was, with the name of the edit that left it ("remove course B") and
// its version (a number unique to each document state: it tells saved from unsaved).
template <class Doc>
struct HistoryStep {
    Doc doc;
    std::string name;
    std::uint64_t version = 0;
};

template <class Doc>
class History {
public:
    using Step = HistoryStep<Doc>;

    // Records the document as it was before the edit `name`; the redo steps are dropped.
    void record(Doc before, std::uint64_t before_version, std::string name) {
        undo_.push_back(Step{std::move(before), std::move(name), before_version});
        if (undo_.size() > kUndoLevels) undo_.pop_front();
        redo_.clear();
    }
    // The step to go back to; `current` goes on the redo side under the same name.
    [[nodiscard]] std::optional<Step> undo(Doc current, std::uint64_t current_version) {
        if (undo_.empty()) return std::nullopt;
        Step back = std::move(undo_.back());
        undo_.pop_back();
        redo_.push_back(Step{std::move(current), back.name, current_version});
        return back;
    }
    [[nodiscard]] std::optional<Step> redo(Doc current, std::uint64_t current_version) {
        if (redo_.empty()) return std::nullopt;
        Step forward = std::move(redo_.back());
        redo_.pop_back();
        undo_.push_back(Step{std::move(current), forward.name, current_version});
        return forward;
    }
    void clear() {
        undo_.clear();
        redo_.clear();
    }

    [[nodiscard]] bool can_undo() const { return !undo_.empty(); }
    [[nodiscard]] bool can_redo() const { return !redo_.empty(); }
    // The edit Undo / Redo would revert or repeat; empty when there is none.
    [[nodiscard]] std::string undo_name() const { return undo_.empty() ? "" : undo_.back().name; }
    [[nodiscard]] std::string redo_name() const { return redo_.empty() ? "" : redo_.back().name; }
    [[nodiscard]] std::size_t undo_levels() const { return undo_.size(); }
    [[nodiscard]] std::size_t redo_levels() const { return redo_.size(); }

private:
    std::deque<Step> undo_;  // oldest first
    std::deque<Step> redo_;  // the next redo last
};

}  // namespace ui
