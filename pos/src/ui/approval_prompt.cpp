#include "ui/approval_prompt.hpp"

#include <imgui.h>

#include "ui/pin_pad.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

void DrawApprovalPrompt(const app::ApprovalView& view, ApprovalPromptState& state,
                        app::Intents& out) {
    ImGui::Dummy(ImVec2{0, Px(12)});
    ShowTextCentred(words::kManagerApproval, TextLook::kWarning, FontSize::kLarge);
    ShowTextCentred(view.what, TextLook::kBody, FontSize::kLarge);
    ShowTextCentred(view.why, TextLook::kDim);
    ShowTextCentred(words::kManagerPin, TextLook::kBody);
    if (auto pin = DrawPinPad(state.pin, view.message, Px(104), !view.checking))
        out.emplace_back(app::SubmitApprovalPin{std::move(*pin)});
    ImGui::Dummy(ImVec2{0, Px(8)});
    const float width = Px(240);
    ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - width) / 2);
    if (TouchButton(words::kCancel, ImVec2{width, TouchHeight()}))
        out.emplace_back(app::CancelApproval{});
}

}  // namespace tillbook::pos::ui
