// headroom gui: the console window (GLFW + OpenGL 3 + Dear ImGui), following
// examples/example_glfw_opengl3/main.cpp of Dear ImGui 1.86: vsync on, sleeps while
// iconified, and a frame-rate cap of its own (Xvfb does not honour vsync, and the GUI must
// not take the audio thread's core). --screenshot renders N frames and writes a PNG.
#include "gui/gui_app.h"

#include "gui/views.h"
#include "recovery.h"
#include "prompt_words.h"
#include "user_config.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui_internal.h> // ErrorCheckEndFrameRecover: a failed frame puts the window stack back
#include <GLFW/glfw3.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cfloat>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace hr::gui {

namespace {

void glfwError(int code, const char* text) { std::fprintf(stderr, "headroom: GLFW error %d: %s\n", code, text); }

std::atomic<int> gStopSignal{0};
void onStopSignal(int sig) { gStopSignal.store(sig); }

bool writeScreenshot(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1); // OpenGL's rows run bottom-up
    return stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
}

void applyConsoleStyle() {
    ImGui::StyleColorsDark();
    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowRounding = 0.0f;
    st.FrameRounding = 3.0f;
    st.ItemSpacing = ImVec2(4, 4);
    st.AntiAliasedFill = false; // no fringe triangles: software GL pays for every blended pixel
    st.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.09f, 0.11f, 1.0f);
    st.Colors[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f); // no full-window fills: software GL pays per pixel
}

} // namespace

