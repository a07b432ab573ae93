#pragma once
// Laid-out lines as they come out on paper, in plain text: for a screen or a terminal that shows a
// receipt or a cash-up report as the printer would print it.
#include <span>
#include <string>

#include "tillbook/drivers/receipt_renderer.hpp"

namespace tillbook::drivers {

// One text line per printed line, each padded with spaces to `width` columns (alignment kept),
// ending in '\n'. Double-size text is spread out with a space after each character; a barcode or
// QR symbol shows as "[CODE128 data]" or "[QR data]", a logo as "[LOGO WxH]".
[[nodiscard]] std::string PaperText(std::span<const PrintedLine> lines, int width);

}  // namespace tillbook::drivers
