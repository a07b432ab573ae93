#include "ui/tender_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/theme.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

namespace {

void Figure(std::string_view label, std::string_view amount, FontSize size, TextLook look) {
    ShowText(label, TextLook::kDim);
    ShowText(amount, look, size);
}

void DrawSummary(const app::TenderView& view, app::Intents& out) {
    Figure(words::kDue, view.due_text, FontSize::kHuge, TextLook::kBody);
    ImGui::Dummy(ImVec2{0, Px(8)});
    Figure(words::kPaid, view.paid_text, FontSize::kLarge, TextLook::kBody);
    ImGui::Dummy(ImVec2{0, Px(8)});
    if (!view.completed)
        Figure(words::kRemaining, view.remaining_text, FontSize::kLarge, TextLook::kWarning);
    ImGui::Dummy(ImVec2{0, Px(8)});
    int index = 0;
    for (const auto& payment : view.payments) {
        ImGui::PushID(index);
        ImGui::AlignTextToFramePadding();
        // The amount right-aligned before "Undo", never over a long tender's words.
        const float start = ImGui::GetCursorPosX();
        const float full = ImGui::GetContentRegionAvail().x;
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const float undo = view.completed ? 0 : Px(140) + spacing;
        const float label = ImGui::CalcTextSize(payment.tender_text.c_str()).x;
        const float amount = ImGui::CalcTextSize(payment.amount_text.c_str()).x;
        ShowText(payment.tender_text);
        ImGui::SameLine(std::max(start + label + spacing, start + full - undo - amount));
        ShowText(payment.amount_text);
        if (!view.completed) {
            ImGui::SameLine(start + full - Px(140));
            if (TouchButton(words::kRemovePayment, ImVec2{Px(140), TouchHeight()},
                            ButtonLook::kPlain, true, "undo"))
                out.emplace_back(app::RemovePayment{index});
        }
        ImGui::PopID();
        ++index;
    }
}

void DrawTenderChoice(const app::TenderView& view, app::Intents& out) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 size{(ImGui::GetContentRegionAvail().x - 2 * spacing) / 3, Px(110)};
    const auto look = [&](app::TenderKind kind) {
        return view.entering == kind ? ButtonLook::kChosen : ButtonLook::kPlain;
    };
    // Three to a row: large type where "Store credit" fits, as on a 1920-wide screen.
    float widest = 0;
    {
        ScopedFont measure(FontSize::kLarge);
        widest = ImGui::CalcTextSize(words::kStoreCredit.data(),
                                     words::kStoreCredit.data() + words::kStoreCredit.size())
                     .x;
    }
    const FontSize font = widest + Px(24) <= size.x ? FontSize::kLarge : FontSize::kBody;
    if (TouchButton(words::kCash, size, look(app::TenderKind::kCash), true, {}, font))
        out.emplace_back(app::ChooseTender{app::TenderKind::kCash});
    ImGui::SameLine();
    if (TouchButton(words::kCard, size, look(app::TenderKind::kCard), true, {}, font))
        out.emplace_back(app::ChooseTender{app::TenderKind::kCard});
    ImGui::SameLine();
    if (TouchButton(words::kStoreCredit, size, look(app::TenderKind::kStoreCredit), true, {}, font))
        out.emplace_back(app::ChooseTender{app::TenderKind::kStoreCredit});
    if (!view.entering) ShowText(words::kChooseTender, TextLook::kDim);
}

// Store credit before the office has answered for a card: its number, typed or scanned.
void DrawCardNumberEntry(const app::TenderView& view, TenderScreenState& state, app::Intents& out) {
    if (view.entry_generation != state.entry_seen) {
        state.entry_seen = view.entry_generation;
        state.credit_card.clear();
        state.focus_amount = true;
    }
    bool submitted = false;
    {
        ScopedFont large(FontSize::kLarge);
        ImGui::AlignTextToFramePadding();
        ShowText(words::kCreditCardNumber, TextLook::kBody, FontSize::kLarge);
        ImGui::SameLine(Px(200));
        submitted = TouchField(words::kCreditCardNumber, "credit_card", state.credit_card, 0,
                               TextOptions(words::kCreditCardNumberHint, state.focus_amount))
                        .submitted;
        state.focus_amount = false;
    }
    // Below the field, the width of the row: the whole number stays in view on a small screen.
    const bool check =
        TouchButton(words::kCheckCard, ImVec2{ImGui::GetContentRegionAvail().x, TouchHeight()},
                    ButtonLook::kPlain, !view.credit_busy);
    if ((check || submitted) && !view.credit_busy)
        out.emplace_back(app::CheckStoreCredit{state.credit_card});
}

