#pragma once
// The till's device worker set up for the emulated USB TM-T20 (FakeUsbPrinter): its device file,
// and options with short waits so that a test about failures does not wait for the defaults.
#include <chrono>
#include <cstddef>
#include <fstream>
#include <string>

#include "temp_dir.hpp"
#include "tillbook/pos/devices/device_worker.hpp"

namespace tillbook::testing {

// The till's device file for the emulated printer, with `extra` JSON sections after it.
inline std::string WriteUsbPrinterConfig(const TempDir& folder, const std::string& extra = {}) {
    const std::string path = folder.File("till.json");
    std::ofstream(path) << R"({"printer": {"uri": "usb:04b8:0e15", "profile": "epson-tm-t20"})"
                        << extra << "}";
    return path;
}

// The Corner Shop's receipt text on till T1, and short waits.
inline pos::devices::DeviceWorkerOptions QuickDeviceOptions() {
    using namespace std::chrono_literals;
    pos::devices::DeviceWorkerOptions options;
    options.header_lines = {"The Corner Shop", "12 High Street, Leeds"};
    options.footer_lines = {"Thank you!"};
    options.terminal = "T1";
    options.transport_timeouts.write = 400ms;
    options.spooler.first_retry_delay = 50ms;
    options.spooler.max_retry_delay = 100ms;
    options.spooler.status_timeout = 300ms;
    options.status_interval = 100ms;
    options.status_timeout = 400ms;
    options.log = [](const std::string&) {};
    return options;
}

// How many times `needle` stands in `haystack` (overlaps counted).
inline std::size_t Occurrences(const std::string& haystack, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + 1)) {
        ++count;
    }
    return count;
}

}  // namespace tillbook::testing
