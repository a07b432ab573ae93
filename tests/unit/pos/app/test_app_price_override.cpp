// A price changed at the till (issue 14, point 5): a cashier's always waits for a manager's PIN,
// a manager's is taken at once; the journalled line keeps the price it replaced, the sale names
// the approving manager, and a parked sale keeps the price but not the approval.
#include <doctest/doctest.h>

#include "app_till.hpp"
#include "tillbook/barcode/embedded_price.hpp"
#include "tillbook/ledger/verify.hpp"
#include "tillbook/pos/till_schema.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

namespace {

// A PIN typed into the approval prompt, checked on its own thread.
void ApproveWith(AppTill& till, const std::string& pin) {
    REQUIRE(till.View().approval.open);
    till.Do(SubmitApprovalPin{pin});
    REQUIRE(till.TickUntil([&] { return !till.View().approval.checking; }));
}

// The journalled sale's one line: its unit price and the price it was changed from (-1: none).
std::pair<std::int64_t, std::int64_t> JournalledPrice(AppTill& till) {
    return {till.Count("SELECT json_extract(payload, '$.order.lines[0].unit_price.minor') FROM "
                       "ledger WHERE kind = 1"),
            till.Count("SELECT coalesce(json_extract(payload, "
                       "'$.order.lines[0].price_overridden_from.minor'), -1) FROM ledger WHERE "
                       "kind = 1")};
}

}  // namespace

TEST_CASE(
    "issue 14: a cashier's price change waits for a manager's PIN, never a cashier's, and the "
    "sale records the old price and both staff ids") {
    AppTill till("app-price-cashier");
    till.SignInAndOpenShift("1111");  // zoë, a cashier
    const SaleView& sale = till.View().sale;
    till.Do(ScanCode{"5060123450019"});  // Earl Grey 125 g, 6.50
    const int line = sale.lines[0].line_no;

    till.Do(OverridePrice{line, "5.00"});
    const ApprovalView& approval = till.View().approval;
    REQUIRE(approval.open);
    CHECK(approval.what == "Price of Earl Grey loose leaf tea 125 g: £6.50 to £5.00");
    CHECK(approval.why == "A price changed at the till needs a manager");
    CHECK(sale.lines[0].unit_price_text == "£6.50");  // not until it is approved

    // Cancelled: nothing changes.
    till.Do(CancelApproval{});
    CHECK_FALSE(till.View().approval.open);
    CHECK(sale.lines[0].unit_price_text == "£6.50");
    CHECK(sale.lines[0].override_text.empty());

    // A cashier's PIN (jakub's, and her own) is refused; the manager's takes it.
    till.Do(OverridePrice{line, "5.00"});
    ApproveWith(till, "2222");
    CHECK(till.View().approval.open);
    CHECK(till.View().approval.message == "Not a manager's PIN");
    ApproveWith(till, "1111");
    CHECK(till.View().approval.message == "Not a manager's PIN");
    CHECK(sale.lines[0].unit_price_text == "£6.50");
    ApproveWith(till, "2468");  // tom, a manager
    CHECK_FALSE(till.View().approval.open);
    CHECK(sale.lines[0].unit_price_text == "£5.00");
    CHECK(sale.lines[0].override_text == "was £6.50");
    CHECK(sale.lines[0].total_text == "£5.00");
    CHECK(sale.total_text == "£5.00");
    CHECK(sale.message == "Price changed, approved by Tom Hughes");

    // Another of the same scanned now is at the catalogue's price, on a line of its own; taken
    // off again.
    till.Do(ScanCode{"5060123450019"});
    REQUIRE(sale.lines.size() == 2);
    CHECK(sale.lines[0].quantity_text == "1");
    CHECK(sale.lines[1].unit_price_text == "£6.50");
    CHECK(sale.lines[1].override_text.empty());
    till.Do(RemoveLine{sale.lines[1].line_no});
    REQUIRE(sale.lines.size() == 1);

    // Approved once, paid without asking again; the journal has the new price, the old one, the
    // cashier as actor and the manager as approver; the receipt gets the line as journalled.
    till.PayCash("5.00");
    REQUIRE(till.View().tender.completed);
    CHECK(JournalledPrice(till) == std::pair<std::int64_t, std::int64_t>{500, 650});
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 1 AND actor = 'staff-zoe' AND "
                     "approver = 'staff-tom'") == 1);
    CHECK(till.Count("SELECT unit_price_minor FROM order_lines") == 500);
    REQUIRE(till.devices.receipts.size() == 1);
    CHECK(till.devices.receipts[0].order.lines[0].price_overridden_from ==
          money::Money(650, money::Currency{"GBP", 2}));
    auto report = ledger::VerifyDatabase(till.till.db, till.till.dir.File("scratch.db"));
    REQUIRE(report);
    CHECK(report->Ok());
}

