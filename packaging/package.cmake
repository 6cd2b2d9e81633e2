# Install rules and the Debian package: `cmake --build BUILD --target package` writes
# headroom_<version>_amd64.deb (CPack's DEB generator). Included at the end of the top-level
# CMakeLists.txt. Sections: version and paths compiled in, the man page, the desktop entry,
# install rules, CPack.
#
# Packages are built with -DHEADROOM_NATIVE=OFF: -march=native code SIGILLs on a CPU older
# than the builder's, so the package target refuses a native Release build
# (packaging/cpack-checks.cmake).
include(GNUInstallDirs)

# ---- version and paths compiled in ----
# `headroom --version` prints project(VERSION); an installed headroom finds its shows at this
# path relative to its own folder (read from /proc/self/exe at run time, app/run.cpp).
target_compile_definitions(headroom PRIVATE HEADROOM_VERSION="${PROJECT_VERSION}")
if(TARGET headroom_tests)
    target_compile_definitions(headroom_tests PRIVATE HEADROOM_VERSION="${PROJECT_VERSION}") # tests/app/test_install.cpp
endif()
file(RELATIVE_PATH HEADROOM_SCENES_FROM_BIN "${CMAKE_INSTALL_FULL_BINDIR}"
     "${CMAKE_INSTALL_FULL_DATADIR}/headroom/scenes")
target_compile_definitions(headroom_app PRIVATE HEADROOM_SCENES_FROM_BIN="${HEADROOM_SCENES_FROM_BIN}")

# ---- the man page: generated from the command line's own help (help2man) ----
find_program(HEADROOM_HELP2MAN help2man)
set(HEADROOM_MANPAGE ${CMAKE_CURRENT_BINARY_DIR}/headroom.1.gz)
if(HEADROOM_HELP2MAN)
    add_custom_command(OUTPUT ${HEADROOM_MANPAGE}
        COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/packaging/manpage.sh $<TARGET_FILE:headroom>
                ${CMAKE_CURRENT_SOURCE_DIR}/packaging/manpage-extra.h2m ${HEADROOM_MANPAGE}
        DEPENDS headroom ${CMAKE_CURRENT_SOURCE_DIR}/packaging/manpage.sh
                ${CMAKE_CURRENT_SOURCE_DIR}/packaging/manpage-extra.h2m
        COMMENT "Man page from headroom --help (help2man)")
    add_custom_target(headroom_manpage ALL DEPENDS ${HEADROOM_MANPAGE})
else()
    # A plain build needs no help2man; installing (and so packaging) does, and says so.
    message(STATUS "help2man not found: no man page (cmake --install and the package need it)")
endif()

# ---- the desktop entry, checked by desktop-file-validate when it is there ----
set(HEADROOM_DESKTOP ${CMAKE_CURRENT_SOURCE_DIR}/packaging/headroom.desktop)
find_program(HEADROOM_DESKTOP_VALIDATE desktop-file-validate)
if(HEADROOM_DESKTOP_VALIDATE)
    add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/headroom.desktop.valid
        COMMAND ${HEADROOM_DESKTOP_VALIDATE} ${HEADROOM_DESKTOP}
        COMMAND ${CMAKE_COMMAND} -E touch ${CMAKE_CURRENT_BINARY_DIR}/headroom.desktop.valid
        DEPENDS ${HEADROOM_DESKTOP}
        COMMENT "desktop-file-validate headroom.desktop")
    add_custom_target(headroom_desktop_valid ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/headroom.desktop.valid)
else()
    message(STATUS "desktop-file-validate not found: packaging/headroom.desktop is not checked")
endif()

# ---- install rules ----
install(TARGETS headroom RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/scenes/ DESTINATION ${CMAKE_INSTALL_DATADIR}/headroom/scenes
        FILES_MATCHING PATTERN "*.json")
install(FILES ${HEADROOM_DESKTOP} DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/packaging/headroom.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
if(HEADROOM_HELP2MAN)
    install(FILES ${HEADROOM_MANPAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
    install(CODE "message(FATAL_ERROR \"headroom.1.gz was not built: install help2man and configure again\")")
endif()
# The user unit names the binary by its full path under the prefix in force at install time
# (CPack installs with /usr, a plain `cmake --install` with CMAKE_INSTALL_PREFIX), so it is
# written then. systemd reads user units from <prefix>/lib/systemd/user for /usr and /usr/local.
install(CODE "
    set(HEADROOM_BIN \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/headroom\")
    configure_file(\"${CMAKE_CURRENT_SOURCE_DIR}/packaging/headroom.service.in\"
                   \"${CMAKE_CURRENT_BINARY_DIR}/headroom.service\" @ONLY)")
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/headroom.service DESTINATION lib/systemd/user)

# ---- CPack: the Debian package ----
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME headroom)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "headroom maintainers <maintainers@users.noreply.r-seed-ecd2dd64.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "software mixing console for live sound and recording")
# The long description, after the summary line; CPack indents it for the control file.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "headroom runs an audio interface's inputs through full channel strips
(trim, HPF, gate, 4-band EQ, compressor, fader, pan) into aux buses and a main bus, with
scenes, multitrack recording and virtual soundcheck, Mackie Control surfaces and MIDI
learn, and offline rendering of a multitrack WAV through a show. It runs on JACK, ALSA or
PulseAudio, in its window or headless from a command prompt or as a systemd user service.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)          # headroom_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Depends: from the libraries the binary links (dpkg-shlibdeps, in dpkg-dev), Debian 12 names.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# A JACK server is how an engineer runs it, but ALSA, PulseAudio and the null device need none.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS jackd2)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Read by packaging/cpack-checks.cmake when cpack runs.
set(CPACK_HEADROOM_NATIVE_RELEASE OFF)
if(HEADROOM_NATIVE AND CMAKE_BUILD_TYPE STREQUAL "Release")
    set(CPACK_HEADROOM_NATIVE_RELEASE ON)
endif()
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_SOURCE_DIR}/packaging/cpack-checks.cmake)
include(CPack)
