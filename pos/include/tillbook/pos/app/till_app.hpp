#pragma once
// The till's controllers: everything the touchscreen decides, with no rendering. TillApp is the
// TillModel the window drives once a frame (Tick, View, Apply); it is made of one small controller
// per feature (sign-in, shift, sale, tender, receipts, status) sharing one TillContext, and it
// reaches the workers only through DevicePort and SyncPort, and the database only through the
// shared services, the TillJournal and the read models. Everything runs on the UI thread except
// a PIN's check, which runs on a thread of its own so a frame never waits for argon2id.
#include <memory>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/ids/uuid.hpp"
#include "tillbook/pos/app/till_model.hpp"
#include "tillbook/pos/app/worker_reports.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::app {

struct TillAppOptions {
    std::string office_url;  // pre-filled on the pairing screen
    std::string till_name;   // likewise ("T1")
};

class TillApp final : public TillModel {
  public:
    // Opens the till on its database: the sign-in screen when the till is paired (its catalogue
    // read into memory first), else the pairing screen. Errors: the database cannot be read.
    [[nodiscard]] static Result<std::unique_ptr<TillApp>> Open(
        store::Database& db, const ids::Clock& clock, ids::IdSource& ids, ReportQueue& reports,
        DevicePort& devices, SyncPort& sync, TillAppOptions options);
    ~TillApp() override;
    TillApp(const TillApp&) = delete;
    TillApp& operator=(const TillApp&) = delete;

    void Tick(ids::UtcMillis now) override;
    [[nodiscard]] const TillView& View() const override;
    void Apply(const Intents& intents) override;

    // A PIN is being checked (the view says "Checking…").
    [[nodiscard]] bool CheckingPin() const;
    // The catalogue is being read again after a pull (the old one serves meanwhile).
    [[nodiscard]] bool LoadingCatalogue() const;

    struct Parts;  // the controllers and their context (till_app.cpp)

  private:
    TillApp(ReportQueue& reports, std::unique_ptr<Parts> parts);

    ReportQueue& m_reports;
    std::unique_ptr<Parts> m_parts;
};

}  // namespace tillbook::pos::app
