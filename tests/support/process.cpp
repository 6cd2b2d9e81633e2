#include "support/process.h"

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace hr::test {

ProcessResult runShell(const std::string& command) {
    ProcessResult r;
    FILE* p = popen(("sh -c '" + command + "' 2>&1").c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
    const int status = pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

} // namespace hr::test
