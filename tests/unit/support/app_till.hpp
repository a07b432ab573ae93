#pragma once
// A TillApp on a real SQLite till database of the demo shop (S01, T1), with staff whose PIN hashes
// libsodium made (argon2id at its cheapest cost, checked by the same function as the office's),
// and small recording fakes for the two worker ports (or a real device worker in the hardware
// tests).
#include <sodium.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "demo_till.hpp"
#include "tillbook/barcode/embedded_price.hpp"
#include "tillbook/pos/app/till_app.hpp"
#include "tillbook/staff/staff.hpp"

namespace tillbook::testing {

inline std::string CheapPinHash(const std::string& pin) {
    REQUIRE(sodium_init() >= 0);
    char out[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_MIN,
                                  crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13) == 0);
    return out;
}

// Counts what the UI thread asked the device worker to do; each call notes how many sales the
// journal held at that moment.
struct RecordingDevices : pos::app::DevicePort {
    explicit RecordingDevices(store::Database& database) : db(database) {}
    void PrintReceipt(pos::app::ReceiptRequest receipt) override {
        calls.push_back("print");
        receipts.push_back(std::move(receipt));
        sales_when_called.push_back(SalesInJournal());
    }
    void PrintCashUp(pos::app::CashUpRequest report) override {
        calls.push_back("print " + report.label);
        cash_ups.push_back(std::move(report));
        sales_when_called.push_back(SalesInJournal());
    }
    void KickDrawer() override {
        calls.push_back("kick");
        sales_when_called.push_back(SalesInJournal());
        refunds_when_kicked.push_back(
            *db.QueryInt64("SELECT count(*) FROM ledger WHERE kind IN (8, 9)"));
    }
    void Reprint(std::uint64_t job_id) override {
        calls.push_back("reprint " + std::to_string(job_id));
        sales_when_called.push_back(SalesInJournal());
    }
    void PrintCreditNote(pos::app::CreditNoteRequest note) override {
        calls.push_back("credit note");
        credit_notes.push_back(std::move(note));
        sales_when_called.push_back(SalesInJournal());
    }
    std::int64_t SalesInJournal() {
        return *db.QueryInt64("SELECT count(*) FROM ledger WHERE kind = 1");
    }
    store::Database& db;
    std::vector<std::string> calls;
    std::vector<std::int64_t> sales_when_called;
    std::vector<std::int64_t> refunds_when_kicked;  // RefundIssued and ExchangeCompleted events
    std::vector<pos::app::ReceiptRequest> receipts;
    std::vector<pos::app::CashUpRequest> cash_ups;
    std::vector<pos::app::CreditNoteRequest> credit_notes;
};

// With `office_link`, it answers the office questions (the returns desk's, store credit's) with
// request ids (1, 2, ...) that a test then answers with a report; without, 0 as a till with no
// office link does.
struct RecordingSync : pos::app::SyncPort {
    void Nudge() override { ++nudges; }
    void Pair(pos::app::PairTill request) override { pairs.push_back(std::move(request)); }
    std::uint64_t LookupOrder(std::string code) override {
        lookups.push_back(std::move(code));
        return Next();
    }
    std::uint64_t SendReturnToOffice(pos::app::OfficeReturn goods_back) override {
        sent_back.push_back(std::move(goods_back));
        return Next();
    }
    std::uint64_t CheckCredit(std::string card_number) override {
        credit_checks.push_back(std::move(card_number));
        return Next();
    }
    std::uint64_t RedeemCredit(pos::app::CreditRedemptionRequest redemption) override {
        redemptions.push_back(std::move(redemption));
        return Next();
    }
    std::uint64_t CancelCreditRedemption(std::string redemption_id, std::string) override {
        cancels.push_back(std::move(redemption_id));
        return Next();
    }
    std::uint64_t SearchOrders(pos::app::OrderSearchRequest search) override {
        searches.push_back(std::move(search));
        return Next();
    }
    std::uint64_t Next() { return office_link ? ++requests : 0; }
    int nudges = 0;
    std::vector<pos::app::PairTill> pairs;
    bool office_link = false;
    std::uint64_t requests = 0;
    std::vector<std::string> lookups;
    std::vector<pos::app::OfficeReturn> sent_back;
    std::vector<std::string> credit_checks;
    std::vector<pos::app::CreditRedemptionRequest> redemptions;
    std::vector<std::string> cancels;
    std::vector<pos::app::OrderSearchRequest> searches;
};

struct StaffPin {
    std::string id;
    std::string name;
    staff::Role role;
    std::string pin;
};

