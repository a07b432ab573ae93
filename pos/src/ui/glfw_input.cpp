#include "ui/glfw_input.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>

#include <algorithm>

namespace tillbook::pos::ui {

namespace {

constexpr std::chrono::milliseconds kBusyAfterInput{250};

GlfwInput& Of(GLFWwindow* window) {
    return *static_cast<GlfwInput*>(glfwGetWindowUserPointer(window));
}

void CharCallback(GLFWwindow* window, unsigned int codepoint) {
    Of(window).OnChar(codepoint);
}

void KeyCallback(GLFWwindow* window, int key, int scancode, int action, int mods) {
    Of(window).OnKey(window, key, scancode, action, mods);
}

void MouseButtonCallback(GLFWwindow* window, int button, int action, int mods) {
    Of(window).Touched();
    ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
}

void ScrollCallback(GLFWwindow* window, double x, double y) {
    Of(window).Touched();
    ImGui_ImplGlfw_ScrollCallback(window, x, y);
}

void CursorPosCallback(GLFWwindow* window, double, double) {
    Of(window).Touched();
}

void FocusCallback(GLFWwindow* window, int focused) {
    ImGui_ImplGlfw_WindowFocusCallback(window, focused);
}

void RefreshCallback(GLFWwindow* window) {
    Of(window).Exposed();
}

void CursorEnterCallback(GLFWwindow* window, int entered) {
    ImGui_ImplGlfw_CursorEnterCallback(window, entered);
}

}  // namespace

GlfwInput::GlfwInput(GLFWwindow* window, const drivers::WedgeSettings& wedge)
    : m_window(window), m_router(wedge) {
    glfwSetWindowUserPointer(window, this);
    glfwSetCharCallback(window, CharCallback);
    glfwSetKeyCallback(window, KeyCallback);
    glfwSetMouseButtonCallback(window, MouseButtonCallback);
    glfwSetScrollCallback(window, ScrollCallback);
    glfwSetCursorPosCallback(window, CursorPosCallback);
    glfwSetWindowFocusCallback(window, FocusCallback);
    glfwSetCursorEnterCallback(window, CursorEnterCallback);
    glfwSetWindowRefreshCallback(window, RefreshCallback);
}

GlfwInput::~GlfwInput() {
    glfwSetCharCallback(m_window, nullptr);
    glfwSetKeyCallback(m_window, nullptr);
    glfwSetMouseButtonCallback(m_window, nullptr);
    glfwSetScrollCallback(m_window, nullptr);
    glfwSetCursorPosCallback(m_window, nullptr);
    glfwSetWindowFocusCallback(m_window, nullptr);
    glfwSetCursorEnterCallback(m_window, nullptr);
    glfwSetWindowRefreshCallback(m_window, nullptr);
    glfwSetWindowUserPointer(m_window, nullptr);
}

std::chrono::milliseconds GlfwInput::Now() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
}

void GlfwInput::OnChar(unsigned int codepoint) {
    Touched();
    m_router.Key(static_cast<char32_t>(codepoint), Now());
}

void GlfwInput::OnKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
    Touched();
    const bool enter = key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER;
    if (enter || key == GLFW_KEY_TAB) {
        // A scan's terminator, or a person's key: the wedge decides, and Deliver presses it.
        if (action != GLFW_RELEASE) m_router.Key(enter ? U'\r' : U'\t', Now());
        return;
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

std::vector<std::string> GlfwInput::Deliver(ImGuiIO& io) {
    std::vector<std::string> scans;
    // A key pressed last frame goes up now; the next key waits a frame so ImGui sees it go down.
    bool key_free = m_key_down < 0;
    if (!key_free) {
        io.KeysDown[m_key_down] = false;
        m_key_down = -1;
    }
    m_router.Tick(Now());
    for (auto& input : m_router.Take())
        m_pending.push_back(std::move(input));
    bool typed = false;
    while (!m_pending.empty()) {
        RoutedInput& input = m_pending.front();
        if (input.kind == RoutedKind::kScan) {
            scans.push_back(std::move(input.text));
        } else if (input.kind == RoutedKind::kText) {
            if (m_key_down >= 0) break;  // text after a key waits for the key to go up
            io.AddInputCharactersUTF8(input.text.c_str());
            typed = true;
        } else {
            // A key after typing waits for the next frame, so the field has the text first.
            if (typed || !key_free) break;
            m_key_down = input.kind == RoutedKind::kEnter ? GLFW_KEY_ENTER : GLFW_KEY_TAB;
            io.KeysDown[m_key_down] = true;
            key_free = false;
        }
        m_pending.pop_front();
    }
    return scans;
}

bool GlfwInput::Busy() const {
    return m_key_down >= 0 || !m_pending.empty() || m_router.ReleaseDue().has_value() ||
           Now() - m_last_input < kBusyAfterInput;
}

double GlfwInput::WaitSeconds(double idle) const {
    const auto due = m_router.ReleaseDue();
    if (!due) return idle;
    const auto left = std::chrono::duration<double>(*due - Now()).count();
    return std::clamp(left, 0.0, idle);
}

}  // namespace tillbook::pos::ui
