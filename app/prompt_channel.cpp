// The prompt's channel commands: solo clear, and channel presets (list, save, load) in the
// preset folder beside the user config (engine/show/channel_preset.h says what a preset holds).
#include "prompt.h"
#include "prompt_words.h"
#include "show/channel_preset.h"
#include "user_config.h"

namespace hr {

using words::number;

// solo clear: every channel and bus solo off, as the monitor section's CLEAR SOLO.
std::string Prompt::solo(const std::vector<std::string>& args) {
    if (args.size() != 1 || args[0] != "clear") return "error: solo: expected clear (solo one strip: set /ch/3/solo on)\n";
    Console& c = session_.engine->console();
    int cleared = 0;
    auto off = [&](ParamId id) {
        if (c.params().get(id) < 0.5f) return;
        c.params().set(id, 0.0f, Source::Prompt);
        ++cleared;
    };
    for (const ChannelIds& ch : c.tree().channels) off(ch.solo);
    for (const MasterIds& b : c.tree().buses) off(b.solo);
    return "ok: " + std::to_string(cleared) + (cleared == 1 ? " solo" : " solos") + " cleared\n";
}

// preset list | preset save CH [whole|eq|dynamics] NAME... | preset load CH NAME...
std::string Prompt::preset(const std::vector<std::string>& args) {
    const std::string folder = presetFolder();
    const std::string usage = "error: preset: expected list, save CH [whole|eq|dynamics] NAME, or load CH NAME\n";
    if (args.empty()) return usage;
    if (args[0] == "list") {
        const auto presets = listChannelPresets(folder);
        if (presets.empty()) return "ok: no presets in " + folder + "\n";
        std::string out = "ok: " + std::to_string(presets.size()) + " presets in " + folder + "\n";
        for (const PresetListing& p : presets) out += "  " + p.name + " (" + p.part + ")\n";
        return out;
    }
    if ((args[0] != "save" && args[0] != "load") || args.size() < 3) return usage;
    Console& console = session_.engine->console();
    const int channels = console.config().channels;
    int channel = 0;
    if (!number(args[1], &channel) || channel < 1 || channel > channels)
        return "error: preset: '" + args[1] + "' is not a channel (1.." + std::to_string(channels) + ")\n";
    size_t first = 2;
    ChannelPart part = ChannelPart::Whole;
    if (args[0] == "save" && args.size() > 3)
        if (const auto named = channelPartFromName(args[2])) {
            part = *named;
            first = 3;
        }
    std::string name = args[first];
    for (size_t k = first + 1; k < args.size(); ++k) name += " " + args[k];
    std::string why;
    if (args[0] == "save") {
        if (!saveChannelPreset(console.params(), channel, part, folder, name, &why)) return "error: preset: " + why + "\n";
        return "ok: saved the " + std::string(channelPartName(part)) + " of channel " + std::to_string(channel) + " as " +
               presetPath(folder, name) + "\n";
    }
    const auto changed = loadChannelPreset(console.params(), channel, folder, name, Source::Prompt, &why);
    if (!changed) return "error: preset: " + why + " (channel " + std::to_string(channel) + " unchanged)\n";
    return "ok: " + name + " on channel " + std::to_string(channel) + ": " + std::to_string(*changed) + " values changed\n";
}

} // namespace hr
