#include "gui/journal.h"

#include <algorithm>

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
    if (before != after) record(std::vector<Change>{{id, before, after}});
}

void EditJournal::record(std::vector<Change> changes) {
    changes.erase(std::remove_if(changes.begin(), changes.end(), [](const Change& c) { return c.before == c.after; }),
                  changes.end());
    if (changes.empty()) return;
    done_.push_back(std::move(changes));
    if (done_.size() > kMaxSteps) done_.erase(done_.begin());
    undone_.clear();
}

bool EditJournal::undo(ParamStore& s) {
    if (done_.empty()) return false;
    Step step = std::move(done_.back());
    done_.pop_back();
    for (auto c = step.rbegin(); c != step.rend(); ++c) s.set(c->id, c->before, Source::Gui);
    undone_.push_back(std::move(step));
    return true;
}

bool EditJournal::redo(ParamStore& s) {
    if (undone_.empty()) return false;
    Step step = std::move(undone_.back());
    undone_.pop_back();
    for (const Change& c : step) s.set(c.id, c.after, Source::Gui);
    done_.push_back(std::move(step));
    return true;
}

} // namespace hr::gui
