#pragma once
// Test-side oracle: reads an ESC/POS byte stream back into printed text lines and a list of
// commands, checking that every command is one the encoder may send (docs/hardware.md §1.1) and is
// complete and consistent. Written from the command table, not from the encoder, so that the two
// check each other. Header-only, tests only.
#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tillbook/core/text.hpp"
#include "tillbook/drivers/code_page.hpp"

namespace tillbook::testing {

struct DecodedCommand {
    std::size_t offset = 0;  // of its first byte
    std::string name;        // "ESC @", "GS k", "DLE EOT", ...
    std::string bytes;       // the whole command, prefix included
};

// One printed line (ended by LF or ESC d), in UTF-8, with the modes in force at its first
// character (or at its end when it is blank).
struct DecodedLine {
    std::string text;
    bool bold = false;
    bool double_size = false;  // GS ! 0x11
    int alignment = 0;         // 0 left, 1 centre, 2 right
};

struct DecodedBarcode {
    std::size_t offset = 0;
    int type = 0;      // GS k m: 73 Code 128, 67 (or 2) EAN-13, ...
    std::string data;  // Code 128 without its "{B" and with "{{" read as "{"
};

struct DecodedQrCode {
    std::size_t offset = 0;  // of the print command
    std::string data;
    int model = 0;  // '1' or '2' as a number (1, 2)
    int module_size = 0;
    char error_correction = '?';  // 'L', 'M', 'Q' or 'H'
};

struct DecodedRaster {
    std::size_t offset = 0;
    int bytes_per_row = 0;
    int rows = 0;
    std::string data;
};

struct DecodedStream {
    std::vector<DecodedCommand> commands;
    std::vector<DecodedLine> lines;
    std::string unprinted_text;  // text after the last line end: the printer keeps it buffered
    std::vector<DecodedBarcode> barcodes;
    std::vector<DecodedQrCode> qr_codes;
    std::vector<DecodedRaster> rasters;

    [[nodiscard]] std::vector<std::string> Texts() const {
        std::vector<std::string> texts;
        for (const DecodedLine& line : lines)
            texts.push_back(line.text);
        return texts;
    }
    [[nodiscard]] std::vector<std::string> CommandNames() const {
        std::vector<std::string> names;
        for (const DecodedCommand& command : commands)
            names.push_back(command.name);
        return names;
    }
};

// Where the stream stops being well-formed: the offset of the first byte that is unknown or
// wrong, or the stream's length when a command is cut short.
struct DecodeFailure {
    std::size_t offset = 0;
    std::string reason;
};

namespace escpos_detail {

class Decoder {
  public:
    explicit Decoder(std::string_view bytes) : m_bytes(bytes) {}

    std::expected<DecodedStream, DecodeFailure> Run() {
        while (m_at < m_bytes.size() && !m_failure) {
            const std::size_t start = m_at;
            const std::uint8_t byte = Byte(m_at);
            if (byte == 0x0A) {
                ++m_at;
                Record(start, "LF");
                EndLine(true);
            } else if (byte == 0x1B) {
                Escape(start);
            } else if (byte == 0x1D) {
                GroupSeparator(start);
            } else if (byte == 0x10) {
                DataLinkEscape(start);
            } else if (byte == 0x1C) {
                ++m_at;
                if (Need(1) && Fail(Byte(m_at) != '.', m_at, "unknown FS command")) {
                    ++m_at;
                    Record(start, "FS .");
                }
            } else {
                Character(start, byte);
            }
        }
        if (m_failure) return std::unexpected(*m_failure);
        m_stream.unprinted_text = m_line.text;
        return std::move(m_stream);
    }

  private:
    [[nodiscard]] std::uint8_t Byte(std::size_t at) const {
        return static_cast<std::uint8_t>(m_bytes[at]);
    }

    // True when `count` more bytes follow m_at; otherwise records a cut-short command.
    bool Need(std::size_t count) {
        if (m_bytes.size() - m_at >= count) return true;
        m_failure = DecodeFailure{m_bytes.size(), "command cut short"};
        return false;
    }

