#include "ui/sign_in_screen.hpp"

#include <imgui.h>

#include "ui/pin_pad.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

void DrawSignInScreen(const app::SignInView& view, SignInScreenState& state, app::Intents& out) {
    ImGui::Dummy(ImVec2{0, Px(24)});
    ShowTextCentred(words::kEnterPin, TextLook::kBody, FontSize::kLarge);
    if (auto pin = DrawPinPad(state.pin, view.message, Px(130), view.wait_seconds <= 0))
        out.emplace_back(app::SubmitPin{std::move(*pin)});
}

}  // namespace tillbook::pos::ui
