#include <doctest/doctest.h>

#include "app_till.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

namespace {

// A discount beyond the cashier's limits opens a manager's approval saying why; cancelled, the
// cart is as it was.
void RefusedWithoutManager(AppTill& till, const std::string& why) {
    const ApprovalView& approval = till.View().approval;
    CHECK(approval.open);
    CHECK(approval.why == why);
    till.Do(CancelApproval{});
    CHECK_FALSE(till.View().approval.open);
}

// A PIN typed into the approval prompt, checked on its own thread.
void ApproveWith(AppTill& till, const std::string& pin) {
    REQUIRE(till.View().approval.open);
    till.Do(SubmitApprovalPin{pin});
    REQUIRE(till.TickUntil([&] { return !till.View().approval.checking; }));
}

}  // namespace

TEST_CASE("a cashier's discounts within the limits are taken, beyond them need a manager") {
    AppTill till("app-discount-cashier");
    till.SignInAndOpenShift("1111");
    const SaleView& sale = till.View().sale;
    CHECK(sale.discount_limit_text == "Discounts up to 20% or £10.00");
    till.Do(ScanCode{"5060123450019"});  // 6.50
    const int line = sale.lines[0].line_no;

    till.Do(DiscountLine{line, "10%"});
    CHECK(sale.message.empty());
    CHECK(sale.lines[0].discount_text == "-£0.65 (10%)");
    CHECK(sale.lines[0].total_text == "£5.85");
    CHECK(sale.total_text == "£5.85");

    till.Do(DiscountLine{line, "25%"});
    CHECK(till.View().approval.what == "Discount 25%");
    RefusedWithoutManager(till, "Discount above 20% needs a manager");
    CHECK(sale.lines[0].discount_text == "-£0.65 (10%)");  // unchanged

    till.Do(DiscountLine{line, "1.30"});  // exactly 20% of 6.50
    CHECK(sale.message.empty());
    CHECK(sale.lines[0].discount_text == "-£1.30");
    till.Do(DiscountLine{line, "1.31"});
    RefusedWithoutManager(till, "Discount above 20% needs a manager");
    CHECK(sale.lines[0].discount_text == "-£1.30");

    till.Do(DiscountLine{line, "ten"});
    CHECK(sale.message == "Type a discount like 1.50 or 10%");
    till.Do(DiscountLine{line, "-1.00"});
    CHECK(sale.message == "Type a discount like 1.50 or 10%");

    // The amount limit is on all the sale's discounts together: 1.30 + 15% of 63.70 is 10.86.
    till.Do(SetQuantity{line, "10"});  // 65.00, less 1.30
    till.Do(DiscountOrder{"15%"});
    RefusedWithoutManager(till, "Discount above £10.00 needs a manager");
    CHECK(sale.order_discount_text.empty());
    till.Do(DiscountOrder{"5.00"});
    CHECK(sale.message.empty());
    CHECK(sale.order_discount_text == "-£5.00");
    CHECK(sale.subtotal_text == "£63.70");
    CHECK(sale.total_text == "£58.70");
}

TEST_CASE("a manager signed in is not limited, and the sale carries each line's discount") {
    AppTill till("app-discount-manager");
    till.SignInAndOpenShift("2468");
    const SaleView& sale = till.View().sale;
    CHECK(sale.discount_limit_text.empty());
    till.Do(ScanCode{"5060123450019"});
    till.Do(DiscountLine{sale.lines[0].line_no, "50%"});
    CHECK(sale.message.empty());
    CHECK(sale.total_text == "£3.25");
    till.PayCash("3.25");
    REQUIRE(till.View().tender.completed);
    CHECK(till.Count("SELECT discount_minor FROM order_lines") == 325);
    CHECK(till.Count("SELECT total_minor FROM orders") == 325);
}

TEST_CASE("the office's settings set the cashier's limits") {
    AppTill till("app-discount-settings");
    REQUIRE(store::PutSetting(till.till.db, "till.discount_limit_percent", "5"));
    REQUIRE(store::PutSetting(till.till.db, "till.discount_limit_amount", "2.50"));
    SyncReport pulled;
    pulled.online = true;
    pulled.reference_data_changed = true;
    till.Post(pulled);
    till.SignInAndOpenShift("1111");
    CHECK(till.View().sale.discount_limit_text == "Discounts up to 5% or £2.50");
    till.Do(ScanCode{"5060123450019"});
    till.Do(DiscountLine{till.View().sale.lines[0].line_no, "10%"});
    RefusedWithoutManager(till, "Discount above 5% needs a manager");
}

TEST_CASE(
    "issue 14: a discount beyond the cashier's limits is taken with a manager's PIN, never a "
    "cashier's, and the sale records both staff ids") {
    AppTill till("app-discount-approved");
    till.SignInAndOpenShift("1111");
    const SaleView& sale = till.View().sale;
    till.Do(ScanCode{"5060123450019"});  // 6.50
    till.Do(DiscountLine{sale.lines[0].line_no, "50%"});
    ApproveWith(till, "2222");  // jakub, a cashier
    CHECK(till.View().approval.open);
    CHECK(till.View().approval.message == "Not a manager's PIN");
    CHECK(sale.lines[0].discount_text.empty());
    // While the prompt is open nothing else acts: a scan is not taken.
    till.Do(ScanCode{"5060456110017"});
    CHECK(sale.lines.size() == 1);
    ApproveWith(till, "2468");  // tom, a manager
    CHECK_FALSE(till.View().approval.open);
    CHECK(sale.lines[0].discount_text == "-£3.25 (50%)");
    CHECK(sale.message == "Discount approved by Tom Hughes");
    till.PayCash("3.25");
    REQUIRE(till.View().tender.completed);
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 1 AND actor = 'staff-zoe' AND "
                     "approver = 'staff-tom'") == 1);
}