    // Records a failure at `at` when `bad`; returns !bad.
    bool Fail(bool bad, std::size_t at, std::string reason) {
        if (bad && !m_failure) m_failure = DecodeFailure{at, std::move(reason)};
        return !bad;
    }

    // Reads one argument byte that must satisfy `ok`.
    template <class Ok>
    std::optional<std::uint8_t> Argument(Ok ok, std::string_view what) {
        if (!Need(1)) return std::nullopt;
        const std::uint8_t value = Byte(m_at);
        if (!Fail(!ok(value), m_at, std::string{what} + " out of range")) return std::nullopt;
        ++m_at;
        return value;
    }

    std::optional<std::uint8_t> AnyArgument() {
        return Argument([](std::uint8_t) { return true; }, "argument");
    }

    void Record(std::size_t start, std::string name) {
        m_stream.commands.push_back(
            {start, std::move(name), std::string{m_bytes.substr(start, m_at - start)}});
    }

    void EndLine(bool always) {
        if (!always && m_line.text.empty() && !m_line_started) return;
        if (!m_line_started) StartLine();
        m_stream.lines.push_back(m_line);
        m_line = DecodedLine{};
        m_line_started = false;
    }

    void StartLine() {
        m_line.bold = m_bold;
        m_line.double_size = m_double_size;
        m_line.alignment = m_alignment;
        m_line_started = true;
    }

    void Character(std::size_t start, std::uint8_t byte) {
        const std::optional<char32_t> c = drivers::DecodeByte(byte, m_page);
        if (!Fail(!c.has_value(), start, "control or unassigned byte in text")) return;
        if (!m_line_started) StartLine();
        text::AppendUtf8(m_line.text, *c);
        ++m_at;
    }

    void Escape(std::size_t start) {
        ++m_at;
        if (!Need(1)) return;
        const char command = static_cast<char>(Byte(m_at));
        ++m_at;
        const std::string name = std::string{"ESC "} + command;
        const auto zero_to = [](int max) {
            return [max](std::uint8_t v) { return v <= max || (v >= 48 && v <= 48 + max); };
        };
        switch (command) {
            case '@':
                m_page = drivers::CodePage::kCp437;
                m_bold = false;
                m_double_size = false;
                m_alignment = 0;
                break;
            case 't': {
                const std::size_t at = m_at;
                const auto n = AnyArgument();
                if (!n) return;
                if (*n == 0)
                    m_page = drivers::CodePage::kCp437;
                else if (*n == 19)
                    m_page = drivers::CodePage::kCp858;
                else if (*n == 16)
                    m_page = drivers::CodePage::kCp1252;
                else if (!Fail(true, at, "code page the decoder cannot read"))
                    return;
                break;
            }
            case 'E': {
                const auto n = Argument(zero_to(1), "ESC E n");
                if (!n) return;
                m_bold = (*n & 1) != 0;
                break;
            }
            case 'a': {
                const auto n = Argument(zero_to(2), "ESC a n");
                if (!n) return;
                m_alignment = *n % 48;
                break;
            }
            case '-':
                if (!Argument(zero_to(2), "ESC - n")) return;
                break;
            case 'M':
                if (!Argument(zero_to(1), "ESC M n")) return;
                break;
            case '!':
            case 'R':
            case 'J':
                if (!AnyArgument()) return;
                break;
            case 'd':
                if (!AnyArgument()) return;
                EndLine(false);
                break;
            case 'p':
                if (!Argument(zero_to(1), "ESC p m") || !AnyArgument() || !AnyArgument()) return;
                break;
            default:
                Fail(true, m_at - 1, "unknown ESC command");
                return;
        }
        Record(start, name);
    }

    void DataLinkEscape(std::size_t start) {
        ++m_at;
        if (!Need(1)) return;
        const std::uint8_t command = Byte(m_at);
        ++m_at;
        if (command == 0x04) {
            if (!Argument([](std::uint8_t v) { return v >= 1 && v <= 4; }, "DLE EOT n")) return;
            Record(start, "DLE EOT");
        } else if (command == 0x14) {
            if (!Argument([](std::uint8_t v) { return v == 1; }, "DLE DC4 fn") ||
                !Argument([](std::uint8_t v) { return v <= 1; }, "DLE DC4 m") ||
                !Argument([](std::uint8_t v) { return v >= 1 && v <= 8; }, "DLE DC4 t"))
                return;
            Record(start, "DLE DC4");
        } else {
            Fail(true, m_at - 1, "unknown DLE command");
        }
    }

