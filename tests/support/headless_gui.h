// A headless ImGui for the GUI tests: fonts built, a fixed 1600x900 display, no backend.
#pragma once

#include <imgui.h>

#include <string>

namespace hr::test {

struct Headless {
    Headless() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1600, 900);
        io.DeltaTime = 1.0f / 60.0f;
        io.IniFilename = nullptr;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~Headless() { ImGui::DestroyContext(); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;
    // One frame: the mouse at `pos`, button `down`, drawing `body` in a full-screen window.
    template <class F> void frame(ImVec2 pos, bool down, F&& body) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = pos;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
        body();
        ImGui::End();
        ImGui::Render();
    }
    // Clicks the widget a view noted under `name` in `probe` (a gui::ProbeMap), drawing with
    // `body`: false when it was not drawn.
    template <class Probe, class F> bool click(Probe& probe, const std::string& name, F&& body) {
        probe.clear();
        frame(ImVec2(-1, -1), false, body);
        const auto it = probe.find(name);
        if (it == probe.end()) return false;
        const ImVec2 at((it->second.min.x + it->second.max.x) * 0.5f, (it->second.min.y + it->second.max.y) * 0.5f);
        frame(at, false, body);
        frame(at, true, body);
        frame(at, false, body);
        frame(ImVec2(-1, -1), false, body);
        return true;
    }
    // Clicks the text field `name`, selects what is in it (ctrl-A), types `text` over it and
    // clicks away, which is when a view takes the edit.
    template <class Probe, class F> bool type(Probe& probe, const std::string& name, const std::string& text, F&& body) {
        if (!click(probe, name, body)) return false;
        ImGuiIO& io = ImGui::GetIO();
        io.KeyMap[ImGuiKey_A] = 'A';
        io.KeyCtrl = true;
        io.KeysDown['A'] = true;
        frame(ImVec2(-1, -1), false, body);
        io.KeysDown['A'] = false;
        io.KeyCtrl = false;
        frame(ImVec2(-1, -1), false, body);
        for (char c : text) io.AddInputCharacter(static_cast<unsigned>(c));
        frame(ImVec2(-1, -1), false, body);
        const ImVec2 away(io.DisplaySize.x - 10, io.DisplaySize.y - 10);
        for (bool down : {false, true, false}) frame(away, down, body);
        frame(ImVec2(-1, -1), false, body);
        return true;
    }
};

} // namespace hr::test
