#pragma once
// The cash drawer hangs off the printer's drawer kick-out port (docs/hardware.md §1.1, §5): it is
// opened by an ESC p pulse sent through the printer's spooler (or, when the printer is offline,
// by the real-time pulse DLE DC4 1 m t, which it carries out even then), and its state is the level
// of connector pin 3 in DLE EOT 1, whose meaning (high = open or high = closed) depends on the
// drawer and is configured per terminal. "Left open" is reported once the drawer has been open
// longer than a set time.
// OWNER: helper "drawer" (may refine this header; keep the names below).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/escpos_encoder.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/printer_status.hpp"
#include "tillbook/drivers/spooler.hpp"

namespace tillbook::drivers {

struct DrawerConfig {
    DrawerPin pin = DrawerPin::kPin2;
    std::chrono::milliseconds pulse_on{50};
    std::chrono::milliseconds pulse_off{500};
    bool open_when_pin3_high = true;  // the drawer's switch polarity, calibrated at install
    std::chrono::seconds left_open_after{30};
    // How long Poll waits for the spooler's answer, jobs queued ahead of the read included.
    std::chrono::milliseconds poll_timeout{1500};
};

// The drawer settings a profile implies (its first pin and its pulse times). A profile without a
// drawer port still gives pin 2, which CheckDrawerConfig(config, profile) then refuses.
[[nodiscard]] DrawerConfig DefaultDrawerConfig(const PrinterProfile& profile);

// kInvalidInput, naming the field, for a pin other than 2 or 5, a pulse outside 2..510 ms (what
// ESC p can send), a left_open_after under 1 s or a poll_timeout under 1 ms.
[[nodiscard]] Status CheckDrawerConfig(const DrawerConfig& config);

// The same, and kUnsupported when the profile's printer has no drawer port or not that pin
// ("epson-tm-t20: no drawer on pin 5 (it has pin 2)").
[[nodiscard]] Status CheckDrawerConfig(const DrawerConfig& config, const PrinterProfile& profile);

enum class DrawerState : int {
    kUnknown = 0,  // the printer did not answer (or cannot report status)
    kClosed = 1,
    kOpen = 2,
};

[[nodiscard]] std::string_view ToString(DrawerState state);

struct DrawerReport {
    DrawerState state = DrawerState::kUnknown;
    std::optional<std::chrono::steady_clock::time_point> open_since;
    bool left_open = false;  // open for longer than left_open_after
    // Why the state is kUnknown, in a cashier's words ("printer offline"); may be empty.
    std::string problem;

    // For the till: "drawer closed", "drawer open", "drawer left open (45 s)", "drawer state
    // unknown", "drawer state unknown (printer offline)".
    [[nodiscard]] std::string Describe(std::chrono::steady_clock::time_point now) const;
};

// The pure state machine: status samples in, report out. Time comes in as values.
// Pin 3 at the configured level means open; open_since is the first sample that saw it open and
// stays until a sample sees it closed, so an unanswered poll in between (the printer busy with a
// long job) does not restart the "left open" clock. While there is no answer the state is
// kUnknown and the report has neither open_since nor left_open.
class DrawerMonitor {
  public:
    explicit DrawerMonitor(DrawerConfig config);
    // A status read at `now` (nullopt: no answer).
    DrawerReport Update(const std::optional<PrinterStatus>& status,
                        std::chrono::steady_clock::time_point now);
    // A status read at `now` that got no answer, with the reason for the report.
    DrawerReport Unanswered(std::string problem, std::chrono::steady_clock::time_point now);
    [[nodiscard]] const DrawerReport& Report() const { return m_report; }

  private:
    DrawerConfig m_config;
    DrawerReport m_report;
    std::optional<std::chrono::steady_clock::time_point> m_open_since;  // kept through kUnknown
};

// Kick and poll through a printer's spooler (which owns the transport).
class CashDrawer {
  public:
    // `config` is trusted here (Open still refuses one CheckDrawerConfig(config) rejects); use
    // Make to check it against the printer's profile first.
    CashDrawer(Spooler& spooler, DrawerConfig config);

    // A drawer for the printer of `profile`: refuses a pin the printer lacks (CheckDrawerConfig).
    // When the profile says the printer cannot report status, Poll does not ask and says kUnknown.
    [[nodiscard]] static Result<CashDrawer> Make(Spooler& spooler, const PrinterProfile& profile,
                                                 DrawerConfig config);

    // Queues the kick pulse (ESC p with the configured pin and pulse, nothing else) as a print
    // job of kind kDrawerKick labelled "drawer kick"; the job's record says whether it reached
    // the printer (with paper out or the cover open too: the drawer still opens). With it goes
    // the real-time pulse DLE DC4 1 m t (on and off for pulse_on rounded up to 100 ms units,
    // 1..8), which the spooler sends instead when the printer says it is offline, since an offline
    // printer takes only real-time commands (Spooler::SubmitDrawerKick; the job's
    // sent_real_time then says so). A drawer made by Make for a printer whose profile has no
    // real-time status gets ESC p only. kInvalidInput when the config is not valid (nothing is
    // queued).
    [[nodiscard]] Result<PrintJobId> Open();

    // Asks the printer for its status now (Spooler::ReadStatus: between jobs, at most
    // config.poll_timeout) and updates the report with the answer, taken at `now`; without an
    // answer the report says why ("printer offline", "printer cannot report status").
    DrawerReport Poll(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

    [[nodiscard]] const DrawerReport& Report() const { return m_monitor.Report(); }
    [[nodiscard]] const DrawerConfig& Config() const { return m_config; }

  private:
    Spooler* m_spooler;  // never null; a pointer so that a CashDrawer can be assigned
    DrawerConfig m_config;
    DrawerMonitor m_monitor;
    bool m_printer_reports_status = true;
};

}  // namespace tillbook::drivers