TEST_CASE("issue 14: a manager signed in changes a price with no prompt and no approver") {
    AppTill till("app-price-manager");
    till.SignInAndOpenShift("2468");
    const SaleView& sale = till.View().sale;
    till.Do(ScanCode{"5060123450019"});
    till.Do(OverridePrice{sale.lines[0].line_no, "7.25"});  // raising it is allowed too
    CHECK_FALSE(till.View().approval.open);
    CHECK(sale.lines[0].unit_price_text == "£7.25");
    CHECK(sale.lines[0].override_text == "was £6.50");
    CHECK(sale.message == "Price changed from £6.50");
    till.PayCash("10.00");
    REQUIRE(till.View().tender.completed);
    CHECK(JournalledPrice(till) == std::pair<std::int64_t, std::int64_t>{725, 650});
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 1 AND actor = 'staff-tom' AND "
                     "approver = ''") == 1);
}

TEST_CASE("issue 14: a price that is not a price, or is nothing or less, is refused plainly") {
    AppTill till("app-price-bad");
    till.SignInAndOpenShift("1111");
    const SaleView& sale = till.View().sale;
    till.Do(ScanCode{"5060123450019"});
    const int line = sale.lines[0].line_no;
    for (const char* text : {"0", "0.00", "-1.00", "abc", "4.999", "1e3", "4,50", "%", "10%"}) {
        CAPTURE(text);
        till.Do(OverridePrice{line, text});
        CHECK_FALSE(till.View().approval.open);
        CHECK(sale.message == "Type a price above nothing, like 4.50");
        CHECK(sale.lines[0].unit_price_text == "£6.50");
    }
    till.Do(OverridePrice{line, "100000.00"});
    CHECK(sale.message == "That price is too large for one line");
    CHECK_FALSE(till.View().approval.open);
    // Its own price is no change, and asks nobody.
    till.Do(OverridePrice{line, "6.50"});
    CHECK_FALSE(till.View().approval.open);
    CHECK(sale.message == "That is its price already: £6.50");
    till.Do(OverridePrice{line, ""});
    CHECK(sale.message == "Type the new price on the keypad, then Price");
    // A line that is not there: nothing happens.
    till.Do(OverridePrice{line + 7, "1.00"});
    CHECK_FALSE(till.View().approval.open);
}

TEST_CASE("issue 14: a changed price is taken back by typing the line's own price, asking nobody") {
    AppTill till("app-price-back");
    till.SignInAndOpenShift("1111");
    const SaleView& sale = till.View().sale;
    till.Do(ScanCode{"5060123450019"});
    const int line = sale.lines[0].line_no;
    till.Do(OverridePrice{line, "5.00"});
    ApproveWith(till, "2468");
    REQUIRE(sale.lines[0].unit_price_text == "£5.00");
    till.Do(OverridePrice{line, "6.50"});
    CHECK_FALSE(till.View().approval.open);
    CHECK(sale.lines[0].unit_price_text == "£6.50");
    CHECK(sale.lines[0].override_text.empty());
    CHECK(sale.message == "Price back to £6.50");
    till.PayCash("6.50");
    REQUIRE(till.View().tender.completed);
    CHECK(JournalledPrice(till) == std::pair<std::int64_t, std::int64_t>{650, -1});
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 1 AND approver = ''") == 1);
}

TEST_CASE("issue 14: weighed goods change their price per kg, a priced label its label's price") {
    AppTill till("app-price-labels");
    testing::RegisterBaguetteLabel(till.till.db);
    const auto layouts = barcode::DefaultEmbeddedLayouts();
    till.SignInAndOpenShift("2468");
    auto cheese = barcode::EncodeEmbedded(layouts[1], "10001", 250);  // 250 g at 34.00/kg
    REQUIRE(cheese);
    till.Do(ScanCode{*cheese});
    auto bread = barcode::EncodeEmbedded(layouts[0], "00042", 325);  // £3.25 on the label
    REQUIRE(bread);
    till.Do(ScanCode{*bread});
    const SaleView& sale = till.View().sale;
    REQUIRE(sale.lines.size() == 2);
    till.Do(OverridePrice{sale.lines[0].line_no, "30.00"});
    CHECK(sale.lines[0].unit_price_text == "£30.00/kg");
    CHECK(sale.lines[0].override_text == "was £34.00");
    CHECK(sale.lines[0].total_text == "£7.50");
    till.Do(OverridePrice{sale.lines[1].line_no, "2.00"});
    CHECK(sale.lines[1].unit_price_text == "£2.00");
    CHECK(sale.lines[1].override_text == "was £3.25");
    CHECK(sale.lines[1].quantity_text == "1");
    CHECK(sale.total_text == "£9.50");
}

