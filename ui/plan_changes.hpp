// The details panel's part about this plan's own changes: the note of the selected visit,
// and "Differs from the published schedule": every difference that names the selected
// visit (or, with a course or nothing selected, every one of that course or of the shown
// courses), each with the rule behind it and its source, and Put back for a change the
// plan made itself. Wording informs, never advises: the sentences are the engine's.
#pragma once

#include "ui/app.hpp"

namespace ui {

void draw_plan_changes(const AppState& state, Commands& out);

}  // namespace ui
