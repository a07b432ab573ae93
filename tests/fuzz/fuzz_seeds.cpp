// Writes the seed corpora of the binary fuzz targets from tests/data/hw, in each target's input
// format (see the target's file):
//   fuzz_seeds DATA_DIR OUT_DIR
// OUT_DIR/hid_reports: the scans of scanner-acm.script typed as boot reports (US and UK);
// OUT_DIR/serial_stream: scanner-acm.script's bytes under every suffix;
// OUT_DIR/evdev_stream: each scanner-*.events file as struct input_event (US and UK);
// OUT_DIR/printer_status: DLE EOT replies of a ready printer, one with its cover open, one out of
// paper. The text seeds (channels, sync, catalogue) are copied by scripts/fuzz.
#include <linux/input.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tillbook/drivers/hid_keyboard.hpp"

namespace {

namespace fs = std::filesystem;
using tillbook::drivers::KeyboardLayout;

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void WriteSeed(const fs::path& dir, const std::string& name, const std::string& bytes) {
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary) << bytes;
}

// The lines a umockdev script replays ("r 10 5000112637923^M^J"), ^M and ^J as CR and LF.
std::string ScriptBytes(const std::string& script) {
    std::string bytes;
    std::istringstream lines(script);
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with("r ")) continue;
        const auto text_at = line.find(' ', 2);
        if (text_at == std::string::npos) continue;
        const std::string text = line.substr(text_at + 1);
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '^' && i + 1 < text.size() &&
                (text[i + 1] == 'M' || text[i + 1] == 'J')) {
                bytes.push_back(text[i + 1] == 'M' ? '\r' : '\n');
                ++i;
            } else {
                bytes.push_back(text[i]);
            }
        }
    }
    return bytes;
}

// An evemu file's "E: 0.001000 0001 0005 0001" lines as struct input_event.
std::string EventBytes(const std::string& evemu) {
    std::string bytes;
    std::istringstream lines(evemu);
    for (std::string line; std::getline(lines, line);) {
        unsigned type = 0;
        unsigned code = 0;
        int value = 0;
        double time = 0;
        if (std::sscanf(line.c_str(), "E: %lf %x %x %x", &time, &type, &code, &value) != 4)
            continue;
        input_event event{};
        event.type = static_cast<std::uint16_t>(type);
        event.code = static_cast<std::uint16_t>(code);
        event.value = value;
        bytes.append(reinterpret_cast<const char*>(&event), sizeof event);
    }
    return bytes;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: fuzz_seeds DATA_DIR OUT_DIR\n");
        return 2;
    }
    const fs::path data = fs::path(argv[1]) / "hw";
    const fs::path out = argv[2];

    const std::string serial = ScriptBytes(ReadFile(data / "scanner-acm.script"));
    for (char suffix = 0; suffix < 5; ++suffix)
        WriteSeed(out / "serial_stream", "acm-suffix-" + std::to_string(suffix + 1),
                  std::string{suffix, '\x40'} + serial);

    std::istringstream scans(serial);
    int n = 0;
    for (std::string scan; std::getline(scans, scan, '\r');) {
        for (const auto layout : {KeyboardLayout::kUs, KeyboardLayout::kUk}) {
            const auto reports = tillbook::drivers::ReportsTyping(scan + "\r", layout);
            if (!reports) continue;
            std::string bytes(1, layout == KeyboardLayout::kUk ? '\x01' : '\x00');
            for (const auto& report : *reports)
                bytes.append(reinterpret_cast<const char*>(report.data()), report.size());
            WriteSeed(out / "hid_reports", "acm-scan-" + std::to_string(n++), bytes);
        }
    }

    for (const auto& entry : fs::directory_iterator(data)) {
        if (entry.path().extension() != ".events") continue;
        const std::string events = EventBytes(ReadFile(entry.path()));
        const std::string stem = entry.path().stem().string();
        WriteSeed(out / "evdev_stream", stem + "-us", std::string(1, '\x00') + events);
        WriteSeed(out / "evdev_stream", stem + "-uk", std::string(1, '\x01') + events);
    }

    WriteSeed(out / "printer_status", "ready", "\x12\x12\x12\x12");
    WriteSeed(out / "printer_status", "cover-open", "\x1a\x16\x12\x12");
    WriteSeed(out / "printer_status", "paper-end", "\x1a\x32\x12\x72");
    return 0;
}
