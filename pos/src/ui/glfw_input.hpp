#pragma once
// The window's GLFW input callbacks. Characters, Enter and Tab go to the keyboard wedge first
// (KeyboardRouter) with their arrival time; the rest goes straight to ImGui's GLFW backend. Once a
// frame, Deliver hands the wedge's typing to ImGui and returns its scans.
#include <imgui.h>

#include <chrono>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "tillbook/pos/ui/keyboard_router.hpp"

struct GLFWwindow;

namespace tillbook::pos::ui {

class GlfwInput {
  public:
    // Installs the callbacks on `window` (ImGui's backend must be initialised without its own).
    GlfwInput(GLFWwindow* window, const drivers::WedgeSettings& wedge);
    ~GlfwInput();
    GlfwInput(const GlfwInput&) = delete;
    GlfwInput& operator=(const GlfwInput&) = delete;

    // Before ImGui::NewFrame: typing and Enter/Tab presses into `io` (a key press in a frame of
    // its own, released the next), and the codes scanners typed.
    [[nodiscard]] std::vector<std::string> Deliver(ImGuiIO& io);
    // Whether the window should keep drawing without waiting for input: input arrived lately, a
    // key is being delivered, or the wedge holds keys back.
    [[nodiscard]] bool Busy() const;
    // How long an idle frame may wait for input (the wedge's next release, at most `idle`).
    [[nodiscard]] double WaitSeconds(double idle) const;

    // For the static callbacks.
    void OnChar(unsigned int codepoint);
    void OnKey(GLFWwindow* window, int key, int scancode, int action, int mods);
    void Touched() { m_last_input = Now(); }
    void Exposed() { m_exposed = true; }
    // Whether the window was uncovered or resized since the last call: it must be painted.
    [[nodiscard]] bool TakeExposed() { return std::exchange(m_exposed, false); }

  private:
    [[nodiscard]] static std::chrono::milliseconds Now();

    GLFWwindow* m_window;
    KeyboardRouter m_router;
    std::deque<RoutedInput> m_pending;
    int m_key_down = -1;  // a GLFW key pressed last frame, to release
    std::chrono::milliseconds m_last_input{0};
    bool m_exposed = true;
};

}  // namespace tillbook::pos::ui
