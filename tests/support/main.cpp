// Catch2's main for the test binaries: the user config and recovery files of the tests go
// to a scratch folder, never to the tester's own ~/.config or ~/.local/state.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

int main(int argc, char* argv[]) {
    const auto scratch = std::filesystem::temp_directory_path() / "headroom-tests-home";
    std::filesystem::create_directories(scratch);
    setenv("HEADROOM_CONFIG", (scratch / "config.json").c_str(), 0);
    setenv("HEADROOM_STATE_DIR", (scratch / "state").c_str(), 0);
    return Catch::Session().run(argc, argv);
}
