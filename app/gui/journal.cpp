#include "gui/journal.h"

namespace hr::gui {

namespace {
constexpr size_t kMaxSteps = 500;
}

EditJournal& journal() {
    static EditJournal j;
    return j;
}

void EditJournal::began(ParamId id, float value) {
    grabbed_ = id;
    grabbedValue_ = value;
}

void EditJournal::finished(ParamId id, float value) {
    if (id == grabbed_ && value != grabbedValue_) record(id, grabbedValue_, value);
    grabbed_ = kNoGrab;
}

void EditJournal::record(ParamId id, float before, float after) {
    if (before == after) return;
    done_.push_back({id, before, after});
    if (done_.size() > kMaxSteps) done_.erase(done_.begin());
    undone_.clear();
}

bool EditJournal::undo(ParamStore& s) {
    if (done_.empty()) return false;
    const Step step = done_.back();
    done_.pop_back();
    s.set(step.id, step.before, Source::Gui);
    undone_.push_back(step);
    return true;
}

bool EditJournal::redo(ParamStore& s) {
    if (undone_.empty()) return false;
    const Step step = undone_.back();
    undone_.pop_back();
    s.set(step.id, step.after, Source::Gui);
    done_.push_back(step);
    return true;
}

} // namespace hr::gui
