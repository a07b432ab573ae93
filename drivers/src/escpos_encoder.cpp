#include "tillbook/drivers/escpos_encoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cstddef>

#include "tillbook/barcode/gtin.hpp"

namespace tillbook::drivers {
namespace {

constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kGs = 0x1D;
constexpr std::uint8_t kLineFeed = 0x0A;

constexpr std::uint8_t kDoubleWidthAndHeight = 0x11;  // GS ! n: width-1 in the high nibble
constexpr std::uint8_t kNormalSize = 0x00;

constexpr std::uint8_t kCutFullAfterFeed = 65;     // GS V 65 n
constexpr std::uint8_t kCutPartialAfterFeed = 66;  // GS V 66 n

constexpr std::chrono::milliseconds kDrawerPulseUnit{2};

constexpr std::uint8_t kDataLinkEscape = 0x10;
constexpr std::uint8_t kDeviceControl4 = 0x14;    // DLE DC4 fn ...
constexpr std::uint8_t kRealTimeDrawerPulse = 1;  // DLE DC4 fn = 1
constexpr std::uint8_t kHriBelow = 2;             // GS H n
constexpr std::uint8_t kBarcodeCode128 = 73;      // GS k m, function B
constexpr std::uint8_t kBarcodeEan13 = 67;        // GS k m, function B
constexpr std::uint8_t kQrHeaderBytes = 3;        // cn fn m, counted in pL pH
constexpr int kMinQrModule = 1;
constexpr int kMaxQrModule = 16;
constexpr std::size_t kMaxTwoByteLength = 0xFFFF;

std::uint8_t LowByte(std::size_t value) {
    return static_cast<std::uint8_t>(value & 0xFFU);
}

std::uint8_t HighByte(std::size_t value) {
    return static_cast<std::uint8_t>((value >> 8U) & 0xFFU);
}

std::uint8_t DrawerPinSelector(DrawerPin pin) {
    switch (pin) {
        case DrawerPin::kPin2:
            return 0;
        case DrawerPin::kPin5:
            return 1;
    }
    assert(false && "DrawerPin value outside the enum");
    return 0;
}

// Milliseconds as ESC p pulse units: rounded up to the next 2 ms, clamped to 0..255.
std::uint8_t DrawerPulseUnits(std::chrono::milliseconds duration) {
    // Clamped first, so the rounding cannot overflow however long `duration` is.
    const std::chrono::milliseconds clamped =
        std::clamp(duration, std::chrono::milliseconds{0}, EscPosEncoder::kMaxDrawerPulse);
    const auto units =
        (clamped + kDrawerPulseUnit - std::chrono::milliseconds{1}) / kDrawerPulseUnit;
    return static_cast<std::uint8_t>(units);
}

// Milliseconds as DLE DC4 pulse units: rounded up to the next 100 ms, clamped to 1..8.
std::uint8_t RealTimePulseUnits(std::chrono::milliseconds duration) {
    return static_cast<std::uint8_t>(EscPosEncoder::RealTimePulseLength(duration) /
                                     EscPosEncoder::kRealTimePulseUnit);
}

}  // namespace

EscPosEncoder& EscPosEncoder::Initialise() {
    Append({kEsc, '@'});
    m_code_page = CodePage::kCp437;
    return *this;
}

EscPosEncoder& EscPosEncoder::SelectCodePage(CodePage page) {
    return SelectCodePage(page, EpsonTableNumber(page));
}

EscPosEncoder& EscPosEncoder::SelectCodePage(CodePage page, std::uint8_t table_number) {
    Append({kEsc, 't', table_number});
    m_code_page = page;
    return *this;
}

EscPosEncoder& EscPosEncoder::Text(std::string_view utf8) {
    AppendEncodedText(m_bytes, utf8, m_code_page);
    return *this;
}

EscPosEncoder& EscPosEncoder::Line(std::string_view utf8) {
    Text(utf8);
    Append({kLineFeed});
    return *this;
}

EscPosEncoder& EscPosEncoder::Bold(bool on) {
    Append({kEsc, 'E', on ? std::uint8_t{1} : std::uint8_t{0}});
    return *this;
}

EscPosEncoder& EscPosEncoder::DoubleSize(bool on) {
    Append({kGs, '!', on ? kDoubleWidthAndHeight : kNormalSize});
    return *this;
}

EscPosEncoder& EscPosEncoder::Align(Alignment alignment) {
    Append({kEsc, 'a', static_cast<std::uint8_t>(alignment)});
    return *this;
}

EscPosEncoder& EscPosEncoder::Feed(int lines) {
    Append({kEsc, 'd', static_cast<std::uint8_t>(std::clamp(lines, 0, kMaxFeedLines))});
    return *this;
}

EscPosEncoder& EscPosEncoder::Cut(CutMode mode) {
    const std::uint8_t m = mode == CutMode::kPartial ? kCutPartialAfterFeed : kCutFullAfterFeed;
    Append({kGs, 'V', m, 0});
    return *this;
}

EscPosEncoder& EscPosEncoder::KickDrawer(DrawerPin pin, std::chrono::milliseconds on,
                                         std::chrono::milliseconds off) {
    Append({kEsc, 'p', DrawerPinSelector(pin), DrawerPulseUnits(on), DrawerPulseUnits(off)});
    return *this;
}

std::chrono::milliseconds EscPosEncoder::RealTimePulseLength(std::chrono::milliseconds on) {
    constexpr auto kUnit = kRealTimePulseUnit;
    constexpr auto kLongest = kUnit * kMaxRealTimePulseUnits;
    // Clamped first, so the rounding cannot overflow however long `on` is.
    const std::chrono::milliseconds clamped = std::clamp(on, kUnit, kLongest);
    return (clamped + kUnit - std::chrono::milliseconds{1}) / kUnit * kUnit;
}

EscPosEncoder& EscPosEncoder::KickDrawerRealTime(DrawerPin pin, std::chrono::milliseconds on) {
    Append({kDataLinkEscape, kDeviceControl4, kRealTimeDrawerPulse, DrawerPinSelector(pin),
            RealTimePulseUnits(on)});
    return *this;
}

EscPosEncoder& EscPosEncoder::BarcodeCode128(std::string_view data) {
    if (data.empty()) {
        Refuse(MakeError(ErrorCode::kInvalidInput, "barcode: no text to print", "barcode"));
        return *this;
    }
    std::string symbols = "{B";
    for (const char c : data) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte > 0x7E) {
            Refuse(MakeError(ErrorCode::kInvalidInput,
                             fmt::format("barcode: character 0x{:02X} cannot be printed in a Code "
                                         "128 barcode (only plain letters, digits and signs)",
                                         byte),
                             "barcode"));
            return *this;
        }
        symbols += c;
        if (c == '{') symbols += '{';
    }
    if (symbols.size() > static_cast<std::size_t>(kMaxCode128Bytes) + 2) {
        Refuse(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("barcode: {} characters is too long for a Code 128 barcode", data.size()),
            "barcode"));
        return *this;
    }
    AppendBarcodeSetUp();
    Append({kGs, 'k', kBarcodeCode128, static_cast<std::uint8_t>(symbols.size())});
    m_bytes += symbols;
    return *this;
}

