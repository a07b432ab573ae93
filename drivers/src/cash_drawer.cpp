#include "tillbook/drivers/cash_drawer.hpp"

#include <fmt/format.h>

#include <utility>

namespace tillbook::drivers {

namespace {

// ESC p counts in 2 ms units from 1 to 255; the profile loader uses the same bounds.
constexpr std::chrono::milliseconds kMinPulse{2};
constexpr std::chrono::milliseconds kMaxPulse = EscPosEncoder::kMaxDrawerPulse;

int PinNumber(DrawerPin pin) {
    return static_cast<int>(pin);
}

std::string ListPins(const PrinterProfile& profile) {
    std::string pins;
    for (const DrawerPin pin : profile.drawer_pins) {
        if (!pins.empty()) pins += " and ";
        pins += std::to_string(PinNumber(pin));
    }
    return pins;
}

bool PulseInRange(std::chrono::milliseconds pulse) {
    return pulse >= kMinPulse && pulse <= kMaxPulse;
}

}  // namespace

DrawerConfig DefaultDrawerConfig(const PrinterProfile& profile) {
    DrawerConfig config;
    if (!profile.drawer_pins.empty()) config.pin = profile.drawer_pins.front();
    config.pulse_on = profile.drawer_pulse_on;
    config.pulse_off = profile.drawer_pulse_off;
    return config;
}

Status CheckDrawerConfig(const DrawerConfig& config) {
    // A pin read from a configuration file may hold any number after a cast.
    if (config.pin != DrawerPin::kPin2 && config.pin != DrawerPin::kPin5) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("drawer pin {}: the drawer is on pin 2 or 5", PinNumber(config.pin)),
            "pin"));
    }
    if (!PulseInRange(config.pulse_on)) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("drawer pulse on {} ms: must be from 2 to 510 ms", config.pulse_on.count()),
            "pulse_on"));
    }
    if (!PulseInRange(config.pulse_off)) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("drawer pulse off {} ms: must be from 2 to 510 ms",
                                  config.pulse_off.count()),
                      "pulse_off"));
    }
    if (config.left_open_after < std::chrono::seconds{1}) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("drawer left open after {} s: must be at least 1 s",
                                  config.left_open_after.count()),
                      "left_open_after"));
    }
    if (config.poll_timeout < std::chrono::milliseconds{1}) {
        return std::unexpected(
            MakeError(ErrorCode::kInvalidInput,
                      fmt::format("drawer poll timeout {} ms: must be at least 1 ms",
                                  config.poll_timeout.count()),
                      "poll_timeout"));
    }
    return {};
}

Status CheckDrawerConfig(const DrawerConfig& config, const PrinterProfile& profile) {
    if (auto checked = CheckDrawerConfig(config); !checked) return checked;
    if (profile.drawer_pins.empty()) {
        return std::unexpected(
            MakeError(ErrorCode::kUnsupported,
                      fmt::format("{}: the printer has no drawer port", profile.name), "pin"));
    }
    if (!profile.HasDrawerPin(config.pin)) {
        const bool one = profile.drawer_pins.size() == 1;
        return std::unexpected(
            MakeError(ErrorCode::kUnsupported,
                      fmt::format("{}: no drawer on pin {} (it has pin{} {})", profile.name,
                                  PinNumber(config.pin), one ? "" : "s", ListPins(profile)),
                      "pin"));
    }
    return {};
}

std::string_view ToString(DrawerState state) {
    switch (state) {
        case DrawerState::kUnknown:
            return "unknown";
        case DrawerState::kClosed:
            return "closed";
        case DrawerState::kOpen:
            return "open";
    }
    return "unknown";
}

std::string DrawerReport::Describe(std::chrono::steady_clock::time_point now) const {
    switch (state) {
        case DrawerState::kClosed:
            return "drawer closed";
        case DrawerState::kOpen:
            if (left_open && open_since) {
                const auto open_for =
                    std::chrono::duration_cast<std::chrono::seconds>(now - *open_since);
                return fmt::format("drawer left open ({} s)", open_for.count());
            }
            return left_open ? "drawer left open" : "drawer open";
        case DrawerState::kUnknown:
            break;
    }
    if (problem.empty()) return "drawer state unknown";
    return fmt::format("drawer state unknown ({})", problem);
}

DrawerMonitor::DrawerMonitor(DrawerConfig config) : m_config(config) {}

DrawerReport DrawerMonitor::Unanswered(std::string problem,
                                       std::chrono::steady_clock::time_point /*now*/) {
    DrawerReport report;  // kUnknown; m_open_since stays: the drawer was not seen to close
    report.problem = std::move(problem);
    m_report = report;
    return m_report;
}

DrawerReport DrawerMonitor::Update(const std::optional<PrinterStatus>& status,
                                   std::chrono::steady_clock::time_point now) {
    DrawerReport report;
    if (!status) return Unanswered({}, now);
    const bool open = status->drawer_pin3_high == m_config.open_when_pin3_high;
    if (!open) {
        m_open_since.reset();
        report.state = DrawerState::kClosed;
        m_report = report;
        return m_report;
    }
    if (!m_open_since) m_open_since = now;
    report.state = DrawerState::kOpen;
    report.open_since = m_open_since;
    report.left_open = now - *m_open_since > m_config.left_open_after;
    m_report = report;
    return m_report;
}

CashDrawer::CashDrawer(Spooler& spooler, DrawerConfig config)
    : m_spooler(&spooler), m_config(config), m_monitor(config) {}

Result<CashDrawer> CashDrawer::Make(Spooler& spooler, const PrinterProfile& profile,
                                    DrawerConfig config) {
    if (auto checked = CheckDrawerConfig(config, profile); !checked)
        return std::unexpected(checked.error());
    CashDrawer drawer(spooler, config);
    drawer.m_printer_reports_status = profile.real_time_status;
    return drawer;
}

Result<PrintJobId> CashDrawer::Open() {
    if (auto checked = CheckDrawerConfig(m_config); !checked)
        return std::unexpected(checked.error().WithContext("drawer kick"));
    // Only the pulse: an ESC @ would also reset the code page and modes of whatever prints next.
    EscPosEncoder pulse;
    pulse.KickDrawer(m_config.pin, m_config.pulse_on, m_config.pulse_off);
    auto bytes = std::move(pulse).TakeBytes();
    if (!bytes) return std::unexpected(bytes.error().WithContext("drawer kick"));
    // The real-time form, which the spooler sends when the printer is offline (paper out, cover
    // open), for printers whose profile says they take real-time commands (DLE EOT, DLE DC4).
    std::string real_time;
    if (m_printer_reports_status) {
        EscPosEncoder real_time_pulse;
        real_time_pulse.KickDrawerRealTime(m_config.pin, m_config.pulse_on);
        real_time = std::move(real_time_pulse).Bytes();
    }
    return m_spooler->SubmitDrawerKick(std::move(*bytes), std::move(real_time), "drawer kick");
}

DrawerReport CashDrawer::Poll(std::chrono::steady_clock::time_point now) {
    constexpr std::string_view kNoStatus = "printer cannot report status";
    if (!m_printer_reports_status) return m_monitor.Unanswered(std::string{kNoStatus}, now);
    auto status = m_spooler->ReadStatus(m_config.poll_timeout);
    if (!status) {
        const TransportError& error = status.error();
        return m_monitor.Unanswered(error.failure == TransportFailure::kUnsupported
                                        ? std::string{kNoStatus}
                                        : DescribeFailure(error),
                                    now);
    }
    return m_monitor.Update(*status, now);
}

}  // namespace tillbook::drivers