TEST_CASE(
    "issue 14: a sale within the limits records no approver, and a parked sale's approved "
    "discount is approved again before it is paid") {
    AppTill till("app-discount-recalled");
    till.SignInAndOpenShift("1111");
    const SaleView& sale = till.View().sale;
    till.Do(ScanCode{"5060123450019"});
    till.Do(DiscountLine{sale.lines[0].line_no, "50%"});
    ApproveWith(till, "2468");
    REQUIRE(sale.lines[0].discount_text == "-£3.25 (50%)");
    till.Do(ParkSale{});
    REQUIRE(sale.parked.size() == 1);
    till.Do(RecallSale{sale.parked[0].id});
    REQUIRE(sale.lines.size() == 1);
    till.Do(StartTender{});
    CHECK(till.View().approval.open);
    CHECK(till.View().approval.why == "Discount above 20% needs a manager");
    CHECK(till.View().screen == Screen::kSale);
    ApproveWith(till, "2468");
    CHECK(till.View().screen == Screen::kTender);
    till.Do(BackToSale{});
    till.Do(DiscountLine{sale.lines[0].line_no, "10%"});  // within the limits now
    till.PayCash("5.85");
    REQUIRE(till.View().tender.completed);
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 1 AND approver = ''") == 1);
}

TEST_CASE("an order discount is spread over the lines to the penny and journalled on them") {
    AppTill till("app-discount-spread");
    till.SignInAndOpenShift("2468");
    till.Do(ScanCode{"5060123450019"});  // 6.50
    till.Do(ScanCode{"5060456110017"});  // 4.95
    till.Do(ScanCode{"5060912340101"});  // 2.95
    till.Do(DiscountOrder{"1.00"});      // 14.40 - 1.00
    const SaleView& sale = till.View().sale;
    CHECK(sale.order_discount_text == "-£1.00");
    CHECK(sale.total_text == "£13.40");
    till.PayCash("13.40");
    REQUIRE(till.View().tender.completed);
    // 100p x 650/1440 = 45.14, x 495/1440 = 34.38, x 295/1440 = 20.49: floors 45 + 34 + 20 = 99,
    // the last penny to the largest remainder (0.49, line 3).
    auto q = till.till.db.Prepare("SELECT discount_minor FROM order_lines ORDER BY line_no");
    REQUIRE(q);
    std::vector<std::int64_t> discounts;
    while (*q->Step())
        discounts.push_back(q->Int64(0));
    CHECK(discounts == std::vector<std::int64_t>{45, 34, 21});
    CHECK(till.Count("SELECT total_minor FROM orders") == 1340);
}

TEST_CASE("a sale a manager discounted to nothing completes with no payment") {
    AppTill till("app-discount-free");
    till.SignInAndOpenShift("2468");
    till.Do(ScanCode{"5060123450019"});
    till.Do(DiscountOrder{"100%"});
    CHECK(till.View().sale.total_text == "£0.00");
    till.Do(StartTender{});
    REQUIRE(till.View().screen == Screen::kTender);
    CHECK(till.View().tender.can_complete);
    till.Do(CompleteSale{"", "", false});
    REQUIRE(till.View().tender.completed);
    CHECK(till.Count("SELECT total_minor FROM orders") == 0);
    CHECK(till.Count("SELECT count(*) FROM payments") == 0);
    CHECK(till.devices.calls.empty());
}

TEST_CASE(
    "issue 14: back from the tender with a payment taken, the payment stays, and a line voided "
    "then "
    "needs a manager, who the sale records") {
    AppTill till("app-void-after-payment");
    till.SignInAndOpenShift("1111");
    const SaleView& sale = till.View().sale;
    till.Do(ScanCode{"5060123450019"});  // 6.50
    till.Do(ScanCode{"5060456110017"});  // 4.95
    till.Do(StartTender{});
    till.Do(ChooseTender{TenderKind::kCash});
    till.Do(AddPayment{"5.00", ""});
    REQUIRE(till.View().tender.payments.size() == 1);
    till.Do(BackToSale{});
    REQUIRE(till.View().screen == Screen::kSale);
    CHECK(sale.message == "£5.00 already paid: Pay to finish the sale");
    till.Do(ClearSale{});
    CHECK(sale.lines.size() == 2);
    CHECK(sale.message == "Payments are taken: remove them on the Pay screen first");

    const int tea = sale.lines[0].line_no;
    till.Do(RemoveLine{tea});
    CHECK(till.View().approval.open);
    CHECK(till.View().approval.what == "Void a line after payment started");
    till.Do(CancelApproval{});
    CHECK(sale.lines.size() == 2);
    till.Do(RemoveLine{tea});
    ApproveWith(till, "2468");
    REQUIRE(sale.lines.size() == 1);
    CHECK(sale.total_text == "£4.95");

    till.Do(StartTender{});
    REQUIRE(till.View().tender.payments.size() == 1);  // the £5.00 is still there
    CHECK(till.View().tender.payments[0].amount_text == "£5.00");
    till.Do(CompleteSale{"", "", false});
    REQUIRE(till.View().tender.completed);
    CHECK(till.View().tender.change_text == "Change £0.05");
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 1 AND actor = 'staff-zoe' AND "
                     "approver = 'staff-tom'") == 1);
}