EscPosEncoder& EscPosEncoder::BarcodeEan13(std::string_view digits) {
    std::string code{digits};
    if (digits.size() == 12) {
        auto with_check = barcode::AppendCheckDigit(digits);
        if (!with_check) {
            Refuse(with_check.error().WithContext("EAN-13 barcode"));
            return *this;
        }
        code = std::move(*with_check);
    }
    const auto gtin = barcode::ParseGtin(code);
    if (!gtin || gtin->kind != barcode::GtinKind::kEan13) {
        Refuse(gtin ? MakeError(ErrorCode::kInvalidInput,
                                fmt::format("EAN-13 barcode: {}: needs 12 or 13 digits", digits),
                                "barcode")
                    : gtin.error().WithContext("EAN-13 barcode"));
        return *this;
    }
    AppendBarcodeSetUp();
    Append({kGs, 'k', kBarcodeEan13, static_cast<std::uint8_t>(gtin->digits.size())});
    m_bytes += gtin->digits;
    return *this;
}

EscPosEncoder& EscPosEncoder::QrCode(std::string_view data, int module_size) {
    if (module_size < kMinQrModule || module_size > kMaxQrModule) {
        Refuse(MakeError(ErrorCode::kInvalidInput,
                         fmt::format("QR code: module size {} is outside 1..16", module_size),
                         "module_size"));
        return *this;
    }
    if (data.empty() || data.size() > static_cast<std::size_t>(kMaxQrBytes)) {
        Refuse(MakeError(ErrorCode::kInvalidInput,
                         data.empty() ? std::string{"QR code: no text to print"}
                                      : fmt::format("QR code: {} characters is more than a QR "
                                                    "code holds ({})",
                                                    data.size(), kMaxQrBytes),
                         "qr"));
        return *this;
    }
    if (data.find(static_cast<char>(kDataLinkEscape)) != std::string_view::npos) {
        Refuse(MakeError(ErrorCode::kInvalidInput,
                         "QR code: the text holds a control character (0x10) the printer would "
                         "take for a command",
                         "qr"));
        return *this;
    }
    const std::size_t store_length = data.size() + kQrHeaderBytes;
    Append({kGs, '(', 'k', 4, 0, '1', 'A', '2', 0});
    Append({kGs, '(', 'k', 3, 0, '1', 'C', static_cast<std::uint8_t>(module_size)});
    Append({kGs, '(', 'k', 3, 0, '1', 'E', '1'});  // '1' = 0x31: error correction M (15 %)
    Append({kGs, '(', 'k', LowByte(store_length), HighByte(store_length), '1', 'P', '0'});
    m_bytes += data;
    Append({kGs, '(', 'k', 3, 0, '1', 'Q', '0'});
    return *this;
}

