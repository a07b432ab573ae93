#include "ui/window_session.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <fmt/format.h>
#include <imgui.h>

#include <string>

#include "ui/sanitizer_support.hpp"
#include "ui/theme.hpp"

namespace tillbook::pos::ui {

namespace {

// GLFW reports its errors through a callback; the last one says why a call failed.
std::string& LastGlfwError() {
    thread_local std::string last;
    return last;
}

void OnGlfwError(int code, const char* description) {
    LastGlfwError() = fmt::format("{} (GLFW error {:#x})", description ? description : "", code);
}

Error NoWindow(std::string_view what) {
    return MakeError(ErrorCode::kDevice,
                     fmt::format("cannot open the till's window: {}: {}", what, LastGlfwError()));
}

}  // namespace

Result<std::unique_ptr<WindowSession>> WindowSession::Open(const WindowSize& size, bool vsync) {
    std::unique_ptr<WindowSession> session(new WindowSession());
    glfwSetErrorCallback(OnGlfwError);
    PinOpenGlDriverUnderSanitizer();
    if (!glfwInit()) return std::unexpected(NoWindow("no display (is DISPLAY set?)"));
    session->m_glfw = true;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    session->m_window = glfwCreateWindow(size.width, size.height, "Tillbook", nullptr, nullptr);
    if (!session->m_window) return std::unexpected(NoWindow("no OpenGL 3 window"));
    glfwMakeContextCurrent(session->m_window);
    glfwSwapInterval(vsync ? 1 : 0);

    auto fonts = FindTillFonts();
    if (!fonts) return std::unexpected(fonts.error());

    IMGUI_CHECKVERSION();
    session->m_imgui = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen;
    int height = size.height;
    int width = size.width;
    glfwGetWindowSize(session->m_window, &width, &height);
    session->m_scale = static_cast<float>(height) / 1080.0f;
    auto loaded = LoadTillFonts(*fonts, session->m_scale);
    if (!loaded) return std::unexpected(loaded.error());
    session->m_fonts = *loaded;
    ApplyTillTheme(session->m_scale);

    if (!ImGui_ImplGlfw_InitForOpenGL(session->m_window, false))
        return std::unexpected(NoWindow("ImGui's GLFW backend did not start"));
    session->m_platform_backend = true;
    if (!ImGui_ImplOpenGL3_Init("#version 130"))
        return std::unexpected(NoWindow("ImGui's OpenGL 3 backend did not start"));
    session->m_renderer_backend = true;
    return session;
}

WindowSession::~WindowSession() {
    if (m_renderer_backend) ImGui_ImplOpenGL3_Shutdown();
    if (m_platform_backend) ImGui_ImplGlfw_Shutdown();
    if (m_imgui) ImGui::DestroyContext(m_imgui);
    if (m_window) glfwDestroyWindow(m_window);
    if (m_glfw) glfwTerminate();
    glfwSetErrorCallback(nullptr);
}

}  // namespace tillbook::pos::ui
