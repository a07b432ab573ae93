// libFuzzer target: a grabbed scanner's evdev stream (struct input_event after struct
// input_event, as read from /dev/input/eventN) through EvdevEventDecoder and ReadScannedBarcode,
// as EvdevScanner::Next takes it. The first byte picks the layout. Scans are never empty nor
// longer than kMaxScanBytes.
#include <linux/input.h>

#include <cstring>

#include "fuzz_check.hpp"
#include "tillbook/drivers/evdev_scanner.hpp"
#include "tillbook/drivers/scanned_barcode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tillbook::drivers;
    if (size == 0) return 0;
    EvdevEventDecoder decoder((data[0] & 1) != 0 ? KeyboardLayout::kUk : KeyboardLayout::kUs);
    for (std::size_t at = 1; size - at >= sizeof(input_event); at += sizeof(input_event)) {
        input_event event{};
        std::memcpy(&event, data + at, sizeof event);
        const auto text = decoder.Take(event.type, event.code, event.value);
        if (!text) continue;
        FUZZ_CHECK(!text->empty() && text->size() <= kMaxScanBytes);
        (void)ReadScannedBarcode(*text);
    }
    return 0;
}
