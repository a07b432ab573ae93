#pragma once
// What the till's window holds while it is open, each released in reverse: GLFW, the window with
// its OpenGL 3 context, the ImGui context with the fonts and theme, and ImGui's GLFW and OpenGL 3
// backends. Open fails with a message a person can act on (no display, no OpenGL 3, no font).
#include <memory>

#include "tillbook/core/error.hpp"
#include "tillbook/pos/ui/till_window.hpp"
#include "ui/till_fonts.hpp"

struct GLFWwindow;
struct ImGuiContext;

namespace tillbook::pos::ui {

class WindowSession {
  public:
    [[nodiscard]] static Result<std::unique_ptr<WindowSession>> Open(const WindowSize& size,
                                                                     bool vsync);
    ~WindowSession();
    WindowSession(const WindowSession&) = delete;
    WindowSession& operator=(const WindowSession&) = delete;

    [[nodiscard]] GLFWwindow* Window() const { return m_window; }
    [[nodiscard]] const TillFonts& Fonts() const { return m_fonts; }
    [[nodiscard]] float Scale() const { return m_scale; }

  private:
    WindowSession() = default;

    bool m_glfw = false;
    GLFWwindow* m_window = nullptr;
    ImGuiContext* m_imgui = nullptr;
    bool m_platform_backend = false;
    bool m_renderer_backend = false;
    TillFonts m_fonts;
    float m_scale = 1.0f;
};

}  // namespace tillbook::pos::ui