// The amount field (and the card's reference); true when Enter was pressed in the amount.
bool DrawAmountEntry(const app::TenderView& view, TenderScreenState& state) {
    if (view.entry_generation != state.entry_seen) {
        state.entry_seen = view.entry_generation;
        state.amount = view.amount_prefill;
        state.card_reference.clear();
        state.focus_amount = true;
    }
    const float label_width = Px(200);
    bool submitted = false;
    if (view.entering == app::TenderKind::kStoreCredit)
        ShowText(view.credit_text, TextLook::kGood, FontSize::kLarge);
    {
        ScopedFont large(FontSize::kLarge);
        ImGui::AlignTextToFramePadding();
        ShowText(words::kAmount, TextLook::kBody, FontSize::kLarge);
        ImGui::SameLine(label_width);
        // A new entry or refill is a new field, so it opens with its text selected.
        const std::string id =
            "amount" + std::to_string(state.entry_seen) + "." + std::to_string(state.refills);
        submitted =
            TouchField(words::kAmount, id, state.amount, 0, AmountOptions({}, state.focus_amount))
                .submitted;
        state.focus_amount = false;
    }
    if (view.entering == app::TenderKind::kCard) {
        ImGui::AlignTextToFramePadding();
        ShowText(words::kCardReference);
        ImGui::SameLine(label_width);
        TouchField(words::kCardReference, "card_reference", state.card_reference, 0,
                   TextOptions(words::kCardReferenceHint, false));
    }
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - 3 * spacing) / 4;
    int column = 0;
    for (const auto& amount : view.quick_amounts) {
        if (column++ % 4 != 0) ImGui::SameLine();
        if (TouchButton(amount, ImVec2{width, Px(88)}, ButtonLook::kPlain, true, {},
                        FontSize::kLarge)) {
            state.amount = amount;
            ++state.refills;
            state.focus_amount = true;
        }
    }
    return submitted;
}

void DrawFinish(const app::TenderView& view, TenderScreenState& state, bool submitted,
                app::Intents& out) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = ImGui::GetContentRegionAvail().x;
    const bool entering = view.entering.has_value();
    const std::string amount = entering ? state.amount : std::string();
    const std::string reference = entering ? state.card_reference : std::string();
    const bool can_complete = view.can_complete || entering;

    if (TouchButton(words::kAddPayment, ImVec2{(width - spacing) / 2, TouchHeight()},
                    ButtonLook::kPlain, entering))
        out.emplace_back(app::AddPayment{amount, reference});
    ImGui::SameLine();
    if (TouchButton(words::kNoReceipt, ImVec2{(width - spacing) / 2, TouchHeight()},
                    ButtonLook::kPlain, can_complete))
        out.emplace_back(app::CompleteSale{amount, reference, false});
    const bool complete = TouchButton(words::kCompleteSale, ImVec2{width, Px(120)},
                                      ButtonLook::kPrimary, can_complete, {}, FontSize::kLarge);
    if (can_complete && (complete || submitted))
        out.emplace_back(app::CompleteSale{amount, reference, true});
    if (TouchButton(words::kBack, ImVec2{width, TouchHeight()}))
        out.emplace_back(app::BackToSale{});
}

void DrawCompleted(const app::TenderView& view, app::Intents& out) {
    ImGui::Dummy(ImVec2{0, Px(30)});
    ShowTextCentred(words::kSaleComplete, TextLook::kDim, FontSize::kLarge);
    if (!view.change_text.empty())
        ShowTextCentred(view.change_text, TextLook::kGood, FontSize::kHuge);
    ImGui::Dummy(ImVec2{0, Px(20)});
    ShowTextCentred(view.receipt_text, TextLook::kDim);
    // What else the cashier must do now ("Gift card …5670 loaded: hand over the card with its
    // note"); empty after most sales.
    if (!view.message.empty()) ShowTextCentred(view.message, TextLook::kGood);
    ImGui::Dummy(ImVec2{0, Px(30)});
    if (TouchButton(words::kNewSale, ImVec2{ImGui::GetContentRegionAvail().x, Px(130)},
                    ButtonLook::kPrimary, true, {}, FontSize::kLarge))
        out.emplace_back(app::NewSale{});
}

}  // namespace

void DrawTenderScreen(const app::TenderView& view, TenderScreenState& state, app::Intents& out) {
    const ImVec2 area = ImGui::GetContentRegionAvail();
    BeginPanel("tender_summary", ImVec2{area.x * 0.42f, area.y});
    DrawSummary(view, out);
    EndPanel();
    ImGui::SameLine();
    ImGui::BeginChild("tender_entry", ImVec2{0, area.y}, false);
    if (view.completed) {
        DrawCompleted(view, out);
    } else {
        DrawTenderChoice(view, out);
        bool submitted = false;
        if (view.entering == app::TenderKind::kStoreCredit && !view.credit_card_known)
            DrawCardNumberEntry(view, state, out);
        else if (view.entering)
            submitted = DrawAmountEntry(view, state);
        ImGui::Dummy(ImVec2{0, Px(8)});
        DrawFinish(view, state, submitted, out);
        ImGui::PushTextWrapPos(0);
        ShowText(view.message, TextLook::kWarning);
        ImGui::PopTextWrapPos();
    }
    ImGui::EndChild();
}

}  // namespace tillbook::pos::ui
