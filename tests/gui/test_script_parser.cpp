// The scripted mode's language: what parses, and what is refused with its line number.
#include <doctest/doctest.h>

#include <string>

#include "tillbook/pos/ui/script.hpp"

namespace ui = tillbook::pos::ui;

namespace {

std::string ErrorOf(std::string_view text) {
    auto script = ui::ParseScript(text);
    REQUIRE_FALSE(script.has_value());
    return script.error().message;
}

}  // namespace

TEST_CASE("the demo sale script parses into its steps with their line numbers") {
    const auto script = ui::ParseScript(
        "# the demo sale\n"
        "login 1111\n"
        "type 100.00\n"
        "tap \"Open shift\"\n"
        "\n"
        "scan 5060123450019   # the tea\n"
        "expect-text \"£11.45\"\n"
        "wait-sync\n"
        "screenshot sale.png\n"
        "quit\n");
    REQUIRE(script.has_value());
    REQUIRE(script->size() == 8);
    CHECK((*script)[0] == ui::ScriptStep{2, ui::StepKind::kLogin, "1111", "login 1111"});
    CHECK((*script)[1].kind == ui::StepKind::kType);
    CHECK((*script)[1].argument == "100.00");
    CHECK((*script)[2].argument == "Open shift");
    CHECK((*script)[2].line == 4);
    CHECK((*script)[3].line == 6);
    CHECK((*script)[3].kind == ui::StepKind::kScan);
    CHECK((*script)[4].argument == "£11.45");
    CHECK((*script)[5].kind == ui::StepKind::kWaitSync);
    CHECK((*script)[6].argument == "sale.png");
    CHECK((*script)[7].kind == ui::StepKind::kQuit);
}

TEST_CASE("a comment after a scan is not part of the barcode but one inside quotes is text") {
    const auto script = ui::ParseScript("scan 123456 # tea\ntap \"No # here\"\n");
    REQUIRE(script.has_value());
    CHECK((*script)[0].argument == "123456");
    CHECK((*script)[1].argument == "No # here");
}

TEST_CASE("quoted labels take escaped quotes and backslashes, and type takes quotes or the rest") {
    const auto script = ui::ParseScript(
        "tap \"Say \\\"hi\\\" \\\\ there\"\ntype  two words \ntype \"  spaced \"\r\n");
    REQUIRE(script.has_value());
    CHECK((*script)[0].argument == "Say \"hi\" \\ there");
    CHECK((*script)[1].argument == "two words");
    CHECK((*script)[2].argument == "  spaced ");
}

TEST_CASE("an empty script or one of comments only has no steps") {
    CHECK(ui::ParseScript("")->empty());
    CHECK(ui::ParseScript("# nothing\n\n   \n")->empty());
}

TEST_CASE("bad script lines are refused naming their line and what is wrong") {
    CHECK(ErrorOf("login 1111\nfly away\n").starts_with("line 2: unknown step \"fly\""));
    CHECK(ErrorOf("login 12\n").starts_with("line 1: login needs a PIN of 4 to 8 digits"));
    CHECK(ErrorOf("login 12345678901\n").starts_with("line 1: login needs"));
    CHECK(ErrorOf("login 11a1\n").starts_with("line 1: login needs"));
    CHECK(ErrorOf("\n\ntap Pay\n").starts_with("line 3: tap needs its text in double quotes"));
    CHECK(ErrorOf("tap \"Pay\n").starts_with("line 1: the quote is not closed"));
    CHECK(ErrorOf("tap \"Pay\" now\n").starts_with("line 1: unexpected text after the closing"));
    CHECK(ErrorOf("tap \"\"\n").starts_with("line 1: tap \"\" is empty"));
    CHECK(ErrorOf("expect-text\n").starts_with("line 1: expect-text needs its text in double"));
    CHECK(ErrorOf("scan\n").starts_with("line 1: scan needs one barcode"));
    CHECK(ErrorOf("scan 123 456\n").starts_with("line 1: scan needs one barcode"));
    CHECK(ErrorOf("type\n").starts_with("line 1: type needs the text"));
    CHECK(ErrorOf("wait-sync now\n").starts_with("line 1: wait-sync takes nothing after it"));
    CHECK(ErrorOf("quit 0\n").starts_with("line 1: quit takes nothing"));
    CHECK(ErrorOf("screenshot sale.jpg\n").starts_with("line 1: screenshot needs a file name"));
    CHECK(ErrorOf("screenshot ../sale.png\n").starts_with("line 1: screenshot needs"));
    CHECK(ErrorOf("screenshot .png\n").starts_with("line 1: screenshot needs"));
}

TEST_CASE("a script file that cannot be read or has a bad line is refused naming the file") {
    const auto missing = ui::LoadScript("/nonexistent/demo.till");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message.find("/nonexistent/demo.till") != std::string::npos);
}