inline const std::vector<StaffPin>& DemoStaffPins() {
    static const std::vector<StaffPin> staff{
        {"staff-zoe", "Zoë Clarke", staff::Role::kCashier, "1111"},
        {"staff-jakub", "Jakub Nowak", staff::Role::kCashier, "2222"},
        {"staff-tom", "Tom Hughes", staff::Role::kManager, "2468"},
    };
    return staff;
}

// The staff rows as the sync worker writes them from a pull.
inline void AddStaff(store::Database& db) {
    for (const StaffPin& member : DemoStaffPins()) {
        auto q = db.Prepare(
            "INSERT INTO staff (id, username, display_name, role, password_hash, pin_hash, active) "
            "VALUES (?, ?, ?, ?, '', ?, 1)");
        REQUIRE(q);
        REQUIRE(q->Bind(1, member.id)
                    .Bind(2, member.id)
                    .Bind(3, member.name)
                    .Bind(4, static_cast<std::int64_t>(member.role))
                    .Bind(5, CheapPinHash(member.pin))
                    .Run());
    }
}

// A price-embedded label for the baguette (the first default layout, item 00042), registered as
// its zero-value form, as a shop registers its scale's labels.
inline void RegisterBaguetteLabel(store::Database& db) {
    auto registered = barcode::EncodeEmbedded(barcode::DefaultEmbeddedLayouts()[0], "00042", 0);
    REQUIRE(registered);
    auto q = db.Prepare("INSERT INTO barcodes (barcode, sku) VALUES (?, 'BAK-BAGU')");
    REQUIRE(q);
    REQUIRE(q->Bind(1, *registered).Run());
}

// Starts a real device worker that posts to the till's report queue.
using StartDevices =
    std::function<std::unique_ptr<pos::app::DevicePort>(pos::app::ReportQueue& reports)>;

struct AppTill {
    // `start_devices`: the till drives the worker it starts instead of the recording fake.
    explicit AppTill(const std::string& name, const StartDevices& start_devices = {})
        : till(name), devices(till.db) {
        AddStaff(till.db);
        if (start_devices) worker = start_devices(reports);
        pos::app::DevicePort& port = worker ? *worker : devices;
        auto opened =
            pos::app::TillApp::Open(till.db, till.clock, till.ids, reports, port, sync, {});
        INFO((opened ? "" : opened.error().message));
        REQUIRE(opened);
        app = std::move(*opened);
        WaitForCatalogue();
    }

    const pos::app::TillView& View() const { return app->View(); }
    void Do(pos::app::Intent intent) {
        app->Apply({std::move(intent)});
        app->Tick(till.clock.Now());
    }
    void Post(pos::app::WorkerReport report) {
        reports.Post(std::move(report));
        app->Tick(till.clock.Now());
    }
    // Runs frames until the SKU index, read on its own thread, is in.
    void WaitForCatalogue() {
        for (int i = 0; i < 10'000 && app->LoadingCatalogue(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            app->Tick(till.clock.Now());
        }
        REQUIRE_FALSE(app->LoadingCatalogue());
    }
    // Types a PIN and waits (a few ms: cheap hashes) for its check, as frames would.
    void Pin(const std::string& pin) {
        Do(pos::app::SubmitPin{pin});
        for (int i = 0; i < 10'000 && app->CheckingPin(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            app->Tick(till.clock.Now());
        }
        REQUIRE_FALSE(app->CheckingPin());
    }
    // Signed in as `pin`'s owner, with the shift open, on the sale screen.
    void SignInAndOpenShift(const std::string& pin = "1111") {
        Pin(pin);
        if (View().screen == pos::app::Screen::kOpenShift) Do(pos::app::OpenShift{"100.00"});
        REQUIRE(View().screen == pos::app::Screen::kSale);
    }
    // Pays what is due in cash with `given` and completes.
    void PayCash(const std::string& given) {
        Do(pos::app::StartTender{});
        REQUIRE(View().screen == pos::app::Screen::kTender);
        Do(pos::app::ChooseTender{pos::app::TenderKind::kCash});
        Do(pos::app::CompleteSale{given, "", true});
    }
    // Runs frames, as the window would, until `done` holds; at most `timeout`.
    [[nodiscard]] bool TickUntil(const std::function<bool()>& done,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            app->Tick(till.clock.Now());
            if (done()) return true;
            if (std::chrono::steady_clock::now() >= deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    std::int64_t Count(const std::string& sql) { return *till.db.QueryInt64(sql); }

    DemoTill till;
    pos::app::ReportQueue reports;
    RecordingDevices devices;  // records nothing when a real worker took its place
    RecordingSync sync;
    std::unique_ptr<pos::app::DevicePort> worker;  // stopped after the controllers, before reports
    std::unique_ptr<pos::app::TillApp> app;
};

}  // namespace tillbook::testing
