#pragma once
// What every draw function of the till's window may reach besides its view and its own state: the
// fonts and scale of the running window and the record of the frame being drawn. It lives in the
// window (RunTillWindow) and hangs on ImGui's IO (UserData) for the frame, so the screens' draw
// functions keep their plain signatures. UI thread only.
#include <imgui.h>

#include "tillbook/pos/ui/frame_record.hpp"

namespace tillbook::pos::ui {

struct UiContext {
    FrameRecord* record = nullptr;
    ImFont* body = nullptr;   // everything else
    ImFont* large = nullptr;  // totals, the PIN pad's digits, big buttons
    ImFont* huge = nullptr;   // the change due
    float scale = 1.0f;       // window height / 1080: sizes are written for 1080p
};

// The window's context; asserts that one is installed.
[[nodiscard]] UiContext& Ui();
// A length written for a 1080-pixel-high window, scaled to this one.
[[nodiscard]] float Px(float pixels_at_1080p);

// Installs `context` on the current ImGui context for as long as it lives.
class ScopedUiContext {
  public:
    explicit ScopedUiContext(UiContext& context);
    ~ScopedUiContext();
    ScopedUiContext(const ScopedUiContext&) = delete;
    ScopedUiContext& operator=(const ScopedUiContext&) = delete;

  private:
    void* m_previous = nullptr;
};

}  // namespace tillbook::pos::ui
