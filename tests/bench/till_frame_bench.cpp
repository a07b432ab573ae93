// The till's sale screen under a private Xvfb (Mesa's software OpenGL, so the figures are a
// CPU's, with no GPU): the frame time with a 200-line cart at 1920x1080 (p50/p99, target p99
// under 16 ms), and how many frames pass from a scan to its line being on screen, with a model
// that adds the line when it applies the scan (target: the next frame).
//
//   till_frame_bench [--frames 600] [--scans 20] [--size 1920x1080]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench_stats.hpp"
#include "scripted_till.hpp"
#include "tillbook/pos/ui/till_window.hpp"
#include "tillbook/pos/ui/window_command.hpp"
#include "xvfb_display.hpp"

namespace {

using tillbook::bench::Percentile;

using namespace tillbook;

constexpr int kWarmUpFrames = 30;

long Option(int argc, char** argv, std::string_view name, long fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name) return std::strtol(argv[i + 1], nullptr, 10);
    }
    return fallback;
}

std::string TextOption(int argc, char** argv, std::string_view name, std::string fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name) return argv[i + 1];
    }
    return fallback;
}

// Times frames after a warm-up (those painted, or those with nothing new to paint), then closes
// the window.
class FrameTimer : public pos::ui::FrameObserver {
  public:
    FrameTimer(long frames, bool painted) : m_frames(frames), m_painted(painted) {}
    bool AfterFrame(const pos::ui::FrameReport& report) override {
        if (report.painted != m_painted) return report.frame < 100 * m_frames;
        const auto ms = [](std::chrono::nanoseconds time) {
            return std::chrono::duration<double, std::milli>(time).count();
        };
        if (report.frame > kWarmUpFrames) {
            milliseconds.push_back(ms(report.frame_time));
            draw.push_back(ms(report.draw_time));
            render.push_back(ms(report.render_time));
            swap.push_back(ms(report.swap_time));
        }
        return static_cast<long>(milliseconds.size()) < m_frames;
    }
    std::vector<double> milliseconds;
    std::vector<double> draw;    // of which: the screens into ImGui's lists
    std::vector<double> render;  // OpenGL
    std::vector<double> swap;    // the swap (the copy to Xvfb)

  private:
    long m_frames;
    bool m_painted;
};

// Counts the frames from the one whose intents carried a scan to the first that shows its line.
class ScanWatcher : public pos::ui::FrameObserver {
  public:
    explicit ScanWatcher(const testing::ScriptedTill& till) : m_till(till) {}
    bool AfterFrame(const pos::ui::FrameReport& report) override {
        const auto applied_at = m_till.LastScanAppliedAt();
        if (applied_at >= 0 && applied_at != m_measured &&
            report.record->ShowsText(m_till.LastScanned())) {
            frames.push_back(report.frame - applied_at);
            m_measured = applied_at;
        }
        return true;
    }
    std::vector<std::int64_t> frames;

  private:
    const testing::ScriptedTill& m_till;
    std::int64_t m_measured = -1;
};

pos::ui::Script ScanScript(long scans) {
    std::string text;
    for (long i = 1; i <= scans; ++i)
        text += fmt::format("scan {}\nexpect-text \"Scanned {}\"\n", 9000000000000 + i, i);
    text += "quit\n";
    return *pos::ui::ParseScript(text);
}

}  // namespace

int main(int argc, char** argv) {
    const long frames = Option(argc, argv, "--frames", 600);
    const long scans = Option(argc, argv, "--scans", 20);
    const auto size = pos::ui::ParseWindowSize(TextOption(argc, argv, "--size", "1920x1080"));
    if (!size || frames < 10 || scans < 1) {
        fmt::print(stderr, "usage: till_frame_bench [--frames 600] [--scans 20] [--size WxH]\n");
        return 2;
    }
    testing::XvfbDisplay display(fmt::format("{}x{}x24", size->width, size->height));

    // Frame time: the sale screen with a 200-line cart, frames as fast as they come, with a clock
    // that changes every frame (so each is painted), then without (nothing new to paint).
    const auto time_frames = [&](bool changing) -> std::optional<FrameTimer> {
        testing::ScriptedTill cart;
        cart.StartOnSaleScreen();
        cart.AddLines(200);
        if (changing) cart.ChangeEveryFrame();
        FrameTimer timer(frames, changing);
        pos::ui::TillWindowOptions options;
        options.size = *size;
        options.vsync = false;
        options.observer = &timer;
        if (pos::ui::RunTillWindow(cart, options) != pos::ui::kWindowClosed ||
            timer.milliseconds.empty())
            return std::nullopt;
        return timer;
    };
    const auto painted = time_frames(true);
    const auto unchanged = time_frames(false);
    if (!painted || !unchanged) return 1;
    const FrameTimer& timer = *painted;
    pos::ui::TillWindowOptions options;
    options.size = *size;
    options.vsync = false;

    // Scan to visible: each scan's line is the cart's last, below the fold of a 200-line cart.
    testing::ScriptedTill scanning;
    scanning.StartOnSaleScreen();
    scanning.AddLines(200);
    scanning.AddScannableCodes(static_cast<int>(scans));
    ScanWatcher watcher(scanning);
    options.observer = &watcher;
    options.script = ScanScript(scans);
    if (const int code = pos::ui::RunTillWindow(scanning, options); code != 0) return code;

    const double p50 = Percentile(timer.milliseconds, 0.50);
    const double p99 = Percentile(timer.milliseconds, 0.99);
    const double worst = Percentile(timer.milliseconds, 1.0);
    const auto most_frames = watcher.frames.empty()
                                 ? std::int64_t{-1}
                                 : *std::max_element(watcher.frames.begin(), watcher.frames.end());
    fmt::print(
        "sale screen, 200-line cart, {}x{} under Xvfb (software OpenGL), {} painted frames:\n",
        size->width, size->height, timer.milliseconds.size());
    fmt::print(
        "  frame time p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms   (target p99 < 16 ms: {})\n",
        p50, p99, worst, p99 < 16.0 ? "met" : "MISSED");
    fmt::print("  of which (p50): drawing the screen {:.2f} ms, OpenGL {:.2f} ms, swap {:.2f} ms\n",
               Percentile(timer.draw, 0.5), Percentile(timer.render, 0.5),
               Percentile(timer.swap, 0.5));
    fmt::print(
        "  frames with nothing new to paint (not painted again): p50 {:.2f} ms, p99 {:.2f} ms\n",
        Percentile(unchanged->milliseconds, 0.50), Percentile(unchanged->milliseconds, 0.99));
    fmt::print(
        "scan to its line on screen: at most {} frame(s) over {} scans   (target 1: {})\n",
        most_frames, watcher.frames.size(),
        most_frames == 1 && static_cast<long>(watcher.frames.size()) == scans ? "met" : "MISSED");
    return 0;
}
