// Shows in the GUI: New, Open, Save and Save as, a folder browser drawn in ImGui with the
// recent and the shipped shows beside it, and the questions that keep work from being lost:
// unsaved changes before New, Open or closing the window; an existing file before Save as
// writes over it; unsaved work from the last run (a recovery file newer than the show) at
// start. Every load and save goes through the prompt's own commands, so a bad file is
// refused with its file, line and reason, and the running console stays as it was.
#pragma once

#include <string>
#include <vector>

namespace hr::gui {

struct ShowDialogs {
    enum class Next { Nothing, New, Open, Quit }; // what waits for the unsaved-changes answer
    enum class Browse { Open, SaveAs };
    struct Entry { std::string name, path; bool folder = false; };

    // What to open this frame (set by the requests below, by keys and by buttons).
    bool askUnsaved = false, askNew = false, askBrowser = false, askOverwrite = false, askRecover = false;
    Next next = Next::Nothing;
    std::string nextPath;              // the show Open loads once the question is answered
    Browse browse = Browse::Open;
    std::string folder;                // the browser's folder
    std::string listed;                // the folder `entries` were read from
    std::vector<Entry> entries;        // its sub-folders, then its show files
    std::vector<std::string> recent, shipped; // read when the browser opens
    char path[1024] = "";              // the browser's file field
    int shape[3] = {16, 8, 0};         // New: channels, mono buses, stereo buses
    std::string recoverPath, recoverWhen;
    std::string error;                 // the last refusal, shown in the open dialog
    std::string done;                  // the last thing done ("saved band.json"), for the status bar
    bool quit = false;                 // the window may close now
};

} // namespace hr::gui
