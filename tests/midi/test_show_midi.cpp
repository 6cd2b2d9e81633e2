// A show's MIDI sections are checked with the show: every wrong type is refused with the
// file, line and column of the value (these aborted `headroom check` with type_error 306).
#include "show_midi.h"

#include <catch2/catch.hpp>

#include <string>

using namespace hr;

namespace {
std::string showWith(const std::string& sections) {
    return "{\n\"console\": {\"channels\": 2, \"inputs\": 2, \"outputs\": 2, \"buses\": [\"mono\"]},\n" + sections + "\n}\n";
}

std::string refusal(const std::string& sections) {
    ShowError e;
    const auto show = parseShow(showWith(sections), "s.json", &e);
    REQUIRE(show.has_value());
    ShowSurfaces surfaces;
    REQUIRE_FALSE(checkShowMidi(*show, "s.json", &surfaces, &e));
    return e.message();
}
} // namespace

TEST_CASE("wrong types in surfaces and midi are refused at their line and column", "[surfaces][learn][json]") {
    REQUIRE(refusal("\"surfaces\": [{\"name\": \"a\", \"kind\": \"hui\"}]") ==
            "s.json:3:36: surfaces[0].kind: expected \"mcu\" or \"generic\"");
    REQUIRE(refusal("\"surfaces\": [{\"name\": \"a\", \"kind\": \"mcu\",\n  \"units\": [{\"role\": \"main\", \"in\": 3}]}]") ==
            "s.json:4:36: surfaces[0].units[0].in: expected a port name (text; \"\" for a virtual port)");
    REQUIRE(refusal("\"midi\": 5") == "s.json:3:9: midi: expected an object (maps, programChange)");
    REQUIRE(refusal("\"midi\": {\"maps\": {}}") == "s.json:3:18: midi.maps: expected a list of mappings");
    REQUIRE(refusal("\"midi\": {\"maps\": [3]}") == "s.json:3:19: midi.maps[1]: expected an object with a parameter \"path\"");
    REQUIRE(refusal("\"midi\": {\"maps\": [{\"path\": \"/ch/1/fader\", \"channel\": \"1\"}]}") ==
            "s.json:3:54: midi.maps: /ch/1/fader: channel is not 1-16");
    REQUIRE(refusal("\"midi\": {\"maps\": [{\"path\": \"/ch/9/fader\"}]}") == "s.json:3:28: midi.maps: /ch/9/fader: no such parameter");
    REQUIRE(refusal("\"midi\": {\"maps\": [{\"path\": \"/ch/1/mute\", \"momentary\": 1}]}") ==
            "s.json:3:55: midi.maps: /ch/1/mute: momentary is not true or false");
    REQUIRE(refusal("\"midi\": {\"programChange\": {\"channel\": 99999999999}}") ==
            "s.json:3:39: midi.programChange.channel: expected a MIDI channel 1-16 or \"any\"");
}

TEST_CASE("good MIDI sections pass the check", "[surfaces][learn][json]") {
    ShowError e;
    const auto show = parseShow(showWith("\"surfaces\": [{\"name\": \"desk\", \"kind\": \"mcu\"}],\n"
                                         "\"midi\": {\"maps\": [{\"path\": \"/ch/2/fader\", \"kind\": \"cc\", \"number\": 7}]}"),
                                "s.json", &e);
    REQUIRE(show.has_value());
    ShowSurfaces surfaces;
    REQUIRE(checkShowMidi(*show, "s.json", &surfaces, &e));
    REQUIRE(surfaces.present);
    REQUIRE(surfaces.surfaces.size() == 1);
}