int runGui(const RunOptions& run, const GuiOptions& options) {
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) {
        std::fprintf(stderr, "headroom: no display (DISPLAY is not set); running headless as `headroom run` would\n");
        return runConsole(run);
    }
    glfwSetErrorCallback(glfwError);
    if (!glfwInit()) {
        std::fprintf(stderr, "headroom: cannot open the display; running headless\n");
        return runConsole(run);
    }
    int exitCode = 0;
    auto rig = startLive(run, &exitCode);
    if (!rig) {
        glfwTerminate();
        return exitCode;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    // The size asked for, else the one the window had when it was last closed.
    int width = 1600, height = 900;
    std::string why;
    if (!options.size.empty()) parseWindowSize(options.size, &width, &height, &why); // checked by the command line
    else if (const std::string kept = configValue("guiSize"); !kept.empty() && !parseWindowSize(kept, &width, &height, &why))
        width = 1600, height = 900;
    GLFWwindow* window = glfwCreateWindow(width, height, "headroom", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "headroom: cannot create a window (OpenGL 3.0)\n");
        rig->shutdown();
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSetWindowSizeLimits(window, kMinWindowWidth, kMinWindowHeight, GLFW_DONT_CARE, GLFW_DONT_CARE);
    glfwSwapInterval(1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr; // the show holds the console's state, not imgui.ini
    applyConsoleStyle();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");

    GuiState state;
    if (options.view == "channel") state.view = View::Channel;
    if (options.view == "bus") state.view = View::Bus;
    if (options.view == "scenes") state.view = View::Scenes;
    if (options.view == "record") state.view = View::Record;
    if (options.view == "patch") state.view = View::Patch;
    if (options.view == "fx") state.view = View::Fx;
    if (options.view == "setup") state.view = View::Setup;
    if (options.view == "sends") state.sendsOnFader = 0;
    state.narrow = options.narrow || configValue("narrowStrips") == "on"; // as the window was left
    std::snprintf(state.customText, sizeof state.customText, "%s", configValue("customBank").c_str());
    words::numberList(state.customText, &state.customChannels, 256);
    if (options.view == "dca") state.layer = 1;    // the mixer with its DCA layer
    if (options.view == "matrix") state.layer = 2; // and with its matrices
    if (!rig->recoveryOffer.first.empty()) { // unsaved work from the last run: asked at once
        state.files.recoverPath = rig->recoveryOffer.first;
        state.files.recoverWhen = rig->recoveryOffer.second;
        state.files.askRecover = options.screenshot.empty();
    }
    Autosave autosave(rig->session, std::chrono::milliseconds(static_cast<int>(run.autosaveSeconds * 1000)));
    const auto frameBudget = std::chrono::microseconds(1000000 / std::max(1, options.maxFps));
    auto lastFrame = std::chrono::steady_clock::now();
    int frame = 0;
    bool wrote = true;
    std::vector<double> frameMs, renderMs; // per frame: building and submitting it; the renderer finishing it
    std::signal(SIGINT, onStopSignal); // a logout or a service stop: leave as after a close, the recovery file kept
    std::signal(SIGTERM, onStopSignal);
    while (!state.files.quit && gStopSignal.load() == 0) {
        glfwPollEvents();
        if (glfwWindowShouldClose(window)) { // the close button: asks first when work is unsaved
            glfwSetWindowShouldClose(window, GLFW_FALSE);
            std::lock_guard<std::mutex> control(rig->session.control);
            RequestClose(rig->session, state);
            if (state.files.quit) break;
        }
        if (glfwGetWindowAttrib(window, GLFW_ICONIFIED)) { // sleep while minimised
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        rig->supervise();
        if (const std::string e = autosave.poll(); !e.empty()) state.message = "error: " + e;
        const auto frameStart = std::chrono::steady_clock::now();
        std::unique_lock<std::mutex> control(rig->session.control); // the surface thread waits for the frame
        syncSelection(rig->surfaces, state);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        if (!options.screenshot.empty()) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX); // no stray hover
        ImGui::NewFrame();
        // A fault while building the frame (an exception from any view) must not end the show: the
        // window stack is put back, the frame is drawn as far as it got, and the status bar says why.
        try {
            const ImGuiViewport* vp = ImGui::GetMainViewport();
            ImGui::SetNextWindowPos(vp->Pos);
            ImGui::SetNextWindowSize(vp->Size);
            ImGui::Begin("console", nullptr,
                         ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
            DrawStatusBar(rig->session, state);
            HandleKeys(rig->session, state);
            DrawShowDialogs(rig->session, state);
            if (ImGui::BeginTabBar("views")) {
                struct Tab { const char* name; View view; };
                for (const Tab& t : {Tab{"Mixer", View::Mixer}, Tab{"Channel", View::Channel}, Tab{"Bus", View::Bus}, Tab{"Scenes", View::Scenes},
                                     Tab{"Record", View::Record}, Tab{"Patch", View::Patch}, Tab{"FX", View::Fx}, Tab{"Setup", View::Setup}}) {
                    // A view chosen by a click elsewhere (a channel's name) or --view selects its tab.
                    const bool force = t.view == state.view && state.view != state.tabShown;
                    if (ImGui::BeginTabItem(t.name, nullptr, force ? ImGuiTabItemFlags_SetSelected : 0)) {
                        if (state.tabShown != t.view) state.tabShown = state.view = t.view;
                        ImGui::EndTabItem();
                    }
                }
                ImGui::EndTabBar();
            }
            switch (state.view) {
            case View::Mixer: DrawMixer(rig->session, state); break;
            case View::Channel: DrawChannel(rig->session, state); break;
            case View::Bus: DrawBus(rig->session, state); break;
            case View::Scenes: DrawScenes(rig->session, state); break;
            case View::Record: DrawRecord(rig->session, state); break;
            case View::Patch: DrawPatch(rig->session, state); break;
            case View::Fx: DrawFx(rig->session, state); break;
            case View::Setup: DrawSetup(*rig, state); break;
            }
            ImGui::End();
        } catch (const std::exception& e) {
            ImGui::ErrorCheckEndFrameRecover(nullptr);
            state.message = std::string("error: the GUI frame failed: ") + e.what();
        }
        ImGui::Render();
        control.unlock();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(0.09f, 0.09f, 0.11f, 1.0f); // the window background itself
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        const auto built = std::chrono::steady_clock::now();
        glFinish(); // and the renderer's own work (llvmpipe under Xvfb: CPU too)
        if (!options.screenshot.empty()) { // only the screenshot run reports them, after options.frames frames
            frameMs.push_back(std::chrono::duration<double, std::milli>(built - frameStart).count());
            renderMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - built).count());
        }
        ++frame;
        if (!options.screenshot.empty() && frame >= options.frames) {
            wrote = writeScreenshot(options.screenshot, w, h);
            auto median = [](std::vector<double> v) {
                v.erase(v.begin(), v.begin() + static_cast<long>(std::min<size_t>(v.size() - 1, 5))); // warm-up
                std::sort(v.begin(), v.end());
                return v[v.size() / 2];
            };
            if (wrote)
                std::printf("wrote %s (%dx%d, frame %d); frame CPU time median %.2f ms to build and submit, "
                            "%.2f ms more for the GL renderer to finish\n",
                            options.screenshot.c_str(), w, h, frame, median(frameMs), median(renderMs));
            else
                std::printf("error: cannot write %s\n", options.screenshot.c_str());
            break;
        }
        glfwSwapBuffers(window);
        // Cap the frame rate: vsync is not honoured everywhere (Xvfb).
        std::this_thread::sleep_until(lastFrame + frameBudget);
        const auto now = std::chrono::steady_clock::now();
        state.fps = 0.9 * state.fps + 0.1 / std::max(1e-6, std::chrono::duration<double>(now - lastFrame).count());
        lastFrame = now;
    }
    if (options.screenshot.empty()) { // the window keeps its size: the next start opens it so
        int w = 0, h = 0;
        glfwGetWindowSize(window, &w, &h);
        if (w >= kMinWindowWidth && h >= kMinWindowHeight) setConfigValue("guiSize", std::to_string(w) + "x" + std::to_string(h));
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    rig->shutdown();
    return wrote ? 0 : 1;
}

bool parseWindowSize(const std::string& text, int* width, int* height, std::string* why) {
    int w = 0, h = 0;
    size_t used = 0;
    const size_t x = text.find_first_of("xX");
    try {
        w = std::stoi(text.substr(0, x), &used);
        if (used != (x == std::string::npos ? text.size() : x)) throw std::invalid_argument("trailing");
        if (x == std::string::npos) h = w * 9 / 16;
        else {
            h = std::stoi(text.substr(x + 1), &used);
            if (used != text.size() - x - 1) throw std::invalid_argument("trailing");
        }
    } catch (const std::exception&) {
        *why = "'" + text + "' is not a window size (WIDTHxHEIGHT, e.g. 1280x720)";
        return false;
    }
    if (w < kMinWindowWidth || h < kMinWindowHeight || w > 7680 || h > 4320) {
        *why = "'" + text + "': a window is " + std::to_string(kMinWindowWidth) + "x" + std::to_string(kMinWindowHeight) +
               " to 7680x4320";
        return false;
    }
    *width = w;
    *height = h;
    return true;
}

} // namespace hr::gui
