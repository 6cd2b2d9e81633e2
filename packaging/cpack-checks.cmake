# Run by cpack before it packages (CPACK_PROJECT_CONFIG_FILE). A package goes to other
# machines: a binary built with -march=native dies with SIGILL on a CPU without the builder's
# instructions (AVX-512 on this project's build machines), so such a build is not packaged.
if(CPACK_HEADROOM_NATIVE_RELEASE)
    message(FATAL_ERROR "headroom: this build uses -march=native (HEADROOM_NATIVE=ON); a package "
                        "must run on any x86-64 CPU. Configure with -DHEADROOM_NATIVE=OFF to package.")
endif()
