#pragma once
// The till's window: GLFW + OpenGL 3 + Dear ImGui. Once a frame it lets the model take in its
// workers' reports (Tick), draws the model's view while collecting what the cashier asked for,
// and hands that to the model after the frame (Apply). Keyboard input goes through the keyboard
// wedge, so a scanner typing into the window becomes a scan. With a script it runs the script
// (scripted mode), frames as fast as they come, and answers whether every step passed.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>

#include "tillbook/drivers/keyboard_wedge.hpp"
#include "tillbook/pos/app/till_model.hpp"
#include "tillbook/pos/ui/frame_record.hpp"
#include "tillbook/pos/ui/script.hpp"

namespace tillbook::pos::ui {

struct WindowSize {
    int width = 1920;
    int height = 1080;
};

// What a frame did, for benchmarks and tests.
struct FrameReport {
    std::int64_t frame = 0;                  // 1 for the first
    std::chrono::nanoseconds frame_time{};   // from its start to its buffers swapped
    std::chrono::nanoseconds draw_time{};    // the screens drawn into ImGui's lists (CPU)
    std::chrono::nanoseconds render_time{};  // OpenGL drawing the lists
    std::chrono::nanoseconds swap_time{};    // the buffers swapped (with Xvfb: the copy to it)
    bool painted = false;  // false: it would have painted what the screen already showed
    const FrameRecord* record = nullptr;  // what it showed
    const app::TillView* view = nullptr;  // the view it drew
};

class FrameObserver {
  public:
    virtual ~FrameObserver() = default;
    // After each frame (before the model applies its intents). False closes the window.
    virtual bool AfterFrame(const FrameReport& report) = 0;
};

struct TillWindowOptions {
    WindowSize size;
    std::optional<Script> script;          // scripted mode
    std::filesystem::path screenshot_dir;  // where `screenshot NAME.png` writes
    std::ostream* log = nullptr;           // problems and a failed step (std::cerr when null)
    FrameObserver* observer = nullptr;
    drivers::WedgeSettings wedge;
    // Frames wait for vsync and, when idle, for input (a person at the till). Off, and always in
    // scripted mode, frames run as fast as they come (benchmarks, tests).
    bool vsync = true;
};

// Exit codes.
inline constexpr int kWindowClosed = 0;  // closed by the cashier, or the script passed
inline constexpr int kScriptFailed = 1;  // a step failed (named on the log)
inline constexpr int kNoWindow = 3;      // no display, no OpenGL 3, or no font

[[nodiscard]] int RunTillWindow(app::TillModel& model, const TillWindowOptions& options);

}  // namespace tillbook::pos::ui
