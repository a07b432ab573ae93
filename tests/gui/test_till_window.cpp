// The till's window under a private Xvfb, driven by scripts against a stand-in model that records
// the intents it got: taps by label, typing into the focused field, the tender's amount field,
// expect-text, failures that name their line, and screenshots at both sizes.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <sstream>
#include <variant>

#include "png_file.hpp"
#include "scripted_till.hpp"
#include "window_run.hpp"
#include "xvfb_display.hpp"

namespace app = tillbook::pos::app;
namespace ui = tillbook::pos::ui;
using tillbook::testing::FreshScreenshotDir;
using tillbook::testing::IntentsOf;
using tillbook::testing::ReadPng;
using tillbook::testing::RunScriptedWindow;
using tillbook::testing::ScriptedTill;
using tillbook::testing::XvfbDisplay;

namespace {

// The demo sale, verbatim, with screenshots of each screen.
constexpr std::string_view kDemoSale =
    "screenshot sign_in.png\n"
    "login 1111\n"
    "screenshot open_shift.png\n"
    "type 100.00\n"
    "tap \"Open shift\"\n"
    "scan 5060123450019\n"
    "scan 5060456110017\n"
    "expect-text \"£11.45\"\n"
    "screenshot sale.png\n"
    "tap \"Pay\"\n"
    "tap \"Cash\"\n"
    "screenshot tender.png\n"
    "type 20.00\n"
    "tap \"Complete sale\"\n"
    "expect-text \"Change £8.55\"\n"
    "screenshot change.png\n"
    "wait-sync\n"
    "tap \"New sale\"\n"
    "tap \"Status\"\n"
    "expect-text \"Till status\"\n"
    "screenshot status.png\n"
    "quit\n";

void CheckScreenshots(const std::filesystem::path& dir, ui::WindowSize size) {
    for (const char* name :
         {"sign_in.png", "open_shift.png", "sale.png", "tender.png", "change.png", "status.png"}) {
        CAPTURE(name);
        const auto png = ReadPng(dir / name);
        REQUIRE(png.read);
        CHECK(png.width == static_cast<std::uint32_t>(size.width));
        CHECK(png.height == static_cast<std::uint32_t>(size.height));
        CHECK(png.colours > 20);  // text and buttons, not a blank window
    }
}

void RunDemoSale(ui::WindowSize size, std::string_view name) {
    XvfbDisplay display;
    ScriptedTill till;
    const auto dir = FreshScreenshotDir(name);
    const auto run = RunScriptedWindow(till, kDemoSale, size, dir);
    INFO(run.log);
    REQUIRE(run.exit_code == 0);

    const auto pins = IntentsOf<app::SubmitPin>(till);
    REQUIRE(pins.size() == 1);
    CHECK(pins[0].pin == "1111");
    const auto shifts = IntentsOf<app::OpenShift>(till);
    REQUIRE(shifts.size() == 1);
    CHECK(shifts[0].amount_text == "100.00");
    const auto scans = IntentsOf<app::ScanCode>(till);
    REQUIRE(scans.size() == 2);
    CHECK(scans[0].code == "5060123450019");
    CHECK(scans[0].source == app::ScanSource::kScanner);
    CHECK(IntentsOf<app::StartTender>(till).size() == 1);
    const auto tenders = IntentsOf<app::ChooseTender>(till);
    REQUIRE(tenders.size() == 1);
    CHECK(tenders[0].tender == app::TenderKind::kCash);
    const auto completes = IntentsOf<app::CompleteSale>(till);
    REQUIRE(completes.size() == 1);
    // The field opened with "11.45" selected: typing replaced it.
    CHECK(completes[0].amount_text == "20.00");
    CHECK(completes[0].print_receipt);
    CheckScreenshots(dir, size);
}

}  // namespace

TEST_CASE("the demo sale script passes at 1024x768 and leaves a screenshot of every screen") {
    RunDemoSale(ui::WindowSize{1024, 768}, "demo_sale_1024x768");
}

