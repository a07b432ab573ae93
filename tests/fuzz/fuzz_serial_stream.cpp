// libFuzzer target: the bytes of a serial (CDC-ACM) scanner's line through SerialLineDecoder and
// ReadScannedBarcode, as SerialScanner::Next takes them. The first byte picks the suffix, the
// second the longest line (1..256); the rest is the line. A line never holds CR, LF or Tab and is
// never longer than the limit.
#include "fuzz_check.hpp"
#include "tillbook/drivers/scanned_barcode.hpp"
#include "tillbook/drivers/serial_scanner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tillbook::drivers;
    if (size < 2) return 0;
    const auto suffix = static_cast<SerialSuffix>(1 + data[0] % 5);
    const std::size_t max_line_bytes = 1 + std::size_t{data[1]};
    SerialLineDecoder decoder(suffix, max_line_bytes);
    for (std::size_t i = 2; i < size; ++i) {
        const auto line = decoder.Take(static_cast<char>(data[i]));
        if (!line) continue;
        FUZZ_CHECK(line->size() <= max_line_bytes);
        FUZZ_CHECK(line->find_first_of("\r\n\t") == std::string::npos);
        if (!line->empty()) (void)ReadScannedBarcode(*line);
    }
    return 0;
}
