// Running a command as a user would, for tests: its exit status and everything it printed.
#pragma once

#include <string>

namespace hr::test {

struct ProcessResult {
    int status = -1;    // exit status (-1: killed by a signal)
    std::string output; // stdout and stderr together
};

ProcessResult runShell(const std::string& command); // sh -c 'command' 2>&1

} // namespace hr::test
