#include "ui/pin_pad.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

namespace {

constexpr std::array<std::string_view, 12> kPadKeys{"1", "2", "3", "4",     "5", "6",
                                                    "7", "8", "9", "Clear", "0", "OK"};

void DrawDots(std::size_t entered) {
    // One dot for each digit entered, and hollow places up to the shortest PIN.
    const float radius = Px(14);
    const float gap = Px(22);
    const std::size_t places = std::max(entered, kPinMinDigits);
    const float width = static_cast<float>(places) * (2 * radius + gap) - gap;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = origin.x + (ImGui::GetContentRegionAvail().x - width) / 2;
    auto* draw = ImGui::GetWindowDrawList();
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text);
    for (std::size_t i = 0; i < places; ++i) {
        const ImVec2 centre{left + radius + static_cast<float>(i) * (2 * radius + gap),
                            origin.y + radius};
        if (i < entered) {
            draw->AddCircleFilled(centre, radius, colour);
        } else {
            draw->AddCircle(centre, radius, colour, 0, Px(2));
        }
    }
    ImGui::Dummy(ImVec2{width, 2 * radius});
}

bool Complete(const std::string& pin) {
    return pin.size() >= kPinMinDigits && pin.size() <= kPinMaxDigits;
}

std::optional<std::string> Press(std::string_view key, std::string& pin) {
    if (key == words::kClear) {
        pin.clear();
    } else if (key == words::kOk) {
        std::string entered = std::move(pin);
        pin.clear();
        return entered;
    } else if (pin.size() < kPinMaxDigits) {
        pin += key;
    }
    return std::nullopt;
}

std::optional<std::string> TakeTypedDigits(std::string& pin) {
    const ImGuiIO& io = ImGui::GetIO();
    for (const ImWchar typed : io.InputQueueCharacters) {
        if (typed >= '0' && typed <= '9' && pin.size() < kPinMaxDigits)
            pin += static_cast<char>(typed);
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !pin.empty()) pin.pop_back();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && Complete(pin))
        return Press(words::kOk, pin);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> DrawPinPad(std::string& pin, std::string_view message, float key,
                                      bool enabled) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float pad_width = 3 * key + 2 * spacing;
    const float left = (ImGui::GetContentRegionAvail().x - pad_width) / 2;
    DrawDots(pin.size());
    ShowTextCentred(message.empty() ? " " : message, TextLook::kWarning);
    std::optional<std::string> submitted;
    if (enabled) submitted = TakeTypedDigits(pin);
    for (std::size_t i = 0; i < kPadKeys.size(); ++i) {
        const std::string_view label = kPadKeys[i];
        if (i % 3 == 0) {
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
        } else {
            ImGui::SameLine();
        }
        bool usable = enabled;
        if (label == words::kOk) {
            usable = usable && Complete(pin);
        } else if (label == words::kClear) {
            usable = usable && !pin.empty();
        } else {
            usable = usable && pin.size() < kPinMaxDigits;
        }
        const auto look = label == words::kOk ? ButtonLook::kPrimary : ButtonLook::kPlain;
        const auto font = label.size() == 1 ? FontSize::kLarge : FontSize::kBody;
        if (TouchButton(label, ImVec2{key, key * 0.8f}, look, usable, {}, font)) {
            if (auto pressed = Press(label, pin)) submitted = std::move(pressed);
        }
    }
    return submitted;
}

}  // namespace tillbook::pos::ui