EscPosEncoder& EscPosEncoder::Raster(const RasterImage& image) {
    if (!image.IsWellFormed()) {
        Refuse(MakeError(ErrorCode::kInvalidInput,
                         fmt::format("picture: {}x{} dots with {} bytes is not a whole picture",
                                     image.width, image.height, image.rows.size()),
                         "logo"));
        return *this;
    }
    const auto row_bytes = static_cast<std::size_t>(image.BytesPerRow());
    if (row_bytes > kMaxTwoByteLength) {
        Refuse(MakeError(ErrorCode::kInvalidInput,
                         fmt::format("picture: {} dots is too wide to print", image.width),
                         "logo"));
        return *this;
    }
    const auto height = static_cast<std::size_t>(image.height);
    for (std::size_t top = 0; top < height; top += kMaxRasterBandRows) {
        const std::size_t band =
            std::min(height - top, static_cast<std::size_t>(kMaxRasterBandRows));
        Append({kGs, 'v', '0', 0, LowByte(row_bytes), HighByte(row_bytes), LowByte(band),
                HighByte(band)});
        const auto first = image.rows.begin() + static_cast<std::ptrdiff_t>(top * row_bytes);
        for (auto it = first; it != first + static_cast<std::ptrdiff_t>(band * row_bytes); ++it)
            m_bytes.push_back(static_cast<char>(*it));
    }
    return *this;
}

Result<std::string> EscPosEncoder::TakeBytes() && {
    if (m_first_error) return std::unexpected(*m_first_error);
    return std::move(m_bytes);
}

void EscPosEncoder::AppendBarcodeSetUp() {
    Append({kGs, 'h', static_cast<std::uint8_t>(kBarcodeHeightDots), kGs, 'w',
            static_cast<std::uint8_t>(kBarcodeModuleWidthDots), kGs, 'H', kHriBelow});
}

void EscPosEncoder::Refuse(Error error) {
    if (!m_first_error) m_first_error = std::move(error);
}

void EscPosEncoder::Append(std::initializer_list<std::uint8_t> bytes) {
    for (const std::uint8_t byte : bytes)
        m_bytes.push_back(static_cast<char>(byte));
}

}  // namespace tillbook::drivers
