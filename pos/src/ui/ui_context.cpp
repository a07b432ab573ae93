#include "ui/ui_context.hpp"

#include <cassert>

namespace tillbook::pos::ui {

UiContext& Ui() {
    auto* context = static_cast<UiContext*>(ImGui::GetIO().UserData);
    assert(context != nullptr && "draw code runs inside RunTillWindow's frame");
    return *context;
}

float Px(float pixels_at_1080p) {
    return pixels_at_1080p * Ui().scale;
}

ScopedUiContext::ScopedUiContext(UiContext& context) : m_previous(ImGui::GetIO().UserData) {
    ImGui::GetIO().UserData = &context;
}

ScopedUiContext::~ScopedUiContext() {
    ImGui::GetIO().UserData = m_previous;
}

}  // namespace tillbook::pos::ui