TEST_CASE("the demo sale script passes at 1920x1080 and leaves a screenshot of every screen") {
    RunDemoSale(ui::WindowSize{1920, 1080}, "demo_sale_1920x1080");
}

TEST_CASE("a card payment's amount field opens with what is due, selected, so typing replaces it") {
    XvfbDisplay display;
    ScriptedTill till;
    const auto dir = FreshScreenshotDir("card_then_cash");
    const auto run = RunScriptedWindow(till,
                                       "login 1111\ntype 50\ntap \"Open shift\"\n"
                                       "scan 5060123450019\ntap \"Pay\"\ntap \"Card\"\n"
                                       "expect-text \"6.50\"\ntype 5.00\nscreenshot card.png\n"
                                       "tap \"Add payment\"\nexpect-text \"£1.50\"\ntap \"Cash\"\n"
                                       "screenshot split.png\n"
                                       "tap \"Complete sale\"\nexpect-text \"Sale complete\"\n",
                                       ui::WindowSize{1024, 768}, dir);
    INFO(run.log);
    REQUIRE(run.exit_code == 0);
    const auto payments = IntentsOf<app::AddPayment>(till);
    REQUIRE(payments.size() == 1);
    CHECK(payments[0].amount_text == "5.00");
    // The second entry opened with what was still due, and was taken as it stood.
    const auto completes = IntentsOf<app::CompleteSale>(till);
    REQUIRE(completes.size() == 1);
    CHECK(completes[0].amount_text == "1.50");
}

TEST_CASE("a quick amount fills the amount field and Complete sale takes it") {
    XvfbDisplay display;
    ScriptedTill till;
    const auto run = RunScriptedWindow(till,
                                       "login 1111\ntype 50\ntap \"Open shift\"\n"
                                       "scan 5060123450019\ntap \"Pay\"\ntap \"Cash\"\n"
                                       "tap \"50.00\"\ntap \"Complete sale\"\n"
                                       "expect-text \"Change £43.50\"\n",
                                       ui::WindowSize{1024, 768});
    INFO(run.log);
    REQUIRE(run.exit_code == 0);
    const auto completes = IntentsOf<app::CompleteSale>(till);
    REQUIRE(completes.size() == 1);
    CHECK(completes[0].amount_text == "50.00");
}

// A touchscreen moves the pointer and presses in the same frame: a tap going straight from one
// row to another was lost while rows allowed items over them (ImGui's AllowItemOverlap wants the
// row hovered the frame before).
TEST_CASE("tapping a cart line selects it, straight after another, and + changes its quantity") {
    XvfbDisplay display;
    ScriptedTill till;
    const auto run = RunScriptedWindow(
        till,
        "login 1111\ntype 50\ntap \"Open shift\"\nscan 5060123450019\nscan 5060456110017\n"
        "tap \"Oat & honey biscuits (Zoë's)\"\ntap \"Earl Grey loose leaf tea 125 g\"\n"
        "tap \"+\"\nexpect-text \"£13.00\"\n",
        ui::WindowSize{1920, 1080});
    INFO(run.log);
    REQUIRE(run.exit_code == 0);
    const auto selects = IntentsOf<app::SelectLine>(till);
    REQUIRE(selects.size() == 2);
    CHECK(selects[0].line_no == 2);
    CHECK(selects[1].line_no == 1);
    const auto changes = IntentsOf<app::ChangeQuantity>(till);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].line_no == 1);
    CHECK(changes[0].delta_units == 1);
}

TEST_CASE("expect-text that never shows fails naming its line and what the screen showed") {
    XvfbDisplay display;
    ScriptedTill till;
    const auto run =
        RunScriptedWindow(till, "# a sign-in\nlogin 1111\nexpect-text \"£99.99\"\nquit\n");
    CHECK(run.exit_code == ui::kScriptFailed);
    CHECK(run.log.find("script line 3: expect-text \"£99.99\": \"£99.99\" is not on screen") !=
          std::string::npos);
    CHECK(run.log.find("Count the float into the drawer") != std::string::npos);
}

