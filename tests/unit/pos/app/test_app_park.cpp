#include <doctest/doctest.h>

#include "app_till.hpp"
#include "tillbook/barcode/embedded_price.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/pos/till_schema.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

namespace {

// What a cashier sees of a cart, line by line, and its totals.
std::vector<std::string> Shown(const SaleView& sale) {
    std::vector<std::string> shown;
    for (const CartLineView& line : sale.lines)
        shown.push_back(line.description + " | " + line.quantity_text + " | " +
                        line.unit_price_text + " | " + line.discount_text + " | " +
                        line.total_text);
    shown.push_back(sale.items_text + " | " + sale.subtotal_text + " | " +
                    sale.order_discount_text + " | " + sale.vat_text + " | " + sale.total_text);
    return shown;
}

// Earl Grey x2 with 10% off, breakfast tea bags, 250 g of weighed cheese from its label, a
// price-embedded baguette, and £1.00 off the sale.
void RingUpMixedCart(AppTill& till) {
    testing::RegisterBaguetteLabel(till.till.db);
    const auto layouts = barcode::DefaultEmbeddedLayouts();
    till.Do(ScanCode{"5060123450019"});
    till.Do(ScanCode{"5060123450019"});
    till.Do(DiscountLine{till.View().sale.lines[0].line_no, "10%"});
    till.Do(ScanCode{"5060456110017"});
    auto cheese = barcode::EncodeEmbedded(layouts[1], "10001", 250);
    REQUIRE(cheese);
    till.Do(ScanCode{*cheese});
    auto bread = barcode::EncodeEmbedded(layouts[0], "00042", 325);
    REQUIRE(bread);
    till.Do(ScanCode{*bread});
    till.Do(DiscountOrder{"1.00"});
    REQUIRE(till.View().sale.lines.size() == 4);
    REQUIRE(till.View().sale.message.empty());
}

}  // namespace

TEST_CASE("a parked sale comes back as it was: lines, quantities, a weighed line and discounts") {
    AppTill till("app-park-round-trip");
    till.SignInAndOpenShift();
    CHECK(till.View().sale.parked.empty());
    CHECK_FALSE(till.View().sale.can_park);
    RingUpMixedCart(till);
    CHECK(till.View().sale.can_park);
    const auto before = Shown(till.View().sale);
    const std::int64_t events = till.Count("SELECT count(*) FROM ledger");

    till.Do(ParkSale{});
    const SaleView& sale = till.View().sale;
    CHECK(sale.lines.empty());
    CHECK_FALSE(sale.can_pay);
    CHECK_FALSE(sale.can_park);
    REQUIRE(sale.parked.size() == 1);
    CHECK(sale.parked[0].label == "5 items, " + before.back().substr(before.back().rfind(' ') + 1) +
                                      ", parked 08:26 by Zoë");
    CHECK(sale.message == "Parked: " + sale.parked[0].label);
    CHECK(till.Count("SELECT count(*) FROM parked_sales") == 1);
    CHECK(till.Count("SELECT count(*) FROM ledger") == events);  // not an event, not money

    till.Do(RecallSale{sale.parked[0].id});
    CHECK(Shown(till.View().sale) == before);
    CHECK(sale.message == "Sale recalled");
    CHECK(sale.parked.empty());
    CHECK(till.Count("SELECT count(*) FROM parked_sales") == 0);

    // And it sells as it would have before it was parked.
    till.PayCash("50.00");
    REQUIRE(till.View().tender.completed);
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 1") == 1);
    auto report = ledger::VerifyDatabase(till.till.db, till.till.dir.File("scratch.db"));
    REQUIRE(report);
    CHECK(report->Ok());
}

TEST_CASE("an empty cart is not parked, and a parked sale is not recalled over an open one") {
    AppTill till("app-park-refused");
    till.SignInAndOpenShift();
    till.Do(ParkSale{});
    CHECK(till.View().sale.message == "Nothing to park: the cart is empty");
    CHECK(till.Count("SELECT count(*) FROM parked_sales") == 0);

    till.Do(ScanCode{"5060123450019"});
    till.Do(ParkSale{});
    REQUIRE(till.View().sale.parked.size() == 1);
    const std::int64_t id = till.View().sale.parked[0].id;
    till.Do(ScanCode{"5060456110017"});
    till.Do(RecallSale{id});
    CHECK(till.View().sale.message == "Park or finish this sale first");
    REQUIRE(till.View().sale.lines.size() == 1);
    CHECK(till.View().sale.lines[0].description == "English breakfast tea bags 40 bags");
    CHECK(till.Count("SELECT count(*) FROM parked_sales") == 1);
}

