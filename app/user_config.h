// The user config file: the machine's own choices (audio API, device, rate, buffer),
// remembered from the last successful run and reused when the command line is silent.
// $HEADROOM_CONFIG, else $XDG_CONFIG_HOME/headroom/config.json, else
// ~/.config/headroom/config.json. A damaged file is reported and ignored, never fatal.
#pragma once

#include "io/audio_device.h"

#include <string>
#include <vector>

namespace hr {

std::string userConfigPath();
// Channel presets: $HEADROOM_PRESETS, else a "presets" folder beside the user config.
std::string presetFolder();
// Fills the fields of `request` the user left empty from the file; returns a warning or "".
std::string loadUserConfig(DeviceRequest* request, bool apiGiven, bool deviceGiven, bool rateGiven, bool bufferGiven);
// Remembers what was opened; returns an error or "".
std::string saveUserConfig(const DeviceRequest& opened);
std::string lastShow();                           // the show last loaded or saved ("" if none)
void rememberShow(const std::string& showPath);   // for `headroom` to open it next time, and first of the recent
std::vector<std::string> recentShows();           // newest first, those still there
constexpr size_t kRecentShows = 8;
std::string configValue(const std::string& key);  // a remembered string ("" if none)
void setConfigValue(const std::string& key, const std::string& value);

} // namespace hr
