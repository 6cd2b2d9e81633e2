// headroom gui: the console window on the live engine (see gui_app.cpp).
#pragma once

#include "run.h"

#include <string>

namespace hr::gui {

struct GuiOptions {
    std::string screenshot; // write a PNG of the window after `frames` frames, then quit
    int frames = 30;
    std::string size;       // "WxH" or "W" (16:9); empty: the size the window had when last closed, else 1600x900
    bool narrow = false;    // narrow strips (else as the window was left)
    int maxFps = 60;        // a cap of its own: Xvfb does not honour vsync
    std::string view = "mixer"; // mixer | channel | scenes | patch
};

int runGui(const RunOptions& run, const GuiOptions& options); // exit code; no display: runs headless

// "1280x720", "1920X1080" or "1600" (a 16:9 height) into a window size from 1024x600 to
// 7680x4320; false with *why naming what is wrong.
bool parseWindowSize(const std::string& text, int* width, int* height, std::string* why);
constexpr int kMinWindowWidth = 1024, kMinWindowHeight = 600;
}
