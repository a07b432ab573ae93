#pragma once
// Keyboard input on its way to the till's window, through the keyboard wedge: a scanner's burst
// of keys becomes one scan, a person's typing goes on to the focused field, in order, with Enter
// and Tab as key presses. The window feeds every character and Enter/Tab with its arrival time;
// once a frame it takes what is ready. Plain logic, no ImGui or GLFW: tested on its own.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/drivers/keyboard_wedge.hpp"

namespace tillbook::pos::ui {

enum class RoutedKind : int {
    kText = 1,   // characters for the focused field (UTF-8)
    kEnter = 2,  // the Enter key, pressed and released
    kTab = 3,
    kScan = 4,  // a scanner's code, without its terminator
};

struct RoutedInput {
    RoutedKind kind = RoutedKind::kText;
    std::string text;  // for kText and kScan

    friend bool operator==(const RoutedInput&, const RoutedInput&) = default;
};

class KeyboardRouter {
  public:
    explicit KeyboardRouter(const drivers::WedgeSettings& settings);

    // A character, or '\r' for Enter and '\t' for Tab, arriving at `at` (monotonic).
    void Key(char32_t character, std::chrono::milliseconds at);
    // Releases what the wedge held back once its gap has passed.
    void Tick(std::chrono::milliseconds now);
    // What is ready, in arrival order; consecutive characters joined into one kText.
    [[nodiscard]] std::vector<RoutedInput> Take();
    // When Tick next has something to release; nullopt when nothing is held.
    [[nodiscard]] std::optional<std::chrono::milliseconds> ReleaseDue() const {
        return m_wedge.ReleaseDue();
    }

  private:
    void Route(const std::vector<drivers::WedgeEvent>& events);

    drivers::KeyboardWedgeDetector m_wedge;
    std::vector<RoutedInput> m_ready;
};

}  // namespace tillbook::pos::ui
