#include "tillbook/pos/devices/device_worker.hpp"

#include <fmt/format.h>

#include <iostream>
#include <type_traits>
#include <utility>

#include "printer_watcher.hpp"
#include "scanner_reader.hpp"
#include "tillbook/pos/devices/printer_words.hpp"

namespace tillbook::pos::devices {

Result<std::unique_ptr<DeviceWorker>> DeviceWorker::Start(const std::filesystem::path& config_file,
                                                          DeviceWorkerOptions options,
                                                          app::ReportQueue& reports) {
    drivers::DeviceConfig config;
    if (!config_file.empty()) {
        auto loaded = drivers::LoadDeviceConfigFile(config_file);
        if (!loaded) return std::unexpected(loaded.error());
        config = std::move(*loaded);
    }
    return Start(std::move(config), config_file.filename().string(), std::move(options), reports);
}

Result<std::unique_ptr<DeviceWorker>> DeviceWorker::Start(drivers::DeviceConfig config,
                                                          std::string source,
                                                          DeviceWorkerOptions options,
                                                          app::ReportQueue& reports) {
    std::unique_ptr<DeviceWorker> worker(new DeviceWorker(reports, std::move(options)));
    if (auto started = worker->StartDevices(std::move(config), source); !started) {
        return std::unexpected(started.error());
    }
    return worker;
}

DeviceWorker::DeviceWorker(app::ReportQueue& reports, DeviceWorkerOptions options)
    : m_reports(reports), m_options(std::move(options)), m_next_refused_id(kRefusedJobIdBase) {
    m_text.header_lines = m_options.header_lines;
    m_text.footer_lines = m_options.footer_lines;
    m_text.terminal = m_options.terminal;
    if (!m_options.log) {
        m_options.log = [](const std::string& line) {
            std::cerr << ("tillbook-pos: devices: " + line + "\n");
        };
    }
}

DeviceWorker::~DeviceWorker() {
    Stop();
}

Status DeviceWorker::StartDevices(drivers::DeviceConfig config, const std::string& source) {
    const auto in_source = [&](const Error& error) {
        return std::unexpected(source.empty() ? error : error.WithContext(source));
    };
    if (config.printer) {
        auto profile =
            drivers::LoadPrinterProfile(config.printer->profile, m_options.printer_profiles);
        if (!profile) return in_source(profile.error().WithContext("printer.profile"));
        m_profile = std::move(*profile);
        if (!m_options.logo_png.empty()) {
            auto logo = drivers::LoadReceiptLogo(m_options.logo_png.string(), *m_profile);
            if (!logo) return std::unexpected(logo.error().WithContext("receipt logo"));
            m_text.logo = std::move(*logo);
        }
        std::optional<drivers::DrawerConfig> drawer;
        if (config.drawer) {
            auto resolved = drivers::ResolveDrawerConfig(*config.drawer, *m_profile);
            if (!resolved) return in_source(resolved.error());
            drawer = *resolved;
        }
        drivers::SpoolerOptions spooler = m_options.spooler;
        spooler.read_status = spooler.read_status && m_profile->real_time_status;
        m_spooler = std::make_unique<drivers::Spooler>(
            drivers::MakePrinterTransport(*config.printer, m_options.transport_timeouts), spooler);
        if (drawer) {
            auto made = drivers::CashDrawer::Make(*m_spooler, *m_profile, *drawer);
            if (!made) return in_source(made.error().WithContext("drawer"));
            m_drawer.emplace(std::move(*made));
        }
        PrinterWatcherOptions watcher;
        watcher.status_interval = m_options.status_interval;
        watcher.status_timeout = m_options.status_timeout;
        watcher.read_status = m_profile->real_time_status;
        if (m_profile->real_time_status) watcher.drawer = drawer;
        watcher.log = m_options.log;
        m_watcher = std::make_unique<PrinterWatcher>(*m_spooler, m_reports, std::move(watcher));
        Log(fmt::format("printer {} ({}){}", config.printer->uri, m_profile->name,
                        m_drawer ? ", with a cash drawer" : ""));
    } else {
        m_reports.Post(NoPrinterReport());
        Log("no printer set up: receipts will not print");
    }
    for (const drivers::ScannerConfig& scanner : config.scanners) {
        ScannerReaderOptions reader;
        reader.retry_interval = m_options.scanner_retry;
        reader.log = m_options.log;
        m_scanners.push_back(std::make_unique<ScannerReader>(drivers::MakeBarcodeSource(scanner),
                                                             m_reports, std::move(reader)));
    }
    return {};
}

void DeviceWorker::Log(const std::string& line) const {
    m_options.log(line);
}

namespace {

std::string DocumentLabel(
    const std::variant<app::ReceiptRequest, app::CashUpRequest, app::CreditNoteRequest>& document) {
    if (const auto* receipt = std::get_if<app::ReceiptRequest>(&document))
        return ReceiptLabel(*receipt);
    if (const auto* note = std::get_if<app::CreditNoteRequest>(&document))
        return CreditNoteLabel(*note);  // the card's last digits only
    return std::get<app::CashUpRequest>(document).label;
}

}  // namespace

void DeviceWorker::PrintReceipt(app::ReceiptRequest receipt) {
    Submit(std::move(receipt), std::nullopt);
}

void DeviceWorker::PrintCashUp(app::CashUpRequest report) {
    Submit(std::move(report), std::nullopt);
}

void DeviceWorker::Submit(Document document, std::optional<std::uint64_t> reprint_of) {
    if (!m_spooler) {
        Refuse(std::move(document), std::string(kNoPrinterProblem), reprint_of);
        return;
    }
    ReceiptText text;
    {
        const std::lock_guard lock(m_mutex);
        text = m_text;
    }
    auto bytes = std::visit(
        [&](const auto& request) -> Result<std::string> {
            using Request = std::decay_t<decltype(request)>;
            if constexpr (std::is_same_v<Request, app::ReceiptRequest>)
                return RenderReceiptJob(request, text, *m_profile);
            else if constexpr (std::is_same_v<Request, app::CreditNoteRequest>)
                return RenderCreditNoteJob(request, text, *m_profile);
            else
                return RenderCashUpJob(request, text, *m_profile);
        },
        document);
    if (!bytes) {
        // A bug or bad data, not something the cashier can fix: the details go to the log.
        Log("not laid out: " + bytes.error().message);
        Refuse(std::move(document), std::string(kReceiptNotMadeProblem), reprint_of);
        return;
    }
    std::string label = DocumentLabel(document);
    const drivers::PrintJobId id = m_spooler->Submit(std::move(*bytes), label);
    m_watcher->Follow(id, std::move(label), reprint_of);
}

void DeviceWorker::Refuse(Document document, std::string problem,
                          std::optional<std::uint64_t> reprint_of) {
    app::PrintJobReport report;
    report.label = DocumentLabel(document);
    report.printed = false;
    report.problem = std::move(problem);
    report.reprint_of = reprint_of;
    {
        const std::lock_guard lock(m_mutex);
        report.job_id = m_next_refused_id++;
        m_refused.emplace(report.job_id, std::move(document));
    }
    m_reports.Post(std::move(report));
}

void DeviceWorker::PrintCreditNote(app::CreditNoteRequest note) {
    Submit(std::move(note), std::nullopt);
}

void DeviceWorker::KickDrawer() {
    if (!m_drawer) return;  // no drawer set up: the cashier opens it with its key
    auto kick = m_drawer->Open();
    if (!kick) {
        Log("drawer kick not sent: " + kick.error().message);
        return;
    }
    m_watcher->FollowKick(*kick);
}

void DeviceWorker::Reprint(std::uint64_t job_id) {
    std::optional<Document> refused;
    {
        const std::lock_guard lock(m_mutex);
        if (auto found = m_refused.find(job_id); found != m_refused.end()) {
            refused = std::move(found->second);
            m_refused.erase(found);
        }
    }
    if (refused) {
        Submit(std::move(*refused), job_id);
        return;
    }
    const std::optional<drivers::PrintJob> job =
        m_spooler ? m_spooler->Job(job_id) : std::optional<drivers::PrintJob>{};
    if (job && job->reprinted_as) {
        Log(fmt::format("{} (job {}) is already being reprinted as job {}", job->label, job_id,
                        *job->reprinted_as));
        return;
    }
    auto reprint = m_spooler ? m_spooler->Reprint(job_id)
                             : Result<drivers::PrintJobId>(std::unexpected(MakeError(
                                   ErrorCode::kNotFound, std::string(kNoPrinterProblem))));
    if (!reprint) {
        Log(fmt::format("reprint of job {} refused: {}", job_id, reprint.error().message));
        app::PrintJobReport report;
        report.job_id = job_id;
        report.label = job ? job->label : "Receipt";
        report.problem = std::string(kNotKeptProblem);
        m_reports.Post(std::move(report));
        return;
    }
    m_watcher->Follow(*reprint, job ? job->label : "Receipt", job_id);
}

void DeviceWorker::SetReceiptText(std::vector<std::string> header_lines,
                                  std::vector<std::string> footer_lines) {
    const std::lock_guard lock(m_mutex);
    m_text.header_lines = std::move(header_lines);
    m_text.footer_lines = std::move(footer_lines);
}

void DeviceWorker::Stop() {
    // Every thread is told first, so that they wind down together.
    for (const auto& scanner : m_scanners)
        scanner->RequestStop();
    if (m_watcher) m_watcher->RequestStop();
    for (const auto& scanner : m_scanners)
        scanner->Join();
    if (m_watcher) m_watcher->Join();
}

}  // namespace tillbook::pos::devices
