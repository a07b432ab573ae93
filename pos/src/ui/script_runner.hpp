#pragma once
// Runs a script (tillbook/pos/ui/script.hpp) against the window, a frame at a time, through the
// same paths a person's input takes: the pointer and its button, and characters, go in through
// ImGui's IO; scans arrive as the device worker's would. Each step that changes something lets
// two frames pass before the next, so the next step reads a frame drawn after the model applied it.
#include <imgui.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <optional>
#include <ostream>

#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"
#include "tillbook/pos/ui/frame_record.hpp"
#include "tillbook/pos/ui/script.hpp"

namespace tillbook::pos::ui {

struct ScriptTimeouts {
    std::chrono::milliseconds appear{1000};  // tap: the control shows up (and is enabled); type: a
                                             // field has the focus
    std::chrono::milliseconds expect_text{2000};
    std::chrono::milliseconds sync{15000};
    // login: the PIN's check (argon2id, on the till's own thread) answers
    std::chrono::milliseconds sign_in{15000};
};

class ScriptRunner {
  public:
    using Clock = std::chrono::steady_clock;

    ScriptRunner(Script script, std::filesystem::path screenshot_dir, std::ostream& log,
                 ScriptTimeouts timeouts = {});

    // After the platform backend's NewFrame and before ImGui::NewFrame. `last` is what the
    // previous frame showed; scans go into `out`, this frame's intents.
    void BeforeFrame(Clock::time_point now, const FrameRecord& last, const app::TillView& view,
                     ImGuiIO& io, app::Intents& out);
    // After rendering, before the buffers swap: writes a screenshot asked for.
    void AfterRender(int width, int height, const FrameRecord& shown);

    // A screenshot is to be taken this frame, so it must be painted.
    [[nodiscard]] bool WantsScreenshot() const { return m_screenshot.has_value(); }
    [[nodiscard]] bool Finished() const { return m_exit_code.has_value(); }
    [[nodiscard]] int ExitCode() const { return m_exit_code.value_or(0); }

  private:
    enum class TapPhase : int { kFind = 1, kRelease = 2 };

    void Step(Clock::time_point now, const FrameRecord& last, const app::TillView& view,
              ImGuiIO& io, app::Intents& out);
    void Tap(Clock::time_point now, const FrameRecord& last);
    void Next(int settle_frames);
    void Fail(std::string_view what, const FrameRecord& shown);
    [[nodiscard]] bool Waited(Clock::time_point now, std::chrono::milliseconds limit) const {
        return now - m_step_started > limit;
    }

    Script m_script;
    std::filesystem::path m_screenshot_dir;
    std::ostream& m_log;
    ScriptTimeouts m_timeouts;

    std::size_t m_index = 0;
    bool m_started = false;
    Clock::time_point m_step_started{};
    int m_settle = 0;
    std::deque<std::string> m_taps;  // labels still to press for this step
    bool m_pin_sent = false;         // login: every digit and OK pressed; the answer is awaited
    TapPhase m_phase = TapPhase::kFind;
    ImVec2 m_pointer{-1, -1};
    bool m_pointer_down = false;
    std::optional<std::filesystem::path> m_screenshot;
    std::optional<std::size_t> m_screenshot_step;
    std::optional<int> m_exit_code;
};

}  // namespace tillbook::pos::ui