TEST_CASE("a tap on a label that is not on screen fails naming the labels it saw") {
    XvfbDisplay display;
    ScriptedTill till;
    const auto run = RunScriptedWindow(till, "tap \"Pay\"\n");
    CHECK(run.exit_code == ui::kScriptFailed);
    CHECK(run.log.find("script line 1: tap \"Pay\": no control labelled \"Pay\"") !=
          std::string::npos);
    CHECK(run.log.find("\"OK\"") != std::string::npos);
    CHECK(run.log.find("\"7\"") != std::string::npos);
    CHECK(till.got.empty());
}

TEST_CASE("a tap on a label two controls share fails as ambiguous and taps neither") {
    XvfbDisplay display;
    ScriptedTill till;
    const auto run = RunScriptedWindow(till, "tap \"Status\"\ntap \"Reprint\"\n");
    CHECK(run.exit_code == ui::kScriptFailed);
    CHECK(run.log.find("script line 2: tap \"Reprint\": \"Reprint\" is ambiguous: 2 controls") !=
          std::string::npos);
    CHECK(IntentsOf<app::Reprint>(till).empty());
}

TEST_CASE("typing with no text field focused fails naming the line") {
    XvfbDisplay display;
    ScriptedTill till;
    const auto run = RunScriptedWindow(till, "type 1234\n");
    CHECK(run.exit_code == ui::kScriptFailed);
    CHECK(run.log.find("script line 1: type 1234: no text field has the keyboard focus") !=
          std::string::npos);
}

TEST_CASE("a wrong PIN shows the model's message and leaves the PIN pad up") {
    XvfbDisplay display;
    ScriptedTill till;
    const auto run = RunScriptedWindow(till, "login 9999\nexpect-text \"Wrong PIN\"\ntap \"OK\"\n");
    // OK is greyed out again: the pad forgot the digits it sent.
    CHECK(run.exit_code == ui::kScriptFailed);
    CHECK(run.log.find("\"OK\" is on screen but greyed out") != std::string::npos);
    const auto pins = IntentsOf<app::SubmitPin>(till);
    REQUIRE(pins.size() == 1);
    CHECK(pins[0].pin == "9999");
}

TEST_CASE("one tap works on a control drawn before the search box that has the keyboard") {
    XvfbDisplay display;
    ScriptedTill till;
    // The sale screen opens with the search box focused; "Status" (in the bar above it) is
    // tapped straight away.
    const auto run = RunScriptedWindow(
        till,
        "login 1111\ntype 50\ntap \"Open shift\"\ntap \"Status\"\nexpect-text \"Till status\"\n");
    INFO(run.log);
    CHECK(run.exit_code == 0);
    CHECK(IntentsOf<app::ShowStatus>(till).size() == 1);
}

TEST_CASE("the pairing screen takes the code typed into its focused field and pairs") {
    XvfbDisplay display;
    ScriptedTill till;
    till.StartOnPairingScreen();
    const auto dir = FreshScreenshotDir("pairing");
    const auto run = RunScriptedWindow(till,
                                       "type 4821-0937-5512\nscreenshot pairing.png\ntap \"Pair\"\n"
                                       "expect-text \"Pairing...\"\nscreenshot pairing_busy.png\n",
                                       ui::WindowSize{1024, 768}, dir);
    INFO(run.log);
    REQUIRE(run.exit_code == 0);
    const auto pairs = IntentsOf<app::PairTill>(till);
    REQUIRE(pairs.size() == 1);
    CHECK(pairs[0].office_url == "http://127.0.0.1:8080");
    CHECK(pairs[0].code == "4821-0937-5512");
    CHECK(pairs[0].till_name == "T1");
    CHECK(ReadPng(dir / "pairing.png").colours > 20);
}

