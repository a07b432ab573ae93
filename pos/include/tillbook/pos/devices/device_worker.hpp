#pragma once
// The till's device worker (app::DevicePort): the receipt printer through its spooler, the cash
// drawer behind it, and the barcode scanners, all from the terminal's device file (till.json,
// docs/devices.md). The UI thread only queues work here and never waits: PrintReceipt lays the
// receipt out and hands it to the spooler's thread; a watcher thread follows every job and the
// printer's state and posts app::PrintJobReport and app::PrinterReport; a thread per scanner
// posts app::Scanned. Without a device file there is no printer: the till says "No printer set
// up" and every receipt fails with "no printer set up", so a sale still completes.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/drivers/cash_drawer.hpp"
#include "tillbook/drivers/device_config.hpp"
#include "tillbook/drivers/device_factory.hpp"
#include "tillbook/drivers/printer_profile.hpp"
#include "tillbook/drivers/spooler.hpp"
#include "tillbook/pos/app/worker_reports.hpp"
#include "tillbook/pos/devices/receipt_job.hpp"

namespace tillbook::pos::devices {

class PrinterWatcher;
class ScannerReader;

struct DeviceWorkerOptions {
    std::filesystem::path printer_profiles{TILLBOOK_PRINTER_PROFILES_DIR};
    std::vector<std::string> header_lines;  // shop name first, then address, VAT number
    std::vector<std::string> footer_lines;
    std::string terminal;            // the till's name on receipts: "T1"
    std::filesystem::path logo_png;  // the shop's logo above the header; empty for none
    drivers::TransportTimeouts transport_timeouts{};
    drivers::SpoolerOptions spooler{};
    std::chrono::milliseconds status_interval{2000};  // how often the printer is asked its state
    std::chrono::milliseconds status_timeout{500};    // how long each ask may take
    std::chrono::milliseconds scanner_retry{3000};    // between tries to open a missing scanner
    // Where the worker's log lines go (called from its threads); empty: standard error, each
    // line prefixed "tillbook-pos: devices: ".
    std::function<void(const std::string&)> log;
};

class DeviceWorker final : public app::DevicePort {
  public:
    // Reads the device file (an empty path: no devices), loads the printer's profile, the logo
    // and the drawer's settings, and starts the threads. Errors name the file and the setting at
    // fault ("till.json: printer.profile: ..."); nothing is started then. A printer or scanner
    // that is unplugged or off is not an error: it is reported, and used once it is there.
    [[nodiscard]] static Result<std::unique_ptr<DeviceWorker>> Start(
        const std::filesystem::path& config_file, DeviceWorkerOptions options,
        app::ReportQueue& reports);
    // The same from a configuration already read (`source` names it in errors).
    [[nodiscard]] static Result<std::unique_ptr<DeviceWorker>> Start(drivers::DeviceConfig config,
                                                                     std::string source,
                                                                     DeviceWorkerOptions options,
                                                                     app::ReportQueue& reports);

    ~DeviceWorker() override;
    DeviceWorker(const DeviceWorker&) = delete;
    DeviceWorker& operator=(const DeviceWorker&) = delete;

    // app::DevicePort. Each returns at once (the layout is done here, in microseconds).
    void PrintReceipt(app::ReceiptRequest receipt) override;
    void PrintCashUp(app::CashUpRequest report) override;
    void KickDrawer() override;
    void Reprint(std::uint64_t job_id) override;
    // Kept for Reprint, as a receipt, when it cannot go to a printer.
    void PrintCreditNote(app::CreditNoteRequest note) override;

    // New header and footer for the receipts printed from now on (the shop's settings changed).
    void SetReceiptText(std::vector<std::string> header_lines,
                        std::vector<std::string> footer_lines);

    // Stops the watcher and scanner threads (within about a second) and takes no more work: a
    // receipt asked for afterwards is queued but never reported. The destructor stops too, and
    // then lets the spooler finish the job it is sending (bounded by the transport's timeouts).
    void Stop();

    [[nodiscard]] bool HasPrinter() const { return m_spooler != nullptr; }
    [[nodiscard]] bool HasDrawer() const { return m_drawer.has_value(); }
    [[nodiscard]] std::size_t ScannerCount() const { return m_scanners.size(); }

  private:
    DeviceWorker(app::ReportQueue& reports, DeviceWorkerOptions options);
    [[nodiscard]] Status StartDevices(drivers::DeviceConfig config, const std::string& source);
    void Log(const std::string& line) const;
    // What the worker prints: a sale's receipt, a cash-up report or a credit note.
    using Document = std::variant<app::ReceiptRequest, app::CashUpRequest, app::CreditNoteRequest>;
    // The document to the spooler, or a failed report when it cannot go (no printer, bad layout).
    void Submit(Document document, std::optional<std::uint64_t> reprint_of);
    // A document that never reached a spooler: reported failed and kept for Reprint.
    void Refuse(Document document, std::string problem, std::optional<std::uint64_t> reprint_of);

    app::ReportQueue& m_reports;
    DeviceWorkerOptions m_options;

    mutable std::mutex m_mutex;  // guards the receipt text and the refused receipts
    ReceiptText m_text;
    std::map<std::uint64_t, Document> m_refused;
    std::uint64_t m_next_refused_id;

    std::optional<drivers::PrinterProfile> m_profile;
    std::unique_ptr<drivers::Spooler> m_spooler;
    std::optional<drivers::CashDrawer> m_drawer;  // only used on the caller's thread (Open)
    std::unique_ptr<PrinterWatcher> m_watcher;
    std::vector<std::unique_ptr<ScannerReader>> m_scanners;
};

// Ids of receipts that never reached a spooler (no printer, a layout error) start here, far
// above any spooler's, so that Reprint can tell them apart.
inline constexpr std::uint64_t kRefusedJobIdBase = std::uint64_t{1} << 48;

}  // namespace tillbook::pos::devices
