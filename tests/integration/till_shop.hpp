#pragma once
// A shop for the till's integration tests: the real office (OfficeUnderTest), an online order
// it holds and has dispatched, and tills' own databases paired with it by one-time code.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "office_fixture.hpp"
#include "till_office.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/pos/office/sync_worker.hpp"
#include "tillbook/pos/office/till_pairing.hpp"
#include "tillbook/pos/till_schema.hpp"

namespace tillbook::testing {

// Imports `shopify_order` through the office's own route and dispatches it there (there is no
// dispatch route yet); answers the order's id.
inline std::string ImportDispatched(OfficeUnderTest& office, const nlohmann::json& shopify_order,
                                    const std::string& tracking) {
    auto imported =
        office.Client(office.Manager())
            ->Post("/api/v1/channels/shopify/orders", shopify_order.dump(), "application/json");
    REQUIRE(imported);
    INFO(imported->body);
    REQUIRE(imported->status / 100 == 2);
    const std::string order_id = nlohmann::json::parse(imported->body)["id"];
    office.AppendAsOffice(ledger::OrderDispatched{order_id, tracking});
    return order_id;
}

// Pairs the till database at `path` (made if new) as till `name` of store S01.
inline void PairTillDatabase(OfficeUnderTest& office, const std::string& path,
                             const std::string& name, ids::Clock& clock) {
    auto code = office.auth->CreatePairingCode("S01", 60'000);
    REQUIRE(code);
    auto db = pos::OpenTillDatabase(path);
    REQUIRE(db);
    auto paired = pos::office::PairTill(
        *db, {"http://127.0.0.1:" + std::to_string(office.server->Port()), {}, *code, name}, clock);
    REQUIRE_MESSAGE(paired, paired.error().message);
}

// Runs the sync worker of the till database at `path` until everything it journalled is accepted
// or rejected; answers the worker's last report.
inline pos::app::SyncReport PushEverything(const std::string& path, const ids::Clock& clock) {
    pos::app::ReportQueue queue;
    ReportWatch watch(queue);
    pos::office::SyncWorker worker(WorkerOptions(path, std::chrono::milliseconds(100)), queue,
                                   clock);
    worker.Start();
    const auto drained = watch.WaitForSync(
        [](const pos::app::SyncReport& r) {
            return r.online && r.unsent == 0 && r.last_push_at.has_value();
        },
        std::chrono::seconds(20));
    worker.Stop();
    REQUIRE(drained);
    return *drained;
}

}  // namespace tillbook::testing
