// The GUI's edit journal: every finished edit (a fader released, a switch pressed, a
// number typed) is one undo step; ctrl-Z undoes, ctrl-shift-Z redoes. Steps record the
// value before and after, so a value changed since by a surface or a recall is simply
// set again, as on a console's own undo.
#pragma once

#include "params/store.h"

#include <vector>

namespace hr::gui {

class EditJournal {
public:
    void began(ParamId id, float value);          // a control was grabbed
    void finished(ParamId id, float value);       // it was let go: one step if it changed
    void record(ParamId id, float before, float after); // a one-shot edit (switch, typed value)
    struct Change { ParamId id; float before, after; };
    void record(std::vector<Change> changes);          // several values as one step (a paste, a preset)
    bool undo(ParamStore& s);                      // false when there is nothing to undo
    bool redo(ParamStore& s);
    size_t steps() const { return done_.size(); }

private:
    using Step = std::vector<Change>;
    std::vector<Step> done_, undone_;
    ParamId grabbed_ = kNoGrab;
    float grabbedValue_ = 0.0f;
    static constexpr ParamId kNoGrab = 0xffffffffu;
};

EditJournal& journal(); // the window's journal (GUI thread only)

} // namespace hr::gui
