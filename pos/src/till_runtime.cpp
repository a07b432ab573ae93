#include "tillbook/pos/till_runtime.hpp"

#include <fmt/format.h>

#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/pos/app/till_app.hpp"
#include "tillbook/pos/app/worker_reports.hpp"
#include "tillbook/pos/devices/device_worker.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/pos/office/sync_worker.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos {

namespace {

// What the receipt prints above and below the sale: the shop's name (the `till.shop_name`
// setting, else the store's name) and the `till.receipt_footer` setting.
struct ReceiptWords {
    std::vector<std::string> header;
    std::vector<std::string> footer;
};

ReceiptWords ReadReceiptWords(store::Database& db) {
    ReceiptWords words;
    auto shop = store::GetSetting(db, "till.shop_name");
    if (shop && *shop && !(*shop)->empty()) {
        words.header.push_back(**shop);
    } else if (auto code = store::GetSetting(db, "till.store_code"); code && *code) {
        if (auto store = store::FindLocationByCode(db, **code); store && *store)
            words.header.push_back((*store)->name);
    }
    if (words.header.empty()) words.header.push_back("Tillbook");
    if (auto footer = store::GetSetting(db, "till.receipt_footer");
        footer && *footer && !(*footer)->empty())
        words.footer.push_back(**footer);
    return words;
}

class TillRuntime final : public app::TillModel {
  public:
    explicit TillRuntime(store::Database db) : m_db(std::move(db)) {}
    ~TillRuntime() override {
        // The controllers first (they wait for their own threads), then the workers, then the
        // database they all read.
        m_app.reset();
        if (m_sync) m_sync->Stop();
        if (m_devices) m_devices->Stop();
    }
    TillRuntime(const TillRuntime&) = delete;
    TillRuntime& operator=(const TillRuntime&) = delete;

    Status Start(const TillRuntimeOptions& options) {
        devices::DeviceWorkerOptions device_options;
        const ReceiptWords words = ReadReceiptWords(m_db);
        device_options.header_lines = words.header;
        device_options.footer_lines = words.footer;
        if (auto terminal = store::GetSetting(m_db, "till.terminal"); terminal && *terminal)
            device_options.terminal = **terminal;
        auto started = devices::DeviceWorker::Start(options.devices_file, std::move(device_options),
                                                    m_reports);
        if (!started) return std::unexpected(started.error());
        m_devices = std::move(*started);

        office::SyncWorkerOptions sync_options;
        sync_options.db_path = options.db_path;
        m_sync =
            std::make_unique<office::SyncWorker>(std::move(sync_options), m_sync_reports, m_clock);

        app::TillAppOptions app_options;
        if (auto link = office::LoadOfficeLink(m_db); link && *link)
            app_options.office_url = (*link)->url;
        auto app = app::TillApp::Open(m_db, m_clock, m_ids, m_reports, *m_devices, *m_sync,
                                      std::move(app_options));
        if (!app) return std::unexpected(app.error());
        m_app = std::move(*app);
        m_sync->Start();
        return {};
    }

    // The sync worker's reports pass through here first: a pull that brought new settings gives
    // the receipts their new header and footer.
    void Tick(ids::UtcMillis now) override {
        for (app::WorkerReport& report : m_sync_reports.Drain()) {
            if (const auto* sync = std::get_if<app::SyncReport>(&report);
                sync != nullptr && sync->reference_data_changed) {
                const ReceiptWords words = ReadReceiptWords(m_db);
                m_devices->SetReceiptText(words.header, words.footer);
            }
            m_reports.Post(std::move(report));
        }
        m_app->Tick(now);
    }
    [[nodiscard]] const app::TillView& View() const override { return m_app->View(); }
    void Apply(const app::Intents& intents) override { m_app->Apply(intents); }

  private:
    store::Database m_db;
    ids::SystemClock m_clock;
    ids::UuidV7Source m_ids{m_clock};
    app::ReportQueue m_reports;       // what TillApp takes in, once per frame
    app::ReportQueue m_sync_reports;  // the sync worker's, read by Tick before TillApp sees them
    std::unique_ptr<devices::DeviceWorker> m_devices;
    std::unique_ptr<office::SyncWorker> m_sync;
    std::unique_ptr<app::TillApp> m_app;
};

}  // namespace

Result<std::unique_ptr<app::TillModel>> OpenTillRuntime(const TillRuntimeOptions& options) {
    // A till that has never been paired starts with no database: it is made here, and the
    // window opens on the pairing screen.
    auto db =
        OpenTillDatabase(options.db_path, store::OpenOptions{store::Durability::kFull, 5000, true});
    if (!db)
        return std::unexpected(
            db.error().WithContext(fmt::format("the till's database {}", options.db_path)));
    auto runtime = std::make_unique<TillRuntime>(std::move(*db));
    if (auto started = runtime->Start(options); !started) return std::unexpected(started.error());
    return std::unique_ptr<app::TillModel>(std::move(runtime));
}

}  // namespace tillbook::pos
