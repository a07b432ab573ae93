#include "tillbook/pos/ui/till_window.hpp"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h>  // GetActiveID, ClearActiveID

#include <chrono>
#include <iostream>
#include <optional>

#include "ui/frame_digest.hpp"
#include "ui/glfw_input.hpp"
#include "ui/script_runner.hpp"
#include "ui/theme.hpp"
#include "ui/till_screens.hpp"
#include "ui/ui_context.hpp"
#include "ui/window_session.hpp"

namespace tillbook::pos::ui {

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr double kIdleWaitSeconds = 0.1;

ids::UtcMillis WallClockNow() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void Render(GLFWwindow* window) {
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(colours::kBackground.x, colours::kBackground.y, colours::kBackground.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    // The drawing done here, not hidden in the swap: a frame's cost shows where it is spent.
    glFinish();
}

// Frames run as fast as they can while there is something to do, at most one a screen refresh
// when the last was not painted (no swap waits for the refresh then); an idle interactive window
// waits for input (or the keyboard wedge's next release), at most kIdleWaitSeconds, so the
// workers' reports still show within a tenth of a second.
void WaitForWork(const GlfwInput& input, bool run_flat_out, bool painted_last) {
    constexpr double kRefreshSeconds = 1.0 / 60;
    if (run_flat_out) {
        glfwPollEvents();
    } else if (input.Busy() || ImGui::IsAnyMouseDown()) {
        if (painted_last) {
            glfwPollEvents();
        } else {
            glfwWaitEventsTimeout(input.WaitSeconds(kRefreshSeconds));
        }
    } else {
        glfwWaitEventsTimeout(input.WaitSeconds(kIdleWaitSeconds));
    }
}

// A tap outside the text field being typed into leaves the field first, so that the control
// tapped takes the tap even when it is drawn before the field (ImGui lets no other control be
// pressed while a field is active, and the field lets go only when it is drawn).
void LeaveFieldOnTapElsewhere(const FrameRecord& shown) {
    const auto& field = shown.FocusedField();
    const ImGuiIO& io = ImGui::GetIO();
    if (!field || !io.MouseClicked[0] || ImGui::GetActiveID() == 0) return;
    const ScreenRect& rect = field->rect;
    const bool inside = io.MousePos.x >= rect.x && io.MousePos.x < rect.x + rect.width &&
                        io.MousePos.y >= rect.y && io.MousePos.y < rect.y + rect.height;
    if (!inside) ImGui::ClearActiveID();
}

}  // namespace

int RunTillWindow(app::TillModel& model, const TillWindowOptions& options) {
    std::ostream& log = options.log ? *options.log : std::cerr;
    const bool flat_out = options.script.has_value() || !options.vsync;
    auto session = WindowSession::Open(options.size, options.vsync && !flat_out);
    if (!session) {
        log << "tillbook-pos: " << session.error().message << "\n";
        return kNoWindow;
    }
    GLFWwindow* window = (*session)->Window();
    GlfwInput input(window, options.wedge);

    FrameRecord shown;  // what the last frame showed
    FrameRecord drawing;
    UiContext context{&drawing, (*session)->Fonts().body, (*session)->Fonts().large,
                      (*session)->Fonts().huge, (*session)->Scale()};
    ScopedUiContext scoped_context(context);
    TillScreensState screens;
    std::optional<ScriptRunner> runner;
    if (options.script) runner.emplace(*options.script, options.screenshot_dir, log);

    std::int64_t frame = 0;
    std::uint64_t painted_digest = 0;
    bool painted_last = true;
    app::Intents intents;
    bool keep_going = true;
    while (keep_going && !glfwWindowShouldClose(window)) {
        const auto started = SteadyClock::now();
        WaitForWork(input, flat_out, painted_last);
        ImGuiIO& io = ImGui::GetIO();
        intents.clear();
        for (auto& code : input.Deliver(io))
            intents.emplace_back(app::ScanCode{std::move(code), app::ScanSource::kKeyboardWedge});

        model.Tick(WallClockNow());
        const app::TillView& view = model.View();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        if (runner) runner->BeforeFrame(SteadyClock::now(), shown, view, io, intents);
        const auto draw_started = SteadyClock::now();
        ImGui::NewFrame();
        LeaveFieldOnTapElsewhere(shown);
        drawing.Clear();
        DrawTill(view, screens, intents);
        ImGui::Render();
        // A frame that would paint what the screen already shows is not painted again.
        const std::uint64_t digest = DigestDrawData(*ImGui::GetDrawData());
        const auto render_started = SteadyClock::now();
        const bool paint = input.TakeExposed() || digest != painted_digest ||
                           (runner && runner->WantsScreenshot());
        if (paint) {
            Render(window);
            painted_digest = digest;
            if (runner) {
                int width = 0;
                int height = 0;
                glfwGetFramebufferSize(window, &width, &height);
                runner->AfterRender(width, height, drawing);
            }
        }
        const auto swap_started = SteadyClock::now();
        if (paint) glfwSwapBuffers(window);
        const auto finished = SteadyClock::now();
        painted_last = paint;
        std::swap(shown, drawing);
        ++frame;
        if (options.observer) {
            keep_going = options.observer->AfterFrame(FrameReport{
                frame, finished - started, render_started - draw_started,
                swap_started - render_started, finished - swap_started, paint, &shown, &view});
        }
        model.Apply(intents);
        if (runner && runner->Finished()) break;
    }
    if (runner && !runner->Finished()) {
        log << "tillbook-pos: the window closed before the script ended\n";
        return kScriptFailed;
    }
    return runner ? runner->ExitCode() : kWindowClosed;
}

}  // namespace tillbook::pos::ui
