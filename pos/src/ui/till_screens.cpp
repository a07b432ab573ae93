#include "ui/till_screens.hpp"

#include <imgui.h>

#include "ui/status_bar.hpp"

namespace tillbook::pos::ui {

namespace {

void ResetScreenState(app::Screen screen, TillScreensState& state) {
    switch (screen) {
        case app::Screen::kPairing:
            state.pairing = {};
            break;
        case app::Screen::kSignIn:
            state.sign_in = {};
            break;
        case app::Screen::kOpenShift:
            state.open_shift = {};
            break;
        case app::Screen::kSale:
            state.sale = {};
            break;
        case app::Screen::kTender:
            state.tender = {};
            break;
        case app::Screen::kStatus:
            state.status = {};
            break;
        case app::Screen::kReturns:
            state.returns = {};
            break;
        case app::Screen::kCash:
            break;
    }
}

void DrawScreen(const app::TillView& view, TillScreensState& state, app::Intents& out) {
    switch (view.screen) {
        case app::Screen::kPairing:
            DrawPairingScreen(view.pairing, state.pairing, out);
            break;
        case app::Screen::kSignIn:
            DrawSignInScreen(view.sign_in, state.sign_in, out);
            break;
        case app::Screen::kOpenShift:
            DrawOpenShiftScreen(view.open_shift, state.open_shift, out);
            break;
        case app::Screen::kSale:
            DrawSaleScreen(view.sale, state.sale, out);
            break;
        case app::Screen::kTender:
            DrawTenderScreen(view.tender, state.tender, out);
            break;
        case app::Screen::kStatus:
            DrawStatusScreen(view.status, view.can_reprint_last, state.status, out);
            break;
        case app::Screen::kReturns:
            DrawReturnsScreen(view, state.returns, out);
            break;
        case app::Screen::kCash:
            break;
    }
}

}  // namespace

void DrawTill(const app::TillView& view, TillScreensState& state, app::Intents& out) {
    if (static_cast<int>(view.screen) != state.shown) {
        ResetScreenState(view.screen, state);
        state.shown = static_cast<int>(view.screen);
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags kFlags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
        ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground;  // glClear paints it
    ImGui::Begin("till", nullptr, kFlags);
    DrawStatusBar(view.status_bar, view.screen == app::Screen::kStatus, out);
    ImGui::BeginChild("screen", ImVec2{0, 0}, false, ImGuiWindowFlags_NoScrollbar);
    if (view.approval.open) {
        DrawApprovalPrompt(view.approval, state.approval, out);
    } else {
        state.approval = {};
        DrawScreen(view, state, out);
    }
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace tillbook::pos::ui
