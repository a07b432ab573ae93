// libFuzzer target: a USB HID scanner's boot keyboard reports through HidScanDecoder. The first
// byte picks the layout (US or UK); the rest is reports of 8 bytes, the last one possibly short
// (which Feed must refuse). Scans are never empty nor longer than kMaxScanBytes, and nothing in
// progress grows past it.
#include <span>

#include "fuzz_check.hpp"
#include "tillbook/drivers/hid_keyboard.hpp"
#include "tillbook/drivers/scanned_barcode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tillbook::drivers;
    if (size == 0) return 0;
    const KeyboardLayout layout = (data[0] & 1) != 0 ? KeyboardLayout::kUk : KeyboardLayout::kUs;
    HidScanDecoder decoder(layout);
    const std::span<const std::uint8_t> reports(data + 1, size - 1);
    for (std::size_t at = 0; at < reports.size(); at += kBootReportSize) {
        const auto report = reports.subspan(at, std::min(kBootReportSize, reports.size() - at));
        const auto scans = decoder.Feed(report);
        FUZZ_CHECK(scans.has_value() == (report.size() == kBootReportSize));
        if (!scans) continue;
        for (const std::string& scan : *scans) {
            FUZZ_CHECK(!scan.empty() && scan.size() <= kMaxScanBytes);
            (void)ReadScannedBarcode(scan);
        }
        FUZZ_CHECK(decoder.Pending().size() <= kMaxScanBytes);
    }
    return 0;
}
