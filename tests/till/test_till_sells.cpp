// The real tillbook-pos, paired with the real tillbook-office on loopback, its window driven by
// scripts under Xvfb: a cash sale of a scanned and a weighed item, a second sale split between
// card and cash, both at the office to the penny after wait-sync; screenshots of the sale, tender
// and status screens at 1920x1080 and 1024x768 kept as artefacts.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <iterator>

#include "till_under_test.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;
using testing::CountOf;

namespace {

// One sale's figures as the office holds them.
struct OfficeSale {
    std::int64_t total = 0;
    std::int64_t paid = 0;
    std::int64_t lines = 0;
};

OfficeSale SaleAtOffice(testing::TillUnderTest& till, const std::string& number) {
    const auto order = till.OfficeGet("/api/v1/orders/lookup?code=" + number);
    CHECK(order["channel"] == "store:S01");
    CHECK(order["status"] == "delivered");
    return {order["total_minor"], order["paid_minor"],
            static_cast<std::int64_t>(order["lines"].size())};
}

// The payments the office holds for sale `number`, as "tender:amount" in position order.
std::vector<std::string> PaymentsAtOffice(testing::TillUnderTest& till, const std::string& number) {
    auto db = testing::ReadDatabase(till.office.db);
    auto q = db.Prepare(
        "SELECT p.tender, p.amount_minor FROM payments p JOIN orders o ON o.id = p.order_id "
        "WHERE o.number = ? ORDER BY p.seq, p.position");
    REQUIRE(q);
    q->Bind(1, number);
    std::vector<std::string> payments;
    while (*q->Step())
        payments.push_back(fmt::format("{}:{}", q->Int64(0), q->Int64(1)));
    return payments;
}

}  // namespace

TEST_CASE(
    "the till's window sells for cash and for card and cash, and the office holds both sales") {
    testing::TillUnderTest till("till-sells");
    till.Pair();
    testing::XvfbDisplay display;
    const auto big = testing::TillArtefacts("sells-1920x1080");

    // Earl Grey 125 g (£6.50) and 250 g of Montgomery's Cheddar from the deli scale's label
    // (item 10001, 00250 g at £34.00/kg: £8.50); then Earl Grey and English breakfast (£4.95),
    // £5.00 by card and the rest in cash.
    const std::string two_sales = R"(# two sales at 1920x1080
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
scan 5060123450019
scan 2110001002502
expect-text "£15.00"
screenshot sale.png
tap "Pay"
tap "Cash"
type 20.00
screenshot tender.png
tap "Complete sale"
expect-text "Change £5.00"
screenshot change.png
tap "New sale"
scan 5060123450019
scan 5060456110017
expect-text "£11.45"
tap "Pay"
tap "Card"
type 5.00
tap "Add payment"
expect-text "£6.45"
tap "Cash"
type 10.00
screenshot split-tender.png
tap "Complete sale"
expect-text "Change £3.55"
wait-sync
tap "Status"
screenshot status.png
quit
)";
    REQUIRE(till.RunScript(two_sales, "1920x1080", big) == 0);
    for (const char* shot :
         {"sale.png", "tender.png", "change.png", "split-tender.png", "status.png"})
        CHECK_MESSAGE(std::filesystem::file_size(big / shot) > 10'000, shot);

    const OfficeSale first = SaleAtOffice(till, "S01-T1-000001");
    CHECK(first.total == 1500);
    CHECK(first.paid == 1500);
    CHECK(first.lines == 2);
    CHECK(PaymentsAtOffice(till, "S01-T1-000001") == std::vector<std::string>{"1:1500"});
    const OfficeSale second = SaleAtOffice(till, "S01-T1-000002");
    CHECK(second.total == 1145);
    CHECK(second.paid == 1145);
    CHECK(PaymentsAtOffice(till, "S01-T1-000002") == std::vector<std::string>{"2:500", "1:645"});

    // The same till at 1024x768, opened again from its journal: a sale, its tender, the status.
    const auto small = testing::TillArtefacts("sells-1024x768");
    const std::string third_sale = R"(# a third sale at 1024x768
login 1111
scan 5060456110017
expect-text "£4.95"
screenshot sale.png
tap "Pay"
tap "Cash"
type 5.00
screenshot tender.png
tap "Complete sale"
expect-text "Change £0.05"
wait-sync
tap "Status"
screenshot status.png
quit
)";
    REQUIRE(till.RunScript(third_sale, "1024x768", small) == 0);
    for (const char* shot : {"sale.png", "tender.png", "status.png"})
        CHECK_MESSAGE(std::filesystem::file_size(small / shot) > 10'000, shot);
    CHECK(SaleAtOffice(till, "S01-T1-000003").total == 495);

    // Every event of the till is at the office once, and both ledgers replay to their tables.
    auto till_db = testing::ReadDatabase(till.till_db);
    auto office_db = testing::ReadDatabase(till.office.db);
    const auto till_events = CountOf(till_db, "SELECT count(*) FROM ledger");
    CHECK(till_events == CountOf(office_db,
                                 "SELECT count(*) FROM ledger WHERE origin = "
                                 "'terminal:S01-T1'"));
    testing::CheckVerifies({till.till_db, till.office.db});
}

TEST_CASE(
    "the demo sale's script passes verbatim against the demo shop, and the office has the sale") {
    testing::TillUnderTest till("till-demo-script");
    till.Pair();
    testing::XvfbDisplay display;
    std::ifstream file(std::string(TILLBOOK_SOURCE_DIR) + "/assets/demo/till-demo-sale.script");
    REQUIRE(file);
    const std::string script((std::istreambuf_iterator<char>(file)),
                             std::istreambuf_iterator<char>());
    CHECK(script.find("login 1111\ntype 100.00\ntap \"Open shift\"\n") != std::string::npos);
    REQUIRE(till.RunScript(script, "1920x1080", {}) == 0);
    const OfficeSale sale = SaleAtOffice(till, "S01-T1-000001");
    CHECK(sale.total == 1145);
    CHECK(PaymentsAtOffice(till, "S01-T1-000001") == std::vector<std::string>{"1:1145"});
}

TEST_CASE("a script step that fails names its line and what the till's screen showed") {
    testing::TillUnderTest till("till-script-fails");
    till.Pair();
    testing::XvfbDisplay display;
    std::string log;
    CHECK(till.RunScript("login 1111\nexpect-text \"Open shift\"\ntap \"Pay now\"\nquit\n",
                         "1024x768", {}, &log) != 0);
    CHECK(log.find("line 3") != std::string::npos);
    CHECK(log.find("Open shift") != std::string::npos);  // what it saw instead
}
