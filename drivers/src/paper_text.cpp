#include "tillbook/drivers/paper_text.hpp"

#include <algorithm>

namespace tillbook::drivers {

namespace {

std::string Spread(const std::string& text) {
    std::string wide;
    for (std::size_t i = 0; i < text.size(); ++i) {
        wide += text[i];
        const bool last_byte_of_char =
            i + 1 == text.size() || (static_cast<unsigned char>(text[i + 1]) & 0xC0) != 0x80;
        if (last_byte_of_char) wide += ' ';
    }
    return wide;
}

}  // namespace

std::string PaperText(std::span<const PrintedLine> lines, int width) {
    std::string paper;
    for (const PrintedLine& line : lines) {
        std::string text = line.text;
        if (line.kind == PrintedKind::kLogo) {
            text = line.image ? "[LOGO " + std::to_string(line.image->width) + "x" +
                                    std::to_string(line.image->height) + "]"
                              : "[LOGO missing]";
        } else if (line.kind != PrintedKind::kText) {
            text = (line.kind == PrintedKind::kQrCode ? "[QR " : "[CODE128 ") + text + "]";
        } else if (line.double_size) {
            text = Spread(text);
        }
        const int columns =
            line.kind == PrintedKind::kText ? PrintedColumns(line) : static_cast<int>(text.size());
        const int room = std::max(width - columns, 0);
        const int pad = line.alignment == Alignment::kCentre  ? room / 2
                        : line.alignment == Alignment::kRight ? room
                                                              : 0;
        paper += std::string(static_cast<std::size_t>(pad), ' ') + text;
        paper += std::string(static_cast<std::size_t>(room - pad), ' ') + "\n";
    }
    return paper;
}

}  // namespace tillbook::drivers