TEST_CASE("a sale is not parked once payments are taken at the tender screen") {
    AppTill till("app-park-tender");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(StartTender{});
    till.Do(ChooseTender{TenderKind::kCash});
    till.Do(AddPayment{"2.00", ""});
    REQUIRE(till.View().tender.payments.size() == 1);
    till.Do(ParkSale{});
    CHECK(till.View().screen == Screen::kTender);
    CHECK(till.View().tender.message == "Payments taken: complete the sale or remove them first");
    CHECK(till.Count("SELECT count(*) FROM parked_sales") == 0);
    // With the payment removed, parking goes back to an empty sale screen.
    till.Do(RemovePayment{0});
    till.Do(ParkSale{});
    CHECK(till.View().screen == Screen::kSale);
    CHECK(till.View().sale.lines.empty());
    CHECK(till.View().sale.parked.size() == 1);
}

TEST_CASE("a parked sale survives closing the till and is recalled once, after a restart") {
    AppTill till("app-park-restart");
    till.SignInAndOpenShift();
    RingUpMixedCart(till);
    const auto before = Shown(till.View().sale);
    till.Do(ParkSale{});
    till.app.reset();  // the till closes

    // A new connection and a new TillApp on the same file, as after a restart.
    auto db = pos::OpenTillDatabase(till.till.db.Path());
    REQUIRE(db);
    auto reopened = TillApp::Open(*db, till.till.clock, till.till.ids, till.reports, till.devices,
                                  till.sync, {});
    REQUIRE(reopened);
    till.app = std::move(*reopened);
    till.WaitForCatalogue();
    till.SignInAndOpenShift("2222");
    const SaleView& sale = till.View().sale;
    REQUIRE(sale.parked.size() == 1);
    CHECK(sale.parked[0].label.ends_with("by Zoë"));
    const std::int64_t id = sale.parked[0].id;
    till.Do(RecallSale{id});
    CHECK(Shown(sale) == before);
    CHECK(*db->QueryInt64("SELECT count(*) FROM parked_sales") == 0);

    // The row went with the recall: the same id again finds nothing.
    till.Do(ClearSale{});
    till.Do(RecallSale{id});
    CHECK(sale.message == "That sale is no longer parked");
    CHECK(sale.lines.empty());
    till.app.reset();
}

TEST_CASE(
    "a recalled sale is priced as the catalogue is now, naming the lines whose price changed") {
    AppTill till("app-park-reprice");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(ScanCode{"5060456110017"});
    till.Do(ParkSale{});
    REQUIRE(till.View().sale.parked.size() == 1);
    REQUIRE(
        till.till.db.Exec("UPDATE skus SET price_minor = 695 WHERE code = "
                          "(SELECT sku FROM barcodes WHERE barcode = '5060123450019')"));
    till.Do(RecallSale{till.View().sale.parked[0].id});
    const SaleView& sale = till.View().sale;
    REQUIRE(sale.lines.size() == 2);
    CHECK(sale.lines[0].unit_price_text == "£6.95");
    CHECK(sale.total_text == "£11.90");
    CHECK(sale.message ==
          "Price changed since parked: Earl Grey loose leaf tea 125 g £6.50 to £6.95");
}

TEST_CASE("parking and recalling write no ledger event and the projections still rebuild") {
    AppTill till("app-park-ledger");
    till.SignInAndOpenShift();
    const std::int64_t events = till.Count("SELECT count(*) FROM ledger");
    for (int i = 0; i < 3; ++i) {
        till.Do(ScanCode{"5060123450019"});
        till.Do(ParkSale{});
    }
    REQUIRE(till.View().sale.parked.size() == 3);
    till.Do(RecallSale{till.View().sale.parked[1].id});
    CHECK(till.View().sale.parked.size() == 2);
    CHECK(till.Count("SELECT count(*) FROM ledger") == events);
    CHECK(till.Count("SELECT count(*) FROM orders") == 0);
    auto report = ledger::VerifyDatabase(till.till.db, till.till.dir.File("scratch.db"));
    REQUIRE(report);
    CHECK(report->Ok());
}
