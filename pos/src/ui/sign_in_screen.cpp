#include "ui/sign_in_screen.hpp"

#include <imgui.h>

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

void PressKey(std::string_view key, SignInScreenState& state, app::Intents& out) {
    if (key == words::kClear) {
        state.pin.clear();
    } else if (key == words::kOk) {
        out.emplace_back(app::SubmitPin{state.pin});
        state.pin.clear();
    } else {
        state.pin += key;
    }
}

bool CanSubmit(const SignInScreenState& state) {
    return state.pin.size() >= kPinMinDigits && state.pin.size() <= kPinMaxDigits;
}

// Digits typed on a keyboard work like the pad's keys; Backspace takes one back, Enter is OK.
void TakeTypedDigits(SignInScreenState& state, app::Intents& out) {
    const ImGuiIO& io = ImGui::GetIO();
    for (const ImWchar typed : io.InputQueueCharacters) {
        if (typed >= '0' && typed <= '9' && state.pin.size() < kPinMaxDigits)
            state.pin += static_cast<char>(typed);
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !state.pin.empty())
        state.pin.pop_back();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && CanSubmit(state))
        PressKey(words::kOk, state, out);
}

}  // namespace

void DrawSignInScreen(const app::SignInView& view, SignInScreenState& state, app::Intents& out) {
    const float key = Px(130);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float pad_width = 3 * key + 2 * spacing;
    const float left = (ImGui::GetContentRegionAvail().x - pad_width) / 2;

    ImGui::Dummy(ImVec2{0, Px(24)});
    ShowTextCentred(words::kEnterPin, TextLook::kBody, FontSize::kLarge);
    DrawDots(state.pin.size());
    ShowTextCentred(view.message.empty() ? " " : view.message, TextLook::kWarning);

    const bool waiting = view.wait_seconds > 0;
    if (!waiting) TakeTypedDigits(state, out);
    for (std::size_t i = 0; i < kPadKeys.size(); ++i) {
        const std::string_view label = kPadKeys[i];
        if (i % 3 == 0) {
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
        } else {
            ImGui::SameLine();
        }
        bool enabled = !waiting;
        if (label == words::kOk) {
            enabled =
                enabled && state.pin.size() >= kPinMinDigits && state.pin.size() <= kPinMaxDigits;
        } else if (label == words::kClear) {
            enabled = enabled && !state.pin.empty();
        } else {
            enabled = enabled && state.pin.size() < kPinMaxDigits;
        }
        const auto look = label == words::kOk ? ButtonLook::kPrimary : ButtonLook::kPlain;
        const auto font = label.size() == 1 ? FontSize::kLarge : FontSize::kBody;
        if (TouchButton(label, ImVec2{key, key * 0.8f}, look, enabled, {}, font))
            PressKey(label, state, out);
    }
}

}  // namespace tillbook::pos::ui
