#include "ui/script_runner.hpp"

#include <fmt/format.h>

#include "ui/screenshot.hpp"

namespace tillbook::pos::ui {

namespace {

// Frames left to pass after a step that changed something, before the next step looks: one for
// the model's answer to be drawn, one for a focus that answer asked for to take effect (ImGui
// gives a field the keyboard focus a frame after it is asked, and a press in that very frame would
// be lost to the field).
constexpr int kSettleFrames = 2;

double Seconds(std::chrono::milliseconds duration) {
    return std::chrono::duration<double>(duration).count();
}

}  // namespace

ScriptRunner::ScriptRunner(Script script, std::filesystem::path screenshot_dir, std::ostream& log,
                           ScriptTimeouts timeouts)
    : m_script(std::move(script)),
      m_screenshot_dir(std::move(screenshot_dir)),
      m_log(log),
      m_timeouts(timeouts),
      // The first frames pass too: a screen asks for its field's focus as it opens.
      m_settle(kSettleFrames) {}

void ScriptRunner::BeforeFrame(Clock::time_point now, const FrameRecord& last,
                               const app::TillView& view, ImGuiIO& io, app::Intents& out) {
    if (!Finished()) {
        if (m_settle > 0) {
            --m_settle;
        } else {
            Step(now, last, view, io, out);
        }
    }
    // The script owns the pointer: whatever the real mouse does is overridden.
    io.MousePos = m_pointer;
    io.MouseDown[0] = m_pointer_down;
}

void ScriptRunner::Step(Clock::time_point now, const FrameRecord& last, const app::TillView& view,
                        ImGuiIO& io, app::Intents& out) {
    if (m_index >= m_script.size()) {
        m_exit_code = 0;
        return;
    }
    const ScriptStep& step = m_script[m_index];
    if (!m_started) {
        m_started = true;
        m_step_started = now;
        m_phase = TapPhase::kFind;
        m_taps.clear();
        m_pin_sent = false;
        if (step.kind == StepKind::kTap) m_taps.push_back(step.argument);
        if (step.kind == StepKind::kLogin) {
            for (const char digit : step.argument)
                m_taps.emplace_back(1, digit);
            m_taps.emplace_back("OK");
        }
    }
    switch (step.kind) {
        case StepKind::kLogin:
            if (!m_pin_sent) {
                Tap(now, last);
            } else if (view.screen != app::Screen::kSignIn || !view.sign_in.checking) {
                // Signed in, or the pad's answer is up (a wrong PIN): later steps look at it.
                Next(kSettleFrames);
            } else if (Waited(now, m_timeouts.sign_in)) {
                Fail(fmt::format("the PIN was still being checked after {} s",
                                 Seconds(m_timeouts.sign_in)),
                     last);
            }
            break;
        case StepKind::kTap:
            Tap(now, last);
            break;
        case StepKind::kScan:
            out.emplace_back(app::ScanCode{step.argument, app::ScanSource::kScanner});
            Next(kSettleFrames);
            break;
        case StepKind::kType:
            if (last.FocusedField()) {
                io.AddInputCharactersUTF8(step.argument.c_str());
                Next(kSettleFrames);
            } else if (Waited(now, m_timeouts.appear)) {
                Fail("no text field has the keyboard focus", last);
            }
            break;
        case StepKind::kExpectText:
            if (last.ShowsText(step.argument)) {
                Next(0);
            } else if (Waited(now, m_timeouts.expect_text)) {
                Fail(fmt::format("\"{}\" is not on screen after {} s", step.argument,
                                 Seconds(m_timeouts.expect_text)),
                     last);
            }
            break;
        case StepKind::kWaitSync:
            if (view.status_bar.unsent == 0) {
                Next(0);
            } else if (Waited(now, m_timeouts.sync)) {
                Fail(fmt::format("events still unsent after {} s: {}", Seconds(m_timeouts.sync),
                                 view.status_bar.unsent_text),
                     last);
            }
            break;
        case StepKind::kScreenshot:
            if (m_screenshot_dir.empty()) {
                Fail("screenshot needs --screenshot-dir", last);
                break;
            }
            m_screenshot = m_screenshot_dir / step.argument;
            m_screenshot_step = m_index;
            Next(0);
            break;
        case StepKind::kQuit:
            m_exit_code = 0;
            break;
    }
}

void ScriptRunner::Tap(Clock::time_point now, const FrameRecord& last) {
    if (m_phase == TapPhase::kRelease) {
        // The button goes up over the control: that is the tap.
        m_pointer_down = false;
        m_phase = TapPhase::kFind;
        m_taps.pop_front();
        m_step_started = now;
        if (m_taps.empty() && m_script[m_index].kind != StepKind::kLogin) {
            Next(kSettleFrames);
        } else if (m_taps.empty()) {
            m_pin_sent = true;  // the PIN's answer comes on a later frame
            m_settle = kSettleFrames;
        } else {
            m_settle = kSettleFrames;
        }
        return;
    }
    const std::string& label = m_taps.front();
    const auto found = last.ControlsLabelled(label);
    if (found.size() > 1) {
        Fail(fmt::format("\"{}\" is ambiguous: {} controls on screen have that label", label,
                         found.size()),
             last);
        return;
    }
    if (found.size() == 1 && found.front().enabled) {
        m_pointer = ImVec2{found.front().rect.CentreX(), found.front().rect.CentreY()};
        m_pointer_down = true;
        m_phase = TapPhase::kRelease;
        return;
    }
    if (!Waited(now, m_timeouts.appear)) return;
    if (found.empty()) {
        Fail(fmt::format("no control labelled \"{}\" on screen; the labels were: {}", label,
                         last.DescribeLabels()),
             last);
    } else {
        Fail(fmt::format("\"{}\" is on screen but greyed out", label), last);
    }
}

void ScriptRunner::Next(int settle_frames) {
    ++m_index;
    m_started = false;
    m_settle = settle_frames;
}

void ScriptRunner::AfterRender(int width, int height, const FrameRecord& shown) {
    if (!m_screenshot) return;
    const auto file = *m_screenshot;
    m_screenshot.reset();
    if (auto saved = SaveScreenshot(file, width, height); !saved) {
        m_index = m_screenshot_step.value_or(m_index);
        Fail(saved.error().message, shown);
    }
}

void ScriptRunner::Fail(std::string_view what, const FrameRecord& shown) {
    const ScriptStep& step = m_script[std::min(m_index, m_script.size() - 1)];
    m_log << fmt::format("tillbook-pos: script line {}: {}: {}\n  the screen showed: {}\n",
                         step.line, step.source, what, shown.Describe());
    m_pointer_down = false;
    m_exit_code = 1;
}

}  // namespace tillbook::pos::ui
