// The harness itself: traced widgets can be clicked, typed into and read back.
#include "tests/ui/driver.hpp"

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <string>

TEST_CASE("driver: a traced button is clicked over three frames") {
    ui::test::Driver driver;
    int clicks = 0;
    const auto draw = [&] {
        ImGui::Begin("w");
        if (ImGui::Button("Press me")) ++clicks;
        ui::trace::item("press");
        ImGui::Button("Other");
        ui::trace::item("other");
        ui::trace::text_line("hello there");
        ImGui::End();
    };
    driver.frame(draw);
    REQUIRE(driver.sink().find("press") != nullptr);
    CHECK(driver.sink().has_text("hello"));
    CHECK_FALSE(driver.sink().has_text("goodbye"));
    CHECK_FALSE(driver.click("missing", draw));
    CHECK(driver.click("press", draw));
    CHECK(clicks == 1);
    CHECK(driver.click("other", draw));
    CHECK(clicks == 1);  // the other button does not count
}

TEST_CASE("driver: typing reaches a text field and keys use GLFW codes") {
    ui::test::Driver driver;
    std::string buffer(32, '\0');
    int escapes = 0;
    const auto draw = [&] {
        ImGui::Begin("w");
        ImGui::InputText("##field", buffer.data(), buffer.size());
        ui::trace::item("field");
        if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) ++escapes;
        ImGui::End();
    };
    driver.frame(draw);
    REQUIRE(driver.click("field", draw));
    driver.type("2027-01-04", draw);
    CHECK(std::string(buffer.c_str()) == "2027-01-04");
    driver.key(GLFW_KEY_F5, draw);
    CHECK(escapes == 0);
    driver.key(GLFW_KEY_ESCAPE, draw);
    CHECK(escapes == 1);
}
