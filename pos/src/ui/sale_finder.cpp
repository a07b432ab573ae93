#include "ui/sale_finder.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/sale_gift_card.hpp"
#include "ui/touch_widgets.hpp"
#include "ui/ui_context.hpp"
#include "ui/words.hpp"

namespace tillbook::pos::ui {

namespace {

void ClearSearch(SaleScreenState& state, app::Intents& out) {
    if (state.search.empty()) return;
    state.search.clear();
    out.emplace_back(app::SearchChanged{""});
}

// Buttons laid out left to right, wrapping at the panel's edge.
class ButtonFlow {
  public:
    ButtonFlow() : m_right(ImGui::GetContentRegionAvail().x) {}
    // Places the next button, `width` wide (at most the panel's width, which it answers).
    float Next(float width) {
        width = std::min(width, m_right);
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        if (m_used > 0 && m_used + spacing + width <= m_right + 0.5f) {  // 0.5: rounding
            ImGui::SameLine();
            m_used += spacing + width;
        } else {
            m_used = width;
        }
        return width;
    }

  private:
    float m_right;
    float m_used = 0;
};

void DrawHits(const app::SaleView& view, SaleScreenState& state, app::Intents& out) {
    const float row_height = Px(64);
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2{0, Px(8)});
    for (const auto& hit : view.hits) {
        ImGui::PushID(hit.sku.c_str());
        const float top = ImGui::GetCursorPosY();
        // A hit looks like the button it is: drawn as a selected row in the buttons' colour.
        ImGui::PushStyleColor(ImGuiCol_Header, ImGui::GetStyleColorVec4(ImGuiCol_Button));
        const bool tapped = TouchRow(hit.name, hit.sku, true, row_height);
        ImGui::PopStyleColor();
        const float y = top + (row_height - ImGui::GetFontSize()) / 2;
        ImGui::SetCursorPos(ImVec2{ImGui::GetStyle().WindowPadding.x + Px(16), y});
        ShowText(hit.name);
        ImGui::SameLine(0, Px(20));
        ShowText(hit.sku, TextLook::kDim);
        const float price_width = ImGui::CalcTextSize(hit.price_text.c_str()).x;
        ImGui::SetCursorPos(ImVec2{width - price_width - Px(16), y});
        ShowText(hit.price_text);
        ImGui::SetCursorPosY(top + row_height + Px(8));
        ImGui::PopID();
        if (tapped) {
            out.emplace_back(app::AddSku{hit.sku});
            ClearSearch(state, out);
        }
    }
    ImGui::PopStyleVar();
}

void DrawQuickKeys(const app::SaleView& view, app::Intents& out) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - 2 * spacing) / 3;
    ButtonFlow flow;
    if (view.quick_keys.empty()) ShowTextCentred(words::kNoQuickKeys, TextLook::kDim);
    for (const auto& key : view.quick_keys) {
        flow.Next(width);
        if (TouchKey(key.label, ImVec2{width, Px(96)}, key.sku))
            out.emplace_back(app::AddSku{key.sku});
    }
}

}  // namespace

void DrawSearchBox(SaleScreenState& state, app::Intents& out, float width, bool may_take_focus) {
    // The search box has the keyboard whenever nothing else does, so typing always goes there.
    // ImGui gives the focus a frame after it is asked, so it is asked once, not again while the
    // first asking is on its way (that would take the focus from a control tapped meanwhile).
    const bool take_focus = may_take_focus && !ImGui::IsAnyItemActive() &&
                            !ImGui::IsMouseDown(ImGuiMouseButton_Left) && !state.search_focus_asked;
    state.search_focus_asked = take_focus;
    ScopedFont large(FontSize::kLarge);
    const auto field = TouchField(words::kSearch, "search", state.search, width,
                                  TextOptions(words::kSearchHint, take_focus));
    if (field.submitted && !state.search.empty()) {
        out.emplace_back(app::ScanCode{state.search, app::ScanSource::kTyped});
        ClearSearch(state, out);
    } else if (field.changed) {
        out.emplace_back(app::SearchChanged{state.search});
    }
}

// The categories, each key as wide as its name needs (never narrower than a finger), so
// "Chocolate & sweets" is read whole, never cut.
void DrawCategoryKeys(const app::SaleView& view, app::Intents& out) {
    if (view.categories.empty()) {
        ShowTextCentred(words::kNoCategories, TextLook::kDim);
        return;
    }
    ButtonFlow flow;
    for (const auto& key : view.categories) {
        const float text = ImGui::CalcTextSize(key.label.c_str()).x;
        const float width = flow.Next(std::max(Px(150), text + Px(40)));
        if (TouchButton(key.label, ImVec2{width, Px(80)}))
            out.emplace_back(app::ChooseCategory{key.label});
    }
}

void DrawHitsOrQuickKeys(const app::SaleView& view, SaleScreenState& state, float height,
                         app::Intents& out) {
    BeginPanel("finder", ImVec2{0, height});
    if (view.gift_card_open) {
        DrawGiftCardForm(view, state, out);
    } else if (!state.search.empty()) {
        DrawHits(view, state, out);
    } else if (view.category.empty()) {
        DrawCategoryKeys(view, out);
    } else {
        // The chosen category's SKUs, after a key back to every category.
        if (TouchButton(words::kAllCategories, ImVec2{ImGui::GetContentRegionAvail().x, Px(64)},
                        ButtonLook::kChosen))
            out.emplace_back(app::ChooseCategory{""});
        DrawQuickKeys(view, out);
    }
    EndPanel();
}

}  // namespace tillbook::pos::ui
