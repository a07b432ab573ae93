#include "ui/pairing_screen.hpp"

#include <imgui.h>

#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

void DrawPairingScreen(const app::PairingView& view, PairingScreenState& state, app::Intents& out) {
    if (!state.filled_from_view) {
        state.office_url = view.office_url;
        state.till_name = view.till_name;
    }
    // A code the office refused is spent or wrong either way: the field empties and takes the
    // keyboard for the next one.
    const bool refused = state.was_busy && !view.busy && !view.message.empty();
    state.was_busy = view.busy;
    if (refused) state.code.clear();
    const float width = std::min(Px(1100), ImGui::GetContentRegionAvail().x);
    const float left = (ImGui::GetContentRegionAvail().x - width) / 2;
    const float label_width = Px(330);
    ImGui::Dummy(ImVec2{0, Px(40)});
    ShowTextCentred(words::kPairTitle, TextLook::kBody, FontSize::kLarge);
    ImGui::Dummy(ImVec2{0, Px(24)});

    struct Row {
        std::string_view label;
        std::string_view id;
        std::string* text;
        std::string_view hint;
    };
    const Row rows[] = {
        {words::kOfficeUrl, "office_url", &state.office_url, "https://office.example:8443"},
        {words::kPairingCode, "code", &state.code, "1234-5678-9012"},
        {words::kTillName, "till_name", &state.till_name, "T1"},
    };
    bool submitted = false;
    for (const auto& row : rows) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
        ImGui::AlignTextToFramePadding();
        ShowText(row.label);
        ImGui::SameLine(left + label_width);
        const auto field = TouchField(
            row.label, row.id, *row.text, width - label_width,
            TextOptions(row.hint, (!state.filled_from_view || refused) && row.id == "code"));
        submitted = submitted || field.submitted;
    }
    state.filled_from_view = true;

    ImGui::Dummy(ImVec2{0, Px(12)});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    const bool ready =
        !view.busy && !state.office_url.empty() && !state.code.empty() && !state.till_name.empty();
    const bool pair =
        TouchButton(view.busy ? words::kPairing : words::kPair, ImVec2{width, Px(100)},
                    ButtonLook::kPrimary, ready, "pair", FontSize::kLarge);
    if (ready && (pair || submitted))
        out.emplace_back(app::PairTill{state.office_url, state.code, state.till_name});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    ShowText(view.message, TextLook::kBad);
}

}  // namespace tillbook::pos::ui
