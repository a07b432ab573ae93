#pragma once
// The lock screen: a PIN pad with big digits and a dot for each digit entered. The PIN stays in
// this screen's state until OK sends it (SubmitPin) and is then forgotten.
#include <string>

#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"

namespace tillbook::pos::ui {

struct SignInScreenState {
    std::string pin;  // the digits pressed so far
};

void DrawSignInScreen(const app::SignInView& view, SignInScreenState& state, app::Intents& out);

}  // namespace tillbook::pos::ui
