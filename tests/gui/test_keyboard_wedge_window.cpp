// Keys reaching the real window from the X server (XTest under a private Xvfb): a scanner's burst
// becomes one scan from the keyboard wedge, and a person's typing goes into the focused field.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <string>
#include <variant>

#include "scripted_till.hpp"
#include "tillbook/pos/ui/till_window.hpp"
#include "x_keyboard.hpp"
#include "xvfb_display.hpp"

namespace app = tillbook::pos::app;
namespace ui = tillbook::pos::ui;
using tillbook::testing::IntentsOf;
using tillbook::testing::ScriptedTill;
using tillbook::testing::XKeyboard;
using tillbook::testing::XvfbDisplay;

namespace {

using Clock = std::chrono::steady_clock;

// Presses keys between frames: a scanner's burst all at once, then a person's keys one at a time,
// until `done` says the window shows what was wanted (or 20 s have passed).
class KeyPresser : public ui::FrameObserver {
  public:
    using Done = std::function<bool(const ui::FrameReport&)>;
    KeyPresser(std::string burst, std::string slow, Done until)
        : m_burst(std::move(burst)), m_slow(std::move(slow)), m_done(std::move(until)) {}

    bool AfterFrame(const ui::FrameReport& report) override {
        if (report.frame == 5) m_keyboard.MovePointer(300, 300);
        if (report.frame == 10 && !m_burst.empty()) m_keyboard.Type(m_burst);
        const auto now = Clock::now();
        // A person's keys start well after the burst, each 120 ms after the last (the wedge's gap
        // is 30 ms).
        if (now - m_started > std::chrono::milliseconds(500) && m_typed < m_slow.size() &&
            now - m_last_key > std::chrono::milliseconds(120)) {
            m_keyboard.Type(std::string_view(m_slow).substr(m_typed++, 1));
            m_last_key = now;
        }
        done = m_done(report);
        return !done && now - m_started < std::chrono::seconds(20);
    }
    bool done = false;

  private:
    XKeyboard m_keyboard;
    std::string m_burst;
    std::string m_slow;
    Done m_done;
    std::size_t m_typed = 0;
    Clock::time_point m_last_key{};
    Clock::time_point m_started = Clock::now();
};

// The window as a person uses it (vsync on: idle frames wait for input).
int RunWithKeys(ScriptedTill& till, KeyPresser& presser) {
    ui::TillWindowOptions options;
    options.size = ui::WindowSize{1024, 768};
    options.observer = &presser;
    return ui::RunTillWindow(till, options);
}

}  // namespace

TEST_CASE("a scanner's keys become one scan and a person's keys go into the search box") {
    XvfbDisplay display("1024x768x24");
    ScriptedTill till;
    till.StartOnSaleScreen();
    // "Milk" is on screen nowhere else: once shown, it is in the focused search box.
    KeyPresser presser("5060123450019\r", "Milk", [](const ui::FrameReport& report) {
        return report.record->FocusedField() && report.record->ShowsText("Milk");
    });
    REQUIRE(RunWithKeys(till, presser) == ui::kWindowClosed);
    CHECK(presser.done);

    const auto scans = IntentsOf<app::ScanCode>(till);
    std::vector<std::string> searches;
    for (const auto& search : IntentsOf<app::SearchChanged>(till))
        searches.push_back(search.text);
    REQUIRE(scans.size() == 1);
    CHECK(scans[0].code == "5060123450019");
    CHECK(scans[0].source == app::ScanSource::kKeyboardWedge);
    REQUIRE_FALSE(searches.empty());
    CHECK(searches.back() == "Milk");
    // The scan's digits never reached the search box.
    for (const auto& text : searches)
        CHECK(text.find('5') == std::string::npos);
}

TEST_CASE("a person typing the float and pressing Enter opens the shift") {
    XvfbDisplay display("1024x768x24");
    ScriptedTill till;
    till.Apply({app::SubmitPin{"1111"}});  // signed in: the float's field has the focus
    KeyPresser presser("", "100.00\r", [](const ui::FrameReport& report) {
        return report.view->screen == app::Screen::kSale;
    });
    REQUIRE(RunWithKeys(till, presser) == ui::kWindowClosed);
    CHECK(presser.done);
    const auto shifts = IntentsOf<app::OpenShift>(till);
    REQUIRE(shifts.size() == 1);
    CHECK(shifts[0].amount_text == "100.00");
}

TEST_CASE("a PIN typed on the keyboard with Enter signs in like the pad") {
    XvfbDisplay display("1024x768x24");
    ScriptedTill till;
    KeyPresser presser("", "1111\r", [](const ui::FrameReport& report) {
        return report.view->screen == app::Screen::kOpenShift;
    });
    REQUIRE(RunWithKeys(till, presser) == ui::kWindowClosed);
    CHECK(presser.done);
    const auto pins = IntentsOf<app::SubmitPin>(till);
    REQUIRE(pins.size() == 1);
    CHECK(pins[0].pin == "1111");
}
