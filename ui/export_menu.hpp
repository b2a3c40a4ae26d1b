// The window's Export menu: a slide of the view on screen (PNG, SVG or PDF), the printable
// handout (PDF), and "Add to my calendar" (.ics, reminders and notes as checkboxes). Each
// asks where with the save dialog (the desktop's chooser when a portal runs); the bytes
// come from render/ and planner::exporter, exactly as on the command line.
#pragma once

#include <string>

#include "planner/result.hpp"
#include "ui/app.hpp"

namespace ui {

void draw_export_menu(const AppState& state, Commands& out);

// The file a job writes, from the plan as shown (hidden courses left out, as on screen).
[[nodiscard]] planner::Result<std::string> export_bytes(const AppState& state,
                                                        const ExportJob& job);
[[nodiscard]] std::string export_extension(ExportKind kind);  // ".png"
[[nodiscard]] std::string export_title(ExportKind kind);      // "Export a slide as PNG"
// "class-calendar.png": from the plan's file name, else "course-plan".
[[nodiscard]] std::string export_file_name(const AppState& state, ExportKind kind);

}  // namespace ui
