#include "tillbook/pos/ui/keyboard_router.hpp"

#include <utility>

namespace tillbook::pos::ui {

namespace {

void AppendText(std::vector<RoutedInput>& ready, char character) {
    if (ready.empty() || ready.back().kind != RoutedKind::kText)
        ready.push_back(RoutedInput{RoutedKind::kText, {}});
    ready.back().text += character;
}

}  // namespace

KeyboardRouter::KeyboardRouter(const drivers::WedgeSettings& settings) : m_wedge(settings) {}

void KeyboardRouter::Key(char32_t character, std::chrono::milliseconds at) {
    Route(m_wedge.Key(character, at));
}

void KeyboardRouter::Tick(std::chrono::milliseconds now) {
    Route(m_wedge.Tick(now));
}

std::vector<RoutedInput> KeyboardRouter::Take() {
    return std::exchange(m_ready, {});
}

void KeyboardRouter::Route(const std::vector<drivers::WedgeEvent>& events) {
    for (const auto& event : events) {
        if (event.kind == drivers::WedgeEventKind::kScanned) {
            m_ready.push_back(RoutedInput{RoutedKind::kScan, event.text});
            continue;
        }
        // Typing: UTF-8 bytes go on as text; Enter and Tab become key presses between them.
        for (const char byte : event.text) {
            if (byte == '\r' || byte == '\n') {
                m_ready.push_back(RoutedInput{RoutedKind::kEnter, {}});
            } else if (byte == '\t') {
                m_ready.push_back(RoutedInput{RoutedKind::kTab, {}});
            } else {
                AppendText(m_ready, byte);
            }
        }
    }
}

}  // namespace tillbook::pos::ui