    void GroupSeparator(std::size_t start) {
        ++m_at;
        if (!Need(1)) return;
        const char command = static_cast<char>(Byte(m_at));
        ++m_at;
        const std::string name = std::string{"GS "} + command;
        switch (command) {
            case '!': {
                const auto n = AnyArgument();
                if (!n) return;
                m_double_size = *n == 0x11;
                break;
            }
            case 'B':
            case 'f':
            case 'r':
            case 'a':
                if (!AnyArgument()) return;
                break;
            case 'h':
                if (!Argument([](std::uint8_t v) { return v >= 1; }, "GS h n")) return;
                break;
            case 'w':
                if (!Argument([](std::uint8_t v) { return v >= 2 && v <= 6; }, "GS w n")) return;
                break;
            case 'H':
                if (!Argument([](std::uint8_t v) { return v <= 3 || (v >= 48 && v <= 51); },
                              "GS H n"))
                    return;
                break;
            case 'V': {
                const auto m = Argument(
                    [](std::uint8_t v) {
                        return v <= 1 || v == 48 || v == 49 || v == 65 || v == 66;
                    },
                    "GS V m");
                if (!m) return;
                if (*m >= 65 && !AnyArgument()) return;
                break;
            }
            case 'k':
                if (!Barcode(start)) return;
                break;
            case '(':
                if (!TwoDimensional()) return;
                break;
            case 'v':
                if (!Raster(start)) return;
                break;
            default:
                Fail(true, m_at - 1, "unknown GS command");
                return;
        }
        Record(start, name);
    }

    static bool AllDigits(std::string_view text) {
        for (const char c : text)
            if (c < '0' || c > '9') return false;
        return true;
    }

    bool Barcode(std::size_t start) {
        const auto m =
            Argument([](std::uint8_t v) { return v <= 6 || (v >= 65 && v <= 79); }, "GS k m");
        if (!m) return false;
        std::string data;
        const std::size_t data_at = m_at + (*m >= 65 ? 1U : 0U);
        if (*m <= 6) {
            const std::size_t end = m_bytes.find('\0', m_at);
            if (!Fail(end == std::string_view::npos, m_bytes.size(),
                      "barcode data not ended by NUL"))
                return false;
            data = std::string{m_bytes.substr(m_at, end - m_at)};
            m_at = end + 1;
        } else {
            const auto n = Argument([](std::uint8_t v) { return v >= 1; }, "GS k n");
            if (!n || !Need(*n)) return false;
            data = std::string{m_bytes.substr(m_at, *n)};
            m_at += *n;
        }
        const bool ean13 = *m == 2 || *m == 67;
        if (ean13 && !Fail(!AllDigits(data) || (data.size() != 12 && data.size() != 13), data_at,
                           "EAN-13 data must be 12 or 13 digits"))
            return false;
        if (*m == 73) {
            const std::optional<std::string> text = Code128Text(data, data_at);
            if (!text) return false;
            data = *text;
        }
        m_stream.barcodes.push_back({start, *m, std::move(data)});
        return true;
    }

    // Code 128 symbols "{B..." with "{{" for '{'; only code set B, which the encoder uses.
    std::optional<std::string> Code128Text(std::string_view data, std::size_t at) {
        if (!Fail(data.size() < 3 || data.substr(0, 2) != "{B", at,
                  "Code 128 data must start with {B and hold a character"))
            return std::nullopt;
        std::string text;
        for (std::size_t i = 2; i < data.size(); ++i) {
            const auto byte = static_cast<std::uint8_t>(data[i]);
            if (!Fail(byte < 0x20 || byte > 0x7E, at + i, "Code 128 B byte not printable"))
                return std::nullopt;
            if (data[i] == '{') {
                if (!Fail(i + 1 >= data.size() || data[i + 1] != '{', at + i,
                          "Code 128 '{' not followed by '{'"))
                    return std::nullopt;
                ++i;
            }
            text += data[i];
        }
        return text;
    }

