// Keys reaching the real window from the X server (XTest under a private Xvfb): a scanner's burst
// becomes one scan from the keyboard wedge, and a person's typing goes into the focused field.
#include <doctest/doctest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <variant>

#include "scripted_till.hpp"
#include "tillbook/pos/ui/till_window.hpp"
#include "x_keyboard.hpp"
#include "xvfb_display.hpp"

namespace app = tillbook::pos::app;
namespace ui = tillbook::pos::ui;
using tillbook::testing::ScriptedTill;
using tillbook::testing::XKeyboard;
using tillbook::testing::XvfbDisplay;

namespace {

using Clock = std::chrono::steady_clock;

// Presses keys between frames: first a scanner's burst, then a person's word a key at a time.
class KeyPresser : public ui::FrameObserver {
  public:
    bool AfterFrame(const ui::FrameReport& report) override {
        if (report.frame == 5) m_keyboard.MovePointer(300, 300);
        if (report.frame == 10) m_keyboard.Type("5060123450019\r");
        const auto now = Clock::now();
        if (report.frame > 30 && m_typed < m_word.size() &&
            now - m_last_key > std::chrono::milliseconds(120)) {
            m_keyboard.Type(m_word.substr(m_typed++, 1));
            m_last_key = now;
        }
        const auto field = report.record->FocusedField();
        shown_in_field = field && report.record->ShowsText(m_word);
        return !shown_in_field && report.frame < 2000;
    }
    bool shown_in_field = false;

  private:
    XKeyboard m_keyboard;
    std::string_view m_word = "Milk";  // on screen nowhere else
    std::size_t m_typed = 0;
    Clock::time_point m_last_key{};
};

}  // namespace

TEST_CASE("a scanner's keys become one scan and a person's keys go into the search box") {
    XvfbDisplay display("1024x768x24");
    ScriptedTill till;
    till.StartOnSaleScreen();
    KeyPresser presser;
    ui::TillWindowOptions options;
    options.size = ui::WindowSize{1024, 768};
    options.observer = &presser;
    std::ostringstream log;
    options.log = &log;
    REQUIRE(ui::RunTillWindow(till, options) == ui::kWindowClosed);
    INFO(log.str());
    CHECK(presser.shown_in_field);

    std::vector<app::ScanCode> scans;
    std::vector<std::string> searches;
    for (const auto& intent : till.got) {
        if (const auto* scan = std::get_if<app::ScanCode>(&intent)) scans.push_back(*scan);
        if (const auto* search = std::get_if<app::SearchChanged>(&intent))
            searches.push_back(search->text);
    }
    REQUIRE(scans.size() == 1);
    CHECK(scans[0].code == "5060123450019");
    CHECK(scans[0].source == app::ScanSource::kKeyboardWedge);
    REQUIRE_FALSE(searches.empty());
    CHECK(searches.back() == "Milk");
    // The scan's digits never reached the search box.
    for (const auto& text : searches)
        CHECK(text.find('5') == std::string::npos);
}
