#include "ui/sale_keypad.hpp"

#include <imgui.h>

#include <array>
#include <string_view>

#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

namespace {

constexpr std::size_t kMaxEntry = 24;
constexpr int kColumns = 5;
constexpr int kRows = 4;

// Four rows of five: digits on the left, what to do with them on the right (and "Price" for
// the selected line's new price under "C").
constexpr std::array<std::string_view, kColumns * kRows> kKeys{
    "7",
    "8",
    "9",
    words::kBackspace,
    words::kSetQuantity,  //
    "4",
    "5",
    "6",
    "%",
    words::kLineDiscount,  //
    "1",
    "2",
    "3",
    "C",
    words::kSaleDiscount,  //
    "0",
    "00",
    ".",
    words::kSetPrice,
    words::kEnter,
};

float KeyHeight() {
    return Px(76);
}

bool Enabled(std::string_view key, const app::SaleView& view, const SaleScreenState& state) {
    const bool entry = !state.keypad.empty();
    if (key == words::kSetQuantity || key == words::kLineDiscount || key == words::kSetPrice)
        return entry && view.selected_line.has_value();
    if (key == words::kSaleDiscount) return entry && !view.lines.empty();
    if (key == words::kEnter || key == words::kBackspace || key == "C") return entry;
    return state.keypad.size() < kMaxEntry;
}

void Press(std::string_view key, const app::SaleView& view, SaleScreenState& state,
           app::Intents& out) {
    const int line = view.selected_line.value_or(0);
    std::string entry = state.keypad;
    if (key == words::kBackspace) {
        state.keypad.pop_back();
        return;
    }
    if (key.find_first_not_of("0123456789.%") == std::string_view::npos) {
        state.keypad += key;
        return;
    }
    state.keypad.clear();
    if (key == words::kSetQuantity) {
        out.emplace_back(app::SetQuantity{line, entry});
    } else if (key == words::kLineDiscount) {
        out.emplace_back(app::DiscountLine{line, entry});
    } else if (key == words::kSaleDiscount) {
        out.emplace_back(app::DiscountOrder{entry});
    } else if (key == words::kSetPrice) {
        out.emplace_back(app::OverridePrice{line, entry});
    } else if (key == words::kEnter) {
        out.emplace_back(app::ScanCode{entry, app::ScanSource::kTyped});
    }
}

}  // namespace

float SaleKeypadHeight() {
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    return TouchHeight() + spacing + kRows * KeyHeight() + (kRows - 1) * spacing;
}

void DrawSaleKeypad(const app::SaleView& view, SaleScreenState& state, app::Intents& out) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = ImGui::GetContentRegionAvail().x;
    const float digit = (width - (kColumns - 1) * spacing) * 0.17f;
    const float action = width - 3 * digit - 4 * spacing - digit;

    // What has been entered, in a box the height of a key row.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(
        origin, ImVec2{origin.x + width, origin.y + TouchHeight()},
        ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
    ImGui::SetCursorScreenPos(
        ImVec2{origin.x + Px(16), origin.y + (TouchHeight() - ImGui::GetFontSize() * 1.6f) / 2});
    ShowText(state.keypad.empty() ? words::kKeypadHint : state.keypad,
             state.keypad.empty() ? TextLook::kDim : TextLook::kBody, FontSize::kLarge);
    ImGui::SetCursorScreenPos(ImVec2{origin.x, origin.y + TouchHeight() + spacing});

    for (std::size_t i = 0; i < kKeys.size(); ++i) {
        const std::string_view key = kKeys[i];
        const int column = static_cast<int>(i) % kColumns;
        if (column > 0) ImGui::SameLine();
        const float key_width = column == kColumns - 1 ? action : digit;
        if (key.empty()) {
            ImGui::Dummy(ImVec2{key_width, KeyHeight()});
            continue;
        }
        const bool is_action = column == kColumns - 1;
        const auto look = key == words::kEnter ? ButtonLook::kPrimary : ButtonLook::kPlain;
        const auto font = is_action || key.size() > 2 ? FontSize::kBody : FontSize::kLarge;
        if (TouchButton(key, ImVec2{key_width, KeyHeight()}, look, Enabled(key, view, state), {},
                        font))
            Press(key, view, state, out);
    }
}

}  // namespace tillbook::pos::ui
