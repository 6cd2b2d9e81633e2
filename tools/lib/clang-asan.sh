# Sourced by tools/fuzz and tools/sanitize: clang 14 with its sanitizer and libFuzzer runtimes
# (clang_install: from Debian 12 when missing), and one build in build-fuzz/ instrumented with
# AddressSanitizer + UndefinedBehaviorSanitizer and libFuzzer's coverage. The test suite and
# the fuzz targets are built there from the same objects, so CI compiles headroom once for both.
clang_asan_dir=build-fuzz

clang_install() { # clang 14 and its runtimes, from Debian 12, when missing
    local missing=() p
    for p in clang-14 libclang-rt-14-dev llvm-14; do # llvm-14: llvm-symbolizer, for the reports' stacks
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        # As root apt-get runs as it is, otherwise through sudo; an array, so an empty prefix is no word.
        local as_root=()
        if [ "$(id -u)" -ne 0 ]; then as_root=(sudo -E); fi
        "${as_root[@]}" apt-get update -qq
        "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

# The sanitizers' reports name functions and lines through llvm-symbolizer; without it each
# report holds a warning about it instead (and CI's fresh root has none unless installed).
export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14 TSAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
export UBSAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14

clang_asan_configure() {
    clang_install
    # Build type "Sanitize": none of the Release flags (-O3, -march=native) of CMakeLists.txt.
    cmake -S . -B "$clang_asan_dir" -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_COMPILER=clang++-14 \
          -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1 -gline-tables-only" \
          -DHEADROOM_NATIVE=OFF -DHEADROOM_TESTS=ON -DHEADROOM_FUZZ=ON >/dev/null
}
