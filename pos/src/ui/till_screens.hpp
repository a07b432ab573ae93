#pragma once
// The whole window for one frame: the status bar, then the screen the view names. Each screen's
// UI state starts afresh whenever the till moves to it.
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "ui/approval_prompt.hpp"
#include "ui/open_shift_screen.hpp"
#include "ui/pairing_screen.hpp"
#include "ui/returns_screen.hpp"
#include "ui/sale_screen.hpp"
#include "ui/sign_in_screen.hpp"
#include "ui/status_screen.hpp"
#include "ui/tender_screen.hpp"

namespace tillbook::pos::ui {

struct TillScreensState {
    int shown = 0;  // the app::Screen drawn last frame (0 before the first)
    PairingScreenState pairing;
    SignInScreenState sign_in;
    OpenShiftScreenState open_shift;
    SaleScreenState sale;
    TenderScreenState tender;
    StatusScreenState status;
    ApprovalPromptState approval;
    ReturnsScreenState returns;
};

// Draws into a window covering the whole display.
void DrawTill(const app::TillView& view, TillScreensState& state, app::Intents& out);

}  // namespace tillbook::pos::ui
