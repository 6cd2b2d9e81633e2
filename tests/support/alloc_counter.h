// A counting allocator for tests: replaces global operator new/delete; while a scope is
// active on the current thread, every allocation on that thread is counted.
#pragma once

#include <cstddef>

namespace hr::test {

class AllocationScope {
public:
    AllocationScope();   // starts counting on this thread
    ~AllocationScope();  // stops counting
    size_t count() const; // allocations on this thread since the scope began
};

} // namespace hr::test