    bool TwoDimensional() {
        if (!Need(1) || !Fail(Byte(m_at) != 'k', m_at, "unknown GS ( command")) return false;
        ++m_at;
        if (!Need(2)) return false;
        const std::size_t length_at = m_at;
        const std::size_t length = Byte(m_at) + 256U * Byte(m_at + 1);
        m_at += 2;
        if (!Fail(length < 3, length_at, "GS ( k length below 3") || !Need(length)) return false;
        const std::string_view body = m_bytes.substr(m_at, length);
        const std::size_t body_at = m_at;
        m_at += length;
        if (!Fail(body[0] != '1', body_at, "GS ( k symbol other than QR")) return false;
        const char fn = body[1];
        const auto exact = [&](std::size_t size) {
            return Fail(length != size, length_at, std::string{"GS ( k fn "} + fn + " length");
        };
        const auto arg = static_cast<std::uint8_t>(body[2]);
        switch (fn) {
            case 'A':
                if (!exact(4) || !Fail(arg != '1' && arg != '2', body_at + 2, "QR model") ||
                    !Fail(body[3] != 0, body_at + 3, "QR model n2"))
                    return false;
                m_qr.model = arg - '0';
                return true;
            case 'C':
                if (!exact(3) || !Fail(arg < 1 || arg > 16, body_at + 2, "QR module size"))
                    return false;
                m_qr.module_size = arg;
                return true;
            case 'E':
                if (!exact(3) || !Fail(arg < '0' || arg > '3', body_at + 2, "QR error correction"))
                    return false;
                m_qr.error_correction = "LMQH"[arg - '0'];
                return true;
            case 'P':
                if (!Fail(length < 4, length_at, "QR store with no data") ||
                    !Fail(arg != '0', body_at + 2, "QR store m"))
                    return false;
                m_qr_data = std::string{body.substr(3)};
                return true;
            case 'Q':
                if (!exact(3) || !Fail(arg != '0', body_at + 2, "QR print m") ||
                    !Fail(!m_qr_data, length_at - 3, "QR print with nothing stored"))
                    return false;
                m_qr.offset = length_at - 3;
                m_qr.data = *m_qr_data;
                m_stream.qr_codes.push_back(m_qr);
                return true;
            default:
                return Fail(true, body_at + 1, "unknown QR function");
        }
    }

    bool Raster(std::size_t start) {
        if (!Need(1) || !Fail(Byte(m_at) != '0', m_at, "unknown GS v command")) return false;
        ++m_at;
        if (!Argument([](std::uint8_t v) { return v <= 3 || (v >= 48 && v <= 51); }, "GS v 0 m") ||
            !Need(4))
            return false;
        const std::size_t size_at = m_at;
        const std::size_t x = Byte(m_at) + 256U * Byte(m_at + 1);
        const std::size_t y = Byte(m_at + 2) + 256U * Byte(m_at + 3);
        m_at += 4;
        if (!Fail(x == 0 || y == 0, size_at, "GS v 0 with no dots") || !Need(x * y)) return false;
        m_stream.rasters.push_back({start, static_cast<int>(x), static_cast<int>(y),
                                    std::string{m_bytes.substr(m_at, x * y)}});
        m_at += x * y;
        return true;
    }

    std::string_view m_bytes;
    std::size_t m_at = 0;
    std::optional<DecodeFailure> m_failure;
    DecodedStream m_stream;
    DecodedLine m_line;
    bool m_line_started = false;
    drivers::CodePage m_page = drivers::CodePage::kCp437;
    bool m_bold = false;
    bool m_double_size = false;
    int m_alignment = 0;
    DecodedQrCode m_qr;
    std::optional<std::string> m_qr_data;
};

}  // namespace escpos_detail

// Decodes `bytes`, failing at the first byte that is not part of a well-formed command or of
// printable text in the selected code page.
inline std::expected<DecodedStream, DecodeFailure> DecodeEscPos(std::string_view bytes) {
    return escpos_detail::Decoder{bytes}.Run();
}

}  // namespace tillbook::testing
