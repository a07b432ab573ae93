#include "tillbook/drivers/evdev_scanner.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
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

}  // namespace

EvdevScanner::EvdevScanner(EvdevScannerOptions options)
    : m_options(std::move(options)), m_decoder(m_options.layout) {}

EvdevScanner::~EvdevScanner() {
    Close();
}

std::string EvdevScanner::Describe() const {
    return fmt::format("evdev {}", m_options.device);
}

Status EvdevScanner::Open() {
    if (IsOpen()) return {};
    if (m_options.device.empty())
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, "evdev scanner: no device given", "device"));
    const int fd = ::open(m_options.device.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        return std::unexpected(
            MakeError(CodeOfOpenError(error),
                      fmt::format("{}: cannot open ({})", Describe(), ErrnoText(error))));
    }
    m_fd = fd;
    m_grabbed = false;
    m_warning.clear();
    m_input.clear();
    m_decoder.Reset();
    if (m_options.grab) {
        // Without the grab every scan also types into whatever window has the focus. That is a
        // nuisance, not a reason to stop scanning (umockdev without an ioctl handler, or another
        // program holding the grab), so it becomes a warning.
        if (::ioctl(fd, EVIOCGRAB, 1) == 0) {
            m_grabbed = true;
        } else {
            const int error = errno;
            m_warning = fmt::format("{}: keys also reach the desktop: exclusive grab failed ({})",
                                    Describe(), ErrnoText(error));
        }
    }
    return {};
}

std::string EvdevScanner::Warning() const {
    std::string warning = m_warning;
    if (const std::size_t dropped = m_decoder.ScansLostToOverflow(); dropped > 0) {
        if (!warning.empty()) warning += "; ";
        warning += fmt::format("{}: {} scan(s) dropped: the kernel lost key events (SYN_DROPPED)",
                               Describe(), dropped);
    }
    return warning;
}

std::optional<std::string> EvdevEventDecoder::Take(std::uint16_t type, std::uint16_t code,
                                                   std::int32_t value) {
    if (type == EV_SYN && code == SYN_DROPPED) {
        // The kernel's buffer overflowed: some key events of this scan are gone.
        m_keys.Reset();
        m_resyncing = true;
        if (!m_dropping_scan) ++m_overflow_dropped;
        m_dropping_scan = true;
        return std::nullopt;
    }
    if (m_resyncing) {
        if (type == EV_SYN && code == SYN_REPORT) m_resyncing = false;
        return std::nullopt;
    }
    if (type != EV_KEY) return std::nullopt;
    std::optional<std::string> text = m_keys.Key(code, value);
    if (text && std::exchange(m_dropping_scan, false)) return std::nullopt;  // the cut scan's tail
    return text;
}

void EvdevEventDecoder::Reset() {
    m_keys.Reset();
    m_resyncing = false;
    m_dropping_scan = false;
}

Result<std::optional<ScannedBarcode>> EvdevScanner::Next(std::chrono::milliseconds timeout) {
    if (!IsOpen())
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput, fmt::format("{}: not open", Describe())));
    const auto deadline = Clock::now() + std::max(timeout, std::chrono::milliseconds{0});
    while (true) {
        // Whole events already read come first: one read can bring several scans.
        std::size_t used = 0;
        while (m_input.size() - used >= sizeof(input_event)) {
            input_event event{};
            std::memcpy(&event, m_input.data() + used, sizeof event);
            used += sizeof event;
            std::optional<std::string> text = m_decoder.Take(event.type, event.code, event.value);
            if (!text) continue;
            auto scan = ReadScannedBarcode(*text);
            if (!scan) continue;
            m_input.erase(0, used);
            return std::optional<ScannedBarcode>(std::move(*scan));
        }
        m_input.erase(0, used);

        const Result<bool> more = posix::ReadMore(m_fd, deadline, m_input, Describe());
        if (!more) {
            Close();
            return std::unexpected(more.error());
        }
        if (!*more) return std::optional<ScannedBarcode>{};
    }
}

void EvdevScanner::Close() {
    if (m_fd >= 0) {
        if (m_grabbed) (void)::ioctl(m_fd, EVIOCGRAB, 0);
        ::close(m_fd);
        m_fd = -1;
    }
    m_grabbed = false;
    m_input.clear();
    m_decoder.Reset();
}

}  // namespace tillbook::drivers
