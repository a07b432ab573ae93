#include "ui/sale_gift_card.hpp"

#include <imgui.h>

#include <algorithm>

#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

float GiftCardKeyWidth() {
    const float text = ImGui::CalcTextSize(words::kGiftCard.data(),
                                           words::kGiftCard.data() + words::kGiftCard.size())
                           .x;
    return std::max(Px(120), text + Px(28));
}

void DrawGiftCardKey(const app::SaleView& view, float width, app::Intents& out) {
    ImGui::SameLine();
    if (TouchButton(words::kGiftCard, ImVec2{width, ImGui::GetItemRectSize().y},
                    view.gift_card_open ? ButtonLook::kChosen : ButtonLook::kPlain,
                    !view.gift_card_open))
        out.emplace_back(app::OpenGiftCard{});
}

void DrawGiftCardForm(const app::SaleView& view, SaleScreenState& state, app::Intents& out) {
    // A new form: emptied, a scanned card's number put in; the keyboard goes to the number, or to
    // the amount once the number is there.
    bool focus_number = false;
    bool focus_amount = false;
    if (view.gift_card_generation != state.gift_card_seen) {
        state.gift_card_seen = view.gift_card_generation;
        state.gift_card_number = view.gift_card_prefill;
        state.gift_card_amount.clear();
        focus_number = view.gift_card_prefill.empty();
        focus_amount = !focus_number;
    }
    ShowText(words::kSellGiftCard, TextLook::kBody, FontSize::kLarge);
    // The controller's words about the form (what to do, what was wrong), wrapped to the panel.
    ImGui::PushTextWrapPos(0.0f);
    if (!view.message.empty()) ShowText(view.message, TextLook::kWarning);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const float label_width =
        std::max(ImGui::CalcTextSize(words::kGiftCardNumber.data(),
                                     words::kGiftCardNumber.data() + words::kGiftCardNumber.size())
                     .x,
                 ImGui::CalcTextSize(words::kGiftCardAmount.data(),
                                     words::kGiftCardAmount.data() + words::kGiftCardAmount.size())
                     .x) +
        Px(24);
    // The whole number in the large font where it fits beside its label, else in the body font.
    const float field_width = ImGui::GetContentRegionAvail().x - label_width;
    bool submitted = false;
    {
        ScopedFont large(FontSize::kLarge);
        const bool fits = ImGui::CalcTextSize("0000 0000 0000 0000").x + Px(32) <= field_width;
        ScopedFont field_font(fits ? FontSize::kLarge : FontSize::kBody);
        const float x = ImGui::GetCursorPosX();
        ImGui::AlignTextToFramePadding();
        ShowText(words::kGiftCardNumber);
        ImGui::SameLine(x + label_width);
        const auto number =
            TouchField(words::kGiftCardNumber, "gift_card_number", state.gift_card_number, 0,
                       TextOptions(words::kGiftCardNumberHint, focus_number));
        // Enter in the number goes on to the amount, as a scanner's Enter would.
        if (number.submitted) focus_amount = true;
        ImGui::AlignTextToFramePadding();
        ShowText(words::kGiftCardAmount);
        ImGui::SameLine(x + label_width);
        submitted = TouchField(words::kGiftCardAmount, "gift_card_amount", state.gift_card_amount,
                               0, AmountOptions(words::kGiftCardAmountHint, focus_amount))
                        .submitted;
    }
    ImGui::PushTextWrapPos(0.0f);
    ShowText(words::kGiftCardNoStoreCredit, TextLook::kDim);
    ImGui::PopTextWrapPos();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = ImGui::GetContentRegionAvail().x;
    const float cancel_width = std::max(Px(150), width * 0.3f);
    const bool add =
        TouchButton(words::kAddGiftCard, ImVec2{width - cancel_width - spacing, TouchHeight()},
                    ButtonLook::kPrimary, !state.gift_card_amount.empty());
    ImGui::SameLine();
    if (TouchButton(words::kCancel, ImVec2{cancel_width, TouchHeight()})) {
        out.emplace_back(app::CancelGiftCard{});
        return;
    }
    if (add || (submitted && !state.gift_card_amount.empty()))
        out.emplace_back(app::AddGiftCard{state.gift_card_number, state.gift_card_amount});
}

}  // namespace tillbook::pos::ui
