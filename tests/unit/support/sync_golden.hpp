#pragma once
// The values behind the sync golden files in tests/data/sync/: a push of a till sale (sent twice,
// so the second is a duplicate) and a refund the office refuses, its answer, and a pull's answer.
// tests/unit/shared/test_sync_codec.cpp pins the bytes; tests/integration/test_sync_wire.cpp sends
// the push to the real server and compares its answer with the golden results.
#include <fstream>
#include <sstream>
#include <string>

#include "tillbook/sync/pull.hpp"
#include "tillbook/sync/push.hpp"

namespace tillbook::testing {

inline std::string SyncGoldenPath(const std::string& name) {
    return std::string(TILLBOOK_SOURCE_DIR) + "/tests/data/sync/" + name;
}

inline std::string ReadSyncGolden(const std::string& name) {
    std::ifstream in(SyncGoldenPath(name), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

inline money::Money GoldenGbp(std::int64_t minor) {
    return money::Money(minor, money::Currency{"GBP", 2});
}

inline constexpr const char* kGoldenSaleId = "01a201bf-0000-7000-8000-000000000001";
inline constexpr const char* kGoldenRefundId = "01a201bf-0000-7000-8000-000000000002";
inline constexpr const char* kGoldenOrderId = "01a201bf-0000-7000-8000-000000000101";
inline constexpr const char* kGoldenS01 = "0190a1b2-0000-7000-8000-000000000001";

// T1 at S01 sells a 125 g Earl Grey by card, sends the sale twice (its first answer was lost), and
// refunds more than was paid.
inline sync::PushRequest GoldenPushRequest() {
    orders::Order order;
    order.id = kGoldenOrderId;
    order.number = "S01-T1-000001";
    order.channel = "store:S01";
    order.location_id = kGoldenS01;
    order.currency = "GBP";
    order.placed_at = 1'763'800'000'000;
    order.lines = {orders::OrderLine{1, orders::LineKind::kGoods, "TEA-EARL-125G",
                                     "Earl Grey loose leaf tea 125 g", 1000, GoldenGbp(650),
                                     GoldenGbp(0), 0, money::TaxMode::kInclusive, std::nullopt}};
    const ledger::Event sale{
        kGoldenSaleId,
        "terminal:S01-T1",
        1,
        "zoe",
        1'763'800'000'000,
        ledger::OrderPlaced{
            order,
            true,
            {orders::Payment{orders::Tender::kCard, GoldenGbp(650), GoldenGbp(650), "", ""}}}};
    const ledger::Event refund{
        kGoldenRefundId,
        "terminal:S01-T1",
        2,
        "zoe",
        1'763'800'060'000,
        ledger::RefundIssued{kGoldenOrderId, "",
                             orders::Refund{orders::Tender::kCard, GoldenGbp(1000), "", ""}}};
    return sync::PushRequest{sync::kProtocol, {sale, sale, refund}};
}

// The demo database holds 594 events; pairing T1 records two more (its code, the terminal).
inline constexpr std::int64_t kGoldenSaleSeq = 597;
inline constexpr const char* kGoldenRefusal =
    "RefundIssued: order 01a201bf-0000-7000-8000-000000000101: 650 paid, 0 refunded already; 1000 "
    "more would refund more than was paid";

// The office's answer to GoldenPushRequest on a new demo database with T1 paired at S01.
inline sync::PushResults GoldenPushResults() {
    return sync::PushResults{
        sync::kProtocol,
        {sync::PushResult{kGoldenSaleId, sync::Accepted{kGoldenSaleSeq, false}},
         sync::PushResult{kGoldenSaleId, sync::Accepted{kGoldenSaleSeq, true}},
         sync::PushResult{kGoldenRefundId, sync::Rejected{"invariant_violated", kGoldenRefusal}}}};
}

// A first pull's answer, cut down: three tax classes, a SKU by the unit with two barcodes, a
// weighed one, an inactive one, a cashier, and two stock levels (one below zero).
inline sync::PullSnapshot GoldenPullSnapshot() {
    sync::PullSnapshot snapshot;
    snapshot.cursor = sync::PullCursor{3, "TEA-EARL-250G", 598};
    snapshot.more = false;
    snapshot.store = sync::TillStore{"S01", kGoldenS01, "High Street", "Europe/London"};
    snapshot.settings = {{"receipt_footer", "Thank you — returns within 30 days"},
                         {"shop_name", "Tillbook High Street"}};
    snapshot.tax_classes = {{"reduced", 500, money::TaxMode::kInclusive},
                            {"standard", 2000, money::TaxMode::kInclusive},
                            {"zero", 0, money::TaxMode::kInclusive}};
    snapshot.skus = {sync::TillSku{"DELI-MONT-KG",
                                   "DELI-MONT",
                                   "Montgomery's Cheddar",
                                   "",
                                   "Cheese & deli",
                                   GoldenGbp(3400),
                                   "zero",
                                   catalogue::SoldBy::kWeight,
                                   true,
                                   {"2110001000003"}},
                     sync::TillSku{"MUG-OLD",
                                   "MUG-OLD",
                                   "Old mug",
                                   "",
                                   "Homeware",
                                   GoldenGbp(899),
                                   "standard",
                                   catalogue::SoldBy::kUnit,
                                   false,
                                   {}},
                     sync::TillSku{"TEA-EARL-250G",
                                   "TEA-EARL",
                                   "Earl Grey loose leaf tea",
                                   "250 g",
                                   "Tea & coffee",
                                   GoldenGbp(1150),
                                   "zero",
                                   catalogue::SoldBy::kUnit,
                                   true,
                                   {"5060123450026", "5060990000010"}}};
    snapshot.staff = {sync::TillStaff{"0190a1b2-0000-7000-8000-0000000000a5", "zoe", "Zoe Clarke",
                                      staff::Role::kCashier,
                                      "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                                      "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"}};
    snapshot.stock = {{"DELI-MONT-KG", -250, 1250}, {"TEA-EARL-250G", 20000, 0}};
    return snapshot;
}

}  // namespace tillbook::testing
