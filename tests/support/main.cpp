// Catch2's main for headroom_tests (the counting allocator lives in alloc_counter.cpp).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
