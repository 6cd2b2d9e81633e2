// headroom gui: the console window on the live engine (see gui_app.cpp).
#pragma once

#include "run.h"

#include <string>

namespace hr::gui {

struct GuiOptions {
    std::string screenshot; // write a PNG of the window after `frames` frames, then quit
    int frames = 30;
    int width = 1600, height = 900;
    int maxFps = 60;        // a cap of its own: Xvfb does not honour vsync
    std::string view = "mixer"; // mixer | channel | scenes | patch
};

int runGui(const RunOptions& run, const GuiOptions& options); // exit code; no display: runs headless
}
