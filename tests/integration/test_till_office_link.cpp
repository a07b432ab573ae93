// The till's link to the real back office on loopback (pos/office): pairing through the
// tillbook-pos binary, sales reaching the office through the sync worker, the office going away
// and coming back, a rejected event, and a till the office signed out.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "gbp.hpp"
#include "real_office.hpp"
#include "run_program.hpp"
#include "till_office.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/pos/office/sync_worker.hpp"
#include "tillbook/pos/office/till_pairing.hpp"
#include "tillbook/pos/till_journal.hpp"
#include "tillbook/pos/till_schema.hpp"
#include "tillbook/pos/till_sync.hpp"
#include "tillbook/store/catalogue_store.hpp"

using namespace tillbook;
using testing::Gbp;
using namespace std::chrono_literals;
using testing::ReportWatch;
using SyncReport = pos::app::SyncReport;

namespace {

constexpr const char* kOrigin = "terminal:S01-T1";

std::int64_t Int(store::Database& db, const std::string& sql) {
    auto value = db.QueryInt64(sql);
    REQUIRE_MESSAGE(value, sql);
    return *value;
}

std::string Text(store::Database& db, const std::string& sql) {
    auto q = db.Prepare(sql);
    REQUIRE(q);
    REQUIRE(*q->Step());
    return q->Text(0);
}

// The real office, and a till's database file beside it.
struct OfficeAndTill {
    explicit OfficeAndTill(const std::string& name)
        : office(name), till_dir(name + "-till"), till_db(till_dir.File("till.db")) {}
    std::string Url() const { return "http://127.0.0.1:" + std::to_string(office.port); }
    std::string Code() {
        httplib::Client client("127.0.0.1", office.port);
        return testing::PairingCodeFor(client);
    }
    std::string ManagerToken() {
        httplib::Client client("127.0.0.1", office.port);
        return testing::StaffToken(client, "tom", "demo-manager-password");
    }
    void Pair() {
        auto db = pos::OpenTillDatabase(till_db);
        REQUIRE(db);
        auto paired = pos::office::PairTill(*db, {Url(), {}, Code(), "T1"}, clock);
        REQUIRE_MESSAGE(paired, paired.error().message);
    }
    // How many events of this till the office holds.
    std::int64_t OfficeEvents() {
        auto db = OfficeDb();
        return Int(db, "SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'");
    }
    store::Database OfficeDb() {
        auto db = store::Database::Open(office.db, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        return std::move(*db);
    }
    pos::office::SyncWorkerOptions WorkerOptions() const {
        return testing::WorkerOptions(till_db, 200ms);
    }

    testing::RealOffice office;
    testing::TempDir till_dir;
    std::string till_db;
    ids::SystemClock clock;
};

// The till's UI side: its own connection to the till's database, and its journal.
struct TillCounter {
    explicit TillCounter(const std::string& path)
        : db(std::move(*pos::OpenTillDatabase(path))),
          journal(std::move(*pos::TillJournal::Open(db, clock, ids))) {}
    std::string StaffId(const std::string& username) {
        return Text(db, "SELECT id FROM staff WHERE username = '" + username + "'");
    }
    pos::SaleResult Sell(orders::Tender tender, const std::string& actor,
                         std::optional<money::Money> tendered = std::nullopt) {
        const std::vector<pos::ScannedLine> lines{{"5060123450019", 2}, {"5060456110017", 1}};
        auto sale = journal.Sell(lines, tender, tendered, actor);
        REQUIRE_MESSAGE(sale, sale.error().message);
        return *sale;
    }
    ids::SystemClock clock;
    ids::UuidV7Source ids{clock};
    store::Database db;
    pos::TillJournal journal;
};

// The till's sync worker on its own thread, started, and a watch on what it posts.
struct RunningWorker {
    explicit RunningWorker(const OfficeAndTill& setup)
        : worker(setup.WorkerOptions(), queue, setup.clock) {
        worker.Start();
    }
    pos::app::ReportQueue queue;
    ReportWatch watch{queue};
    pos::office::SyncWorker worker;
};

bool Drained(const SyncReport& report) {
    return report.online && report.unsent == 0 && report.last_push_at.has_value();
}

}  // namespace

TEST_CASE(
    "tillbook-pos pair: a wrong code is refused in the office's words and leaves no database, and "
    "the "
    "right one brings the store, catalogue, staff with PIN hashes and settings, once") {
    OfficeAndTill setup("till-pair");
    {
        httplib::Client admin("127.0.0.1", setup.office.port);
        admin.set_bearer_token_auth(testing::StaffToken(admin, "admin", "demo-admin-password"));
        auto put = admin.Put("/api/v1/settings/till.receipt_footer",
                             nlohmann::json{{"value", "Thank you, come again"}}.dump(),
                             "application/json");
        REQUIRE(put);
        INFO(put->body);
        REQUIRE(put->status / 100 == 2);
    }
    const std::string exe = TILLBOOK_POS_EXE;
    const auto wrong =
        testing::RunProgram(exe, {"pair", "--office", setup.Url(), "--code", "1234-5678-9012",
                                  "--name", "T1", "--db", setup.till_db});
    CHECK(wrong.code == 1);
    CHECK(wrong.err.find("pairing refused: office says:") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(setup.till_db));

    const auto right =
        testing::RunProgram(exe, {"pair", "--office", setup.Url(), "--code", setup.Code(), "--name",
                                  "T1", "--db", setup.till_db});
    INFO(right.err);
    REQUIRE(right.code == 0);
    CHECK(right.out.find("paired as terminal:S01-T1") != std::string::npos);

    auto office = setup.OfficeDb();
    auto till = pos::OpenTillDatabase(setup.till_db);
    REQUIRE(till);
    CHECK(Int(*till, "SELECT count(*) FROM skus") == Int(office, "SELECT count(*) FROM skus"));
    CHECK(Int(*till, "SELECT count(*) FROM barcodes") ==
          Int(office, "SELECT count(*) FROM barcodes"));
    CHECK(Int(*till, "SELECT sum(price_minor) FROM skus") ==
          Int(office, "SELECT sum(price_minor) FROM skus"));
    CHECK(Int(*till, "SELECT sum(cost_minor) FROM skus") == 0);
    const std::string zoe_pin = Text(office, "SELECT pin_hash FROM staff WHERE username = 'zoe'");
    CHECK(zoe_pin.starts_with("$argon2id$"));
    CHECK(Text(*till, "SELECT pin_hash FROM staff WHERE username = 'zoe'") == zoe_pin);
    CHECK(Text(*till, "SELECT password_hash FROM staff WHERE username = 'zoe'").empty());
    CHECK(Int(*till, "SELECT count(*) FROM staff WHERE active = 1") ==
          Int(office, "SELECT count(*) FROM staff WHERE active = 1"));
    CHECK(Text(*till, "SELECT value FROM settings WHERE key = 'till.receipt_footer'") ==
          "Thank you, come again");
    CHECK(Text(*till, "SELECT id FROM locations WHERE code = 'S01'") ==
          Text(office, "SELECT id FROM locations WHERE code = 'S01'"));
    CHECK(Text(*till, "SELECT value FROM settings WHERE key = 'till.terminal'") == "T1");
    CHECK(Int(*till, "SELECT count(*) FROM office_stock") > 0);
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    auto journal = pos::TillJournal::Open(*till, clock, ids);
    REQUIRE(journal);
    CHECK(journal->Identity().Origin() == kOrigin);

    const auto again =
        testing::RunProgram(exe, {"pair", "--office", setup.Url(), "--code", setup.Code(), "--name",
                                  "T2", "--db", setup.till_db});
    CHECK(again.code == 1);
    CHECK(again.err.find("already paired") != std::string::npos);
    CHECK(Text(*till, "SELECT value FROM settings WHERE key = 'till.terminal'") == "T1");

    const auto status = testing::RunProgram(exe, {"status", "--db", setup.till_db});
    CHECK(status.code == 0);
    CHECK(status.out.find("office: " + setup.Url() + " as terminal:S01-T1") != std::string::npos);
    CHECK(status.out.find("last pull: ") != std::string::npos);
    CHECK(testing::RunOffice({"verify", "--db", setup.till_db}) == 0);
}

TEST_CASE(
    "a till set up by hand that has sold as T9 is not paired as T1, and nothing changes on it") {
    OfficeAndTill setup("till-pair-other");
    const std::string exe = TILLBOOK_POS_EXE;
    REQUIRE(testing::RunProgram(
                exe, {"init", "--db", setup.till_db, "--store", "S01", "--terminal", "T9"})
                .code == 0);
    REQUIRE(testing::RunProgram(exe, {"sell", "--db", setup.till_db, "5060123450019", "--tender",
                                      "card", "--staff", "zoe"})
                .code == 0);
    const auto refused =
        testing::RunProgram(exe, {"pair", "--office", setup.Url(), "--code", setup.Code(), "--name",
                                  "T1", "--db", setup.till_db});
    CHECK(refused.code == 1);
    CHECK(refused.err.find("holds 1 event of terminal:S01-T9; it cannot become another till") !=
          std::string::npos);
    auto till = pos::OpenTillDatabase(setup.till_db);
    REQUIRE(till);
    CHECK(Int(*till, "SELECT count(*) FROM office_link") == 0);
    CHECK(Text(*till, "SELECT value FROM settings WHERE key = 'till.terminal'") == "T9");
}

TEST_CASE(
    "sales journalled with a staff member's id reach the office through the sync worker, each "
    "with its exact total, and the till still verifies") {
    OfficeAndTill setup("till-worker");
    setup.Pair();
    TillCounter counter(setup.till_db);
    const std::string zoe = counter.StaffId("zoe");
    REQUIRE(counter.journal.OpenShift(Gbp(10000), zoe));
    std::vector<pos::SaleResult> sales{counter.Sell(orders::Tender::kCash, zoe, Gbp(2000)),
                                       counter.Sell(orders::Tender::kCard, zoe),
                                       counter.Sell(orders::Tender::kCash, zoe, Gbp(5000))};

    RunningWorker running(setup);
    ReportWatch& watch = running.watch;
    pos::office::SyncWorker& worker = running.worker;
    worker.Nudge();
    auto drained = watch.WaitForSync(Drained, 20s);
    REQUIRE(drained);
    CHECK(drained->rejected == 0);
    CHECK(drained->last_pull_at.has_value());

    httplib::Client client("127.0.0.1", setup.office.port);
    client.set_bearer_token_auth(setup.ManagerToken());
    for (const pos::SaleResult& sale : sales) {
        auto res = client.Get("/api/v1/orders/" + sale.order.id);
        REQUIRE(res);
        INFO(res->body);
        REQUIRE(res->status == 200);
        const auto order = nlohmann::json::parse(res->body);
        CHECK(order["total_minor"] == sale.total.Minor());
        CHECK(order["number"] == sale.order.number);
    }
    const auto asked = std::chrono::steady_clock::now();
    worker.Stop();
    CHECK(std::chrono::steady_clock::now() - asked < 1s);
    CHECK(testing::RunOffice({"verify", "--db", setup.till_db}) == 0);
}

TEST_CASE(
    "with the office stopped the worker reports offline and keeps the sales unsent, and once it is "
    "back they are all sent, in order, none twice") {
    OfficeAndTill setup("till-offline");
    setup.Pair();
    RunningWorker running(setup);
    ReportWatch& watch = running.watch;
    pos::office::SyncWorker& worker = running.worker;
    REQUIRE(watch.WaitForSync([](const SyncReport& r) { return r.online; }, 10s));

    setup.office.server.reset();  // SIGTERM, and waited for
    TillCounter counter(setup.till_db);
    const std::string jakub = counter.StaffId("jakub");
    REQUIRE(counter.journal.OpenShift(Gbp(5000), jakub));
    counter.Sell(orders::Tender::kCash, jakub, Gbp(2000));
    counter.Sell(orders::Tender::kCard, jakub);
    worker.Nudge();
    auto offline =
        watch.WaitForSync([](const SyncReport& r) { return !r.online && r.unsent == 3; }, 20s);
    REQUIRE(offline);
    CHECK(offline->offline_since.has_value());
    CHECK(offline->next_try_at.has_value());
    CHECK(offline->oldest_unsent_at.has_value());
    CHECK(offline->problem.find("cannot reach the office at " + setup.Url()) != std::string::npos);

    setup.office.server = std::make_unique<testing::ServerProcess>(
        setup.office.db, setup.office.port, setup.office.log);
    auto back = watch.WaitForSync(Drained, 30s);
    REQUIRE(back);
    CHECK_FALSE(back->offline_since.has_value());
    CHECK(back->problem.empty());
    worker.Stop();

    auto office = setup.OfficeDb();
    CHECK(Int(office, "SELECT count(*) FROM ledger WHERE origin = 'terminal:S01-T1'") == 3);
    CHECK(Int(office, "SELECT max(origin_seq) FROM ledger WHERE origin = 'terminal:S01-T1'") == 3);
    // In the till's order: the office's seqs rise with origin_seq.
    CHECK(Int(office,
              "SELECT count(*) FROM ledger a JOIN ledger b ON a.origin = b.origin AND "
              "a.origin_seq < b.origin_seq AND a.seq > b.seq WHERE a.origin = "
              "'terminal:S01-T1'") == 0);
    auto till = pos::OpenTillDatabase(setup.till_db);
    REQUIRE(till);
    CHECK(Int(*till, "SELECT count(*) FROM push_answers WHERE outcome = 1") == 3);
}

TEST_CASE("an event the office rejects stays on the till, is reported, and later sales still go") {
    OfficeAndTill setup("till-rejected");
    setup.Pair();
    TillCounter counter(setup.till_db);
    counter.Sell(orders::Tender::kCard, "nobody-here");  // not a member of staff
    counter.Sell(orders::Tender::kCard, counter.StaffId("zoe"));

    RunningWorker running(setup);
    ReportWatch& watch = running.watch;
    pos::office::SyncWorker& worker = running.worker;
    auto reported = watch.WaitForSync(
        [](const SyncReport& r) { return r.online && r.rejected == 1 && r.last_push_at; }, 20s);
    REQUIRE(reported);
    CHECK(reported->unsent == 1);  // the rejected one: the office has not accepted it
    worker.Stop();

    pos::TillSync sync(counter.db, kOrigin, counter.clock);
    auto rejected = sync.ListRejected();
    REQUIRE(rejected);
    REQUIRE(rejected->size() == 1);
    CHECK(rejected->front().code == "forbidden");
    CHECK(rejected->front().reason.find("nobody-here") != std::string::npos);
    CHECK(rejected->front().origin_seq == 1);
    CHECK(Int(counter.db, "SELECT count(*) FROM ledger") == 2);
}

TEST_CASE(
    "a till the office signed out is reported as such and not retried, and pairing it again "
    "through the worker under its name sends what waited") {
    OfficeAndTill setup("till-signed-out");
    setup.Pair();
    TillCounter counter(setup.till_db);
    auto link = pos::office::LoadOfficeLink(counter.db);
    REQUIRE(link);
    REQUIRE(*link);
    {
        httplib::Client client("127.0.0.1", setup.office.port);
        client.set_bearer_token_auth((*link)->token);
        auto out = client.Delete("/api/v1/session");
        REQUIRE(out);
        REQUIRE(out->status == 204);
    }
    counter.Sell(orders::Tender::kCard, counter.StaffId("zoe"));

    RunningWorker running(setup);
    ReportWatch& watch = running.watch;
    pos::office::SyncWorker& worker = running.worker;
    auto signed_out = watch.WaitForSync(
        [](const SyncReport& r) {
            return !r.online && r.problem.find("no longer accepts this till") != std::string::npos;
        },
        10s);
    REQUIRE(signed_out);
    CHECK(signed_out->unsent == 1);
    // Nudged or not, it waits for a pairing rather than asking again and again.
    const int before = watch.sync_reports;
    for (int i = 0; i < 5; ++i) {
        worker.Nudge();
        std::this_thread::sleep_for(100ms);
    }
    watch.WaitForSync([](const SyncReport&) { return false; }, 500ms);
    CHECK(watch.sync_reports - before <= 6);
    CHECK(setup.OfficeEvents() == 0);

    worker.Pair(pos::app::PairTill{setup.Url(), setup.Code(), "T1"});
    std::optional<SyncReport> last;
    auto drained = watch.WaitForSync(
        [&](const SyncReport& r) {
            last = r;
            return Drained(r);
        },
        20s);
    std::string seen;
    for (const auto& pairing : watch.pairings)
        seen += pairing.message + "; ";
    if (last)
        seen += fmt::format("online {} unsent {} rejected {} problem {}", last->online,
                            last->unsent, last->rejected, last->problem);
    INFO(seen);
    REQUIRE(drained);
    REQUIRE(watch.pairings.size() == 1);
    CHECK(watch.pairings.front().paired);
    CHECK(drained->reference_data_changed);
    worker.Stop();
    CHECK(setup.OfficeEvents() == 1);
}