TEST_CASE("the status bar and screen tell the truth offline with the printer out of paper") {
    for (const ui::WindowSize size : {ui::WindowSize{1024, 768}, ui::WindowSize{1920, 1080}}) {
        XvfbDisplay display;
        ScriptedTill till;
        till.HaveTrouble();
        const auto dir = FreshScreenshotDir(fmt::format("trouble_{}x{}", size.width, size.height));
        const auto run = RunScriptedWindow(
            till,
            "login 1111\nexpect-text \"Offline since 14:02\"\nexpect-text \"12 unsent\"\n"
            "expect-text \"Printer: out of paper\"\nscreenshot open_shift.png\n"
            "tap \"Status\"\nexpect-text \"The office has no staff member 7\"\n"
            "screenshot status.png\ntap \"Close\"\nexpect-text \"Count the float\"\n",
            size, dir);
        INFO(run.log);
        CHECK(run.exit_code == 0);
        CHECK(ReadPng(dir / "status.png").colours > 20);
    }
}

TEST_CASE(
    "search as you type, a hit, a category's quick key and the keypad's quantity reach the model") {
    XvfbDisplay display;
    ScriptedTill till;
    const auto dir = FreshScreenshotDir("sale_finder");
    const auto run = RunScriptedWindow(
        till,
        "login 1111\ntype 50\ntap \"Open shift\"\n"
        "type Earl\nexpect-text \"Earl Grey loose leaf tea 125 g\"\nscreenshot search.png\n"
        "tap \"Earl Grey loose leaf tea 125 g\"\nexpect-text \"£6.50\"\n"
        "tap \"Biscuits\"\ntap \"Oat & honey\"\nexpect-text \"£11.45\"\n"
        "tap \"3\"\ntap \"Set qty\"\nexpect-text \"£21.35\"\nscreenshot quick_keys.png\n",
        ui::WindowSize{1920, 1080}, dir);
    INFO(run.log);
    REQUIRE(run.exit_code == 0);
    const auto searches = IntentsOf<app::SearchChanged>(till);
    REQUIRE(searches.size() >= 2);
    CHECK(searches.front().text == "Earl");  // the script types it in one frame
    CHECK(searches.back().text.empty());     // the hit taken clears the search
    const auto added = IntentsOf<app::AddSku>(till);
    REQUIRE(added.size() == 2);
    CHECK(added[0].sku == "5060123450019");
    CHECK(added[1].sku == "5060456110017");
    const auto quantities = IntentsOf<app::SetQuantity>(till);
    REQUIRE(quantities.size() == 1);
    CHECK(quantities[0].line_no == 2);
    CHECK(quantities[0].quantity_text == "3");
}

TEST_CASE("a window closed before its script ends fails the script") {
    struct CloseAtOnce : ui::FrameObserver {
        bool AfterFrame(const ui::FrameReport& report) override { return report.frame < 3; }
    } closer;
    XvfbDisplay display;
    ScriptedTill till;
    auto script = ui::ParseScript("login 1111\nexpect-text \"never\"\n");
    REQUIRE(script.has_value());
    std::ostringstream log;
    ui::TillWindowOptions options;
    options.script = *script;
    options.observer = &closer;
    options.log = &log;
    CHECK(ui::RunTillWindow(till, options) == ui::kScriptFailed);
    CHECK(log.str().find("the window closed before the script ended") != std::string::npos);
}

TEST_CASE("a long cart shows its newest line, and the lines scrolled away are not on screen") {
    XvfbDisplay display;
    ScriptedTill till;
    till.StartOnSaleScreen();
    till.AddLines(200);
    const auto dir = FreshScreenshotDir("long_cart");
    const auto run = RunScriptedWindow(till,
                                       "expect-text \"Line 200\"\nscan 5060123450019\n"
                                       "expect-text \"Earl Grey loose leaf tea 125 g\"\n"
                                       "screenshot long_cart.png\n",
                                       ui::WindowSize{1024, 768}, dir);
    INFO(run.log);
    REQUIRE(run.exit_code == 0);
    // What expect-text sees is what a person sees: the first lines are scrolled out of sight.
    const auto early = RunScriptedWindow(till, "expect-text \"Line 5\"\n");  // 5, 50 to 59
    CHECK(early.exit_code == ui::kScriptFailed);
}
