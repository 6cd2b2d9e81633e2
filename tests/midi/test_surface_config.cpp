// The show's "surfaces" and "midi"."programChange" sections: round trip, and every refusal
// names the field and the reason.
#include "surface_host.h"

#include <catch2/catch.hpp>

using namespace hr;
using json = nlohmann::ordered_json;

TEST_CASE("surfaces and program change settings round-trip through the show's JSON", "[surfaces]") {
    SurfaceConfig desk;
    desk.name = "desk";
    desk.units = {{"X-Touch-Ext", "X-Touch-Ext", true}, {"X-Touch", "X-Touch", false}, {"", "", true}};
    SurfaceConfig pads;
    pads.name = "pads";
    pads.kind = SurfaceConfig::Kind::Generic;
    pads.units[0].in = "nanoKONTROL";
    std::vector<SurfaceConfig> back;
    std::string why;
    REQUIRE(surfacesFromJson(surfacesToJson({desk, pads}), &back, &why));
    REQUIRE(back.size() == 2);
    REQUIRE(back[0] == desk);
    REQUIRE(back[1] == pads);
    // Virtual port names: the main unit's after the surface, the XTs counted from the left.
    REQUIRE(desk.mainUnit() == 1);
    REQUIRE(desk.virtualName(0, true) == "desk xt1 in");
    REQUIRE(desk.virtualName(1, false) == "desk out");
    REQUIRE(desk.virtualName(2, true) == "desk xt2 in");
    REQUIRE(pads.virtualName(0, true) == "pads in");

    for (const ProgramChange& pc : {ProgramChange{}, ProgramChange{2, true, 0}, ProgramChange{16, false, 9}}) {
        ProgramChange read{5, true, 5};
        REQUIRE(programChangeFromJson(programChangeToJson(pc), &read, &why));
        REQUIRE(read == pc);
    }
    ShowSurfaces shown;
    REQUIRE(showSurfacesFromJson(json::object(), &shown, &why));
    REQUIRE_FALSE(shown.present); // no section: the surfaces in use (or the defaults) stay
    REQUIRE(shown.pc == ProgramChange{});
}

TEST_CASE("a malformed surfaces section is refused with the field and the reason", "[surfaces]") {
    auto refuse = [](const char* text) {
        ShowSurfaces shown;
        shown.present = false;
        std::string why;
        REQUIRE_FALSE(showSurfacesFromJson(json::parse(text), &shown, &why));
        REQUIRE_FALSE(shown.present); // nothing taken
        return why;
    };
    REQUIRE(refuse(R"({"surfaces": {}})") == "surfaces: expected a list of surfaces");
    REQUIRE(refuse(R"({"surfaces": [{"kind": "mcu"}]})") == "surfaces[0].name: expected a name (it names the virtual ports)");
    REQUIRE(refuse(R"({"surfaces": [{"name": "a", "kind": "mcu"}, {"name": "a", "kind": "generic"}]})") ==
            "surfaces[1].name: 'a' is used twice");
    REQUIRE(refuse(R"({"surfaces": [{"name": "a", "kind": "hui"}]})") == "surfaces[0].kind: expected \"mcu\" or \"generic\"");
    REQUIRE(refuse(R"({"surfaces": [{"name": "a", "kind": "mcu", "units": [{"role": "xt"}]}]})") ==
            "surfaces[0].units: expected exactly one main unit (the others are xt), found 0");
    REQUIRE(refuse(R"({"surfaces": [{"name": "a", "kind": "mcu", "units": [{"role": "side"}]}]})") ==
            "surfaces[0].units[0].role: 'side' is not main or xt");
    REQUIRE(refuse(R"({"surfaces": [{"name": "a", "kind": "mcu", "units": [{"in": 3}]}]})") ==
            "surfaces[0].units[0].in: expected a port name (text; \"\" for a virtual port)");
    REQUIRE(refuse(R"({"surfaces": [{"name": "a", "kind": "mcu", "units": []}]})") ==
            "surfaces[0].units: expected 1 to 8 units (the main unit and its XT extenders, left to right)");
    REQUIRE(refuse(R"({"surfaces": [{"name": "a", "kind": "mcu", "units": [{"role": 1}]}]})") ==
            "surfaces[0].units[0].role: expected \"main\" or \"xt\"");
    REQUIRE(refuse(R"({"surfaces": [{"name": "my desk", "kind": "mcu"}]})") ==
            "surfaces[0].name: 'my desk' is not a surface name (letters, digits, - and _)");
    REQUIRE(refuse(R"({"surfaces": [{"name": "a:b", "kind": "generic"}]})") ==
            "surfaces[0].name: 'a:b' is not a surface name (letters, digits, - and _)");
    REQUIRE(refuse(R"({"midi": {"programChange": {"channel": 17}}})") ==
            "midi.programChange.channel: expected a MIDI channel 1-16 or \"any\"");
    REQUIRE(refuse(R"({"midi": {"programChange": {"send": "on"}}})") ==
            "midi.programChange.send: expected a MIDI channel 1-16 or \"off\"");
    REQUIRE(refuse(R"({"midi": {"programChange": {"action": "next"}}})") ==
            "midi.programChange.action: expected \"recall\" (scene v+1) or \"go\"");
}
