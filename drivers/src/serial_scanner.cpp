#include "tillbook/drivers/serial_scanner.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "fd_reader.hpp"
#include "posix_io.hpp"

namespace tillbook::drivers {
namespace {

using posix::CodeOfOpenError;
using posix::ErrnoText;

using Clock = std::chrono::steady_clock;

constexpr char kCr = '\r';
constexpr char kLf = '\n';
constexpr char kTab = '\t';

std::optional<speed_t> TermiosSpeed(std::uint32_t baud) {
    switch (baud) {
        case 1200:
            return B1200;
        case 2400:
            return B2400;
        case 4800:
            return B4800;
        case 9600:
            return B9600;
        case 19200:
            return B19200;
        case 38400:
            return B38400;
        case 57600:
            return B57600;
        case 115200:
            return B115200;
        case 230400:
            return B230400;
        default:
            return std::nullopt;
    }
}

}  // namespace

std::string_view ToString(SerialSuffix suffix) {
    switch (suffix) {
        case SerialSuffix::kCrOrLf:
            return "cr-or-lf";
        case SerialSuffix::kCr:
            return "cr";
        case SerialSuffix::kLf:
            return "lf";
        case SerialSuffix::kCrLf:
            return "crlf";
        case SerialSuffix::kTab:
            return "tab";
    }
    return "unknown";
}

Result<SerialSuffix> ParseSerialSuffix(std::string_view text) {
    constexpr std::array kAll = {SerialSuffix::kCrOrLf, SerialSuffix::kCr, SerialSuffix::kLf,
                                 SerialSuffix::kCrLf, SerialSuffix::kTab};
    for (const SerialSuffix suffix : kAll)
        if (ToString(suffix) == text) return suffix;
    return std::unexpected(MakeError(
        ErrorCode::kInvalidInput,
        fmt::format("unknown scanner suffix \"{}\" (cr-or-lf, cr, lf, crlf or tab)", text),
        "suffix"));
}

Status ValidateSerialScannerOptions(const SerialScannerOptions& options) {
    if (options.device.empty())
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "serial scanner: no device given", "device"));
    if (!TermiosSpeed(options.baud))
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("serial {}: unsupported speed {} (1200 to 230400 baud)",
                                  options.device, options.baud),
                      "baud"));
    if (options.max_line_bytes == 0)
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("serial {}: the longest line must be at least 1 byte", options.device),
            "max_line_bytes"));
    return {};
}

SerialScanner::SerialScanner(SerialScannerOptions options)
    : m_options(std::move(options)), m_decoder(m_options.suffix, m_options.max_line_bytes) {}

SerialScanner::~SerialScanner() {
    Close();
}

std::string SerialScanner::Describe() const {
    return fmt::format("serial {}", m_options.device);
}

Status SerialScanner::Open() {
    if (IsOpen()) return {};
    if (auto valid = ValidateSerialScannerOptions(m_options); !valid) return valid;
    // O_NOCTTY: a scanner must never become the till's controlling terminal; O_NONBLOCK: open
    // does not wait for carrier, and reads never block past our own poll() deadline.
    const int fd = ::open(m_options.device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        return std::unexpected(
            MakeError(CodeOfOpenError(error),
                      fmt::format("{}: cannot open ({})", Describe(), ErrnoText(error))));
    }
    termios settings{};
    if (::tcgetattr(fd, &settings) != 0) {
        const int error = errno;
        ::close(fd);
        return std::unexpected(
            MakeError(error == ENOTTY ? ErrorCode::kUnsupported : ErrorCode::kNotFound,
                      fmt::format("{}: not a serial port ({})", Describe(), ErrnoText(error))));
    }
    // Raw 8N1: no echo, no line editing, no CR/LF translation, no XON/XOFF (a barcode may hold
    // any byte), receiver on, modem lines ignored.
    ::cfmakeraw(&settings);
    settings.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS | CSIZE);
    settings.c_cflag |= CS8 | CREAD | CLOCAL;
    settings.c_cc[VMIN] = 1;
    settings.c_cc[VTIME] = 0;
    const speed_t speed = *TermiosSpeed(m_options.baud);
    if (::cfsetispeed(&settings, speed) != 0 || ::cfsetospeed(&settings, speed) != 0 ||
        ::tcsetattr(fd, TCSANOW, &settings) != 0) {
        const int error = errno;
        ::close(fd);
        return std::unexpected(MakeError(
            ErrorCode::kUnsupported, fmt::format("{}: cannot set the line to raw {} baud ({})",
                                                 Describe(), m_options.baud, ErrnoText(error))));
    }
    m_fd = fd;
    m_decoder.Reset();
    m_input.clear();
    return {};
}

std::optional<std::string> SerialLineDecoder::Take(char byte) {
    const bool after_cr = std::exchange(m_after_cr, byte == kCr);
    bool ends = false;
    switch (m_suffix) {
        case SerialSuffix::kCrOrLf:
            ends = byte == kCr || byte == kLf;  // the LF of CR LF then ends an empty line
            break;
        case SerialSuffix::kCr:
            ends = byte == kCr;
            break;
        case SerialSuffix::kLf:
            ends = byte == kLf;
            break;
        case SerialSuffix::kCrLf:
            ends = byte == kLf && after_cr;
            break;
        case SerialSuffix::kTab:
            ends = byte == kTab;
            break;
    }
    if (ends) {
        if (m_overlong) {
            ++m_overlong_dropped;
            m_line.clear();
        }
        m_overlong = false;
        return std::exchange(m_line, {});
    }
    // Line-end bytes that are not this scanner's suffix are never data.
    if (byte == kCr || byte == kLf || byte == kTab) return std::nullopt;
    if (m_overlong) return std::nullopt;
    if (m_line.size() >= m_max_line_bytes) {
        m_overlong = true;
        m_line.clear();
        return std::nullopt;
    }
    m_line.push_back(byte);
    return std::nullopt;
}

void SerialLineDecoder::Reset() {
    m_line.clear();
    m_after_cr = false;
    m_overlong = false;
}

Result<std::optional<ScannedBarcode>> SerialScanner::Next(std::chrono::milliseconds timeout) {
    if (!IsOpen())
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, fmt::format("{}: not open", Describe())));
    const auto deadline = Clock::now() + std::max(timeout, std::chrono::milliseconds{0});
    while (true) {
        // Lines already read come first: one read can bring several scans.
        std::size_t used = 0;
        while (used < m_input.size()) {
            const std::optional<std::string> line = m_decoder.Take(m_input[used++]);
            if (!line || line->empty()) continue;
            auto scan = ReadScannedBarcode(*line);
            if (!scan) continue;  // nothing left once the suffix is gone: not a scan
            m_input.erase(0, used);
            return std::optional<ScannedBarcode>(std::move(*scan));
        }
        m_input.clear();

        const Result<bool> more = posix::ReadMore(m_fd, deadline, m_input, Describe());
        if (!more) {
            Close();
            return std::unexpected(more.error());
        }
        if (!*more) return std::optional<ScannedBarcode>{};
    }
}

void SerialScanner::Close() {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_decoder.Reset();
    m_input.clear();
}

}  // namespace tillbook::drivers