TEST_CASE(
    "issue 14: a parked sale keeps its changed price across a restart, and the recalled sale is "
    "approved again at Pay") {
    AppTill till("app-price-parked");
    till.SignInAndOpenShift("1111");
    till.Do(ScanCode{"5060123450019"});
    till.Do(ScanCode{"5060456110017"});  // 4.95, left alone
    till.Do(OverridePrice{till.View().sale.lines[0].line_no, "5.00"});
    ApproveWith(till, "2468");
    REQUIRE(till.View().sale.total_text == "£9.95");
    till.Do(ParkSale{});
    REQUIRE(till.View().sale.parked.size() == 1);
    CHECK(till.Count("SELECT count(*) FROM parked_sales WHERE json_extract(cart, "
                     "'$.lines[0].price_override') = 500 AND json_extract(cart, "
                     "'$.lines[1].price_override') IS NULL") == 1);
    till.app.reset();  // the till closes

    // A new TillApp on the same file, as after a restart; the catalogue's price moved meanwhile.
    auto db = pos::OpenTillDatabase(till.till.db.Path());
    REQUIRE(db);
    REQUIRE(
        db->Exec("UPDATE skus SET price_minor = 695 WHERE code = "
                 "(SELECT sku FROM barcodes WHERE barcode = '5060123450019')"));
    auto reopened = TillApp::Open(*db, till.till.clock, till.till.ids, till.reports, till.devices,
                                  till.sync, {});
    REQUIRE(reopened);
    till.app = std::move(*reopened);
    till.WaitForCatalogue();
    till.SignInAndOpenShift("2222");  // jakub, another cashier
    const SaleView& sale = till.View().sale;
    REQUIRE(sale.parked.size() == 1);
    till.Do(RecallSale{sale.parked[0].id});
    REQUIRE(sale.lines.size() == 2);
    CHECK(sale.message == "Sale recalled");  // the agreed price is not a price that changed
    CHECK(sale.lines[0].unit_price_text == "£5.00");
    CHECK(sale.lines[0].override_text == "was £6.95");
    CHECK(sale.total_text == "£9.95");

    // The approval was not kept with the parked sale: asked again, cancelled, asked again.
    till.Do(StartTender{});
    REQUIRE(till.View().approval.open);
    CHECK(till.View().approval.what == "Pay £9.95 with prices changed at the till");
    CHECK(till.View().approval.why == "A price changed at the till needs a manager");
    till.Do(CancelApproval{});
    CHECK(till.View().screen == Screen::kSale);
    till.Do(StartTender{});
    ApproveWith(till, "2222");
    CHECK(till.View().approval.message == "Not a manager's PIN");
    ApproveWith(till, "2468");
    REQUIRE(till.View().screen == Screen::kTender);
    till.Do(ChooseTender{TenderKind::kCash});
    till.Do(CompleteSale{"10.00", "", true});
    REQUIRE(till.View().tender.completed);
    CHECK(*db->QueryInt64("SELECT count(*) FROM ledger WHERE kind = 1 AND actor = 'staff-jakub' "
                          "AND approver = 'staff-tom'") == 1);
    CHECK(*db->QueryInt64("SELECT json_extract(payload, "
                          "'$.order.lines[0].price_overridden_from.minor') FROM ledger WHERE "
                          "kind = 1") == 695);
    till.app.reset();
}

TEST_CASE(
    "issue 14: with a price and a discount approved by two managers, the sale names the price's") {
    AppTill till("app-price-two-managers");
    // A second manager, with her own PIN.
    auto q = till.till.db.Prepare(
        "INSERT INTO staff (id, username, display_name, role, password_hash, pin_hash, active) "
        "VALUES ('staff-aoife', 'aoife', 'Aoife Byrne', ?, '', ?, 1)");
    REQUIRE(q);
    REQUIRE(q->Bind(1, static_cast<std::int64_t>(staff::Role::kManager))
                .Bind(2, testing::CheapPinHash("1357"))
                .Run());
    till.SignInAndOpenShift("1111");
    const SaleView& sale = till.View().sale;
    till.Do(ScanCode{"5060123450019"});
    till.Do(DiscountLine{sale.lines[0].line_no, "50%"});
    ApproveWith(till, "1357");  // aoife approves the discount
    till.Do(OverridePrice{sale.lines[0].line_no, "6.00"});
    ApproveWith(till, "2468");  // tom approves the price
    CHECK(sale.total_text == "£3.00");
    till.PayCash("3.00");
    REQUIRE(till.View().tender.completed);
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 1 AND actor = 'staff-zoe' AND "
                     "approver = 'staff-tom'") == 1);
}
