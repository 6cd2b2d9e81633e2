// Replays fuzz inputs without libFuzzer: every file of the folders (or the files) given, in
// name order, through the target's LLVMFuzzerTestOneInput. ctest runs it over a target's
// seeds/ and crashers/ in every build, so an input that once crashed stays fixed. A folder
// that does not exist is skipped (a target whose crashers/ is still empty).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DIR|FILE...\n", argv[0]);
        return 2;
    }
    int replayed = 0;
    for (int a = 1; a < argc; ++a) {
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(argv[a], ec)) {
            for (const auto& e : fs::directory_iterator(argv[a], ec))
                if (e.is_regular_file(ec)) files.push_back(e.path());
        } else if (fs::is_regular_file(argv[a], ec)) {
            files.emplace_back(argv[a]);
        } else {
            std::printf("%s: not there, skipped\n", argv[a]);
            continue;
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) {
            std::ifstream in(f, std::ios::binary);
            const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            std::printf("%s (%zu bytes)\n", f.c_str(), bytes.size());
            std::fflush(stdout); // the name is out before a crash
            std::vector<uint8_t> data(bytes.begin(), bytes.end()); // its own heap block, as libFuzzer gives it
            LLVMFuzzerTestOneInput(data.data(), data.size());
            ++replayed;
        }
    }
    std::printf("replayed %d inputs, none crashed\n", replayed);
    return 0;
}
