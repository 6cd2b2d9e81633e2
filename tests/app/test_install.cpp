// headroom as installed: its version, and the shipped shows found beside the binary
// (<prefix>/bin/headroom -> <prefix>/share/headroom/scenes), not in the source tree.
#include "support/harness.h"
#include "support/process.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

TEST_CASE("headroom --version prints the project's version", "[cli][install]") {
    const hr::test::ProcessResult r = hr::test::runShell(std::string(HEADROOM_BINARY) + " --version");
    REQUIRE(r.status == 0);
    REQUIRE(r.output == "headroom " HEADROOM_VERSION "\n");
}

TEST_CASE("an installed headroom opens the default show from <prefix>/share/headroom/scenes", "[cli][install]") {
    const fs::path prefix = hr::test::freshDir("install", "prefix");
    fs::create_directories(prefix / "bin");
    fs::create_directories(prefix / "share/headroom/scenes");
    fs::copy_file(HEADROOM_BINARY, prefix / "bin/headroom");
    // Not the source tree's default.json (16x8): a console only the installed copy has.
    std::ofstream(prefix / "share/headroom/scenes/default.json")
        << R"({"name": "Installed default", "console": {"channels": 4, "inputs": 4, "outputs": 2, "buses": ["stereo"]}})";
    const std::string env = "HEADROOM_CONFIG=" + (prefix / "config.json").string() +
                            " HEADROOM_STATE_DIR=" + (prefix / "state").string() + " ";
    const hr::test::ProcessResult r = hr::test::runShell("printf \"status\\nquit\\n\" | " + env + (prefix / "bin/headroom").string() +
                                                         " run --api null --autosave-seconds 0");
    INFO(r.output);
    REQUIRE(r.status == 0);
    REQUIRE(r.output.find("show \"Installed default\" console 4x1") != std::string::npos);
}
