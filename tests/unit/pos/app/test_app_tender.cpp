#include <doctest/doctest.h>

#include "app_till.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/ledger/verify.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

namespace {

// The payments of the one OrderPlaced in the journal.
std::vector<orders::Payment> JournalledPayments(store::Database& db) {
    std::vector<orders::Payment> payments;
    int placed = 0;
    ledger::Ledger ledger(db);
    REQUIRE(ledger.ForEach([&](std::int64_t, const ledger::Event& event) -> Status {
        if (const auto* sale = std::get_if<ledger::OrderPlaced>(&event.payload)) {
            ++placed;
            payments = sale->payments;
        }
        return {};
    }));
    CHECK(placed == 1);
    return payments;
}

}  // namespace

TEST_CASE("the demo pair paid with 20.00 gives Change £8.55, journalled before the drawer opens") {
    AppTill till("app-change");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(ScanCode{"5060456110017"});
    CHECK(till.View().sale.total_text == "£11.45");
    till.Do(StartTender{});
    REQUIRE(till.View().screen == Screen::kTender);
    const TenderView& tender = till.View().tender;
    CHECK(tender.due_text == "£11.45");
    CHECK_FALSE(tender.entering);
    const auto generation = tender.entry_generation;
    till.Do(ChooseTender{TenderKind::kCash});
    CHECK(tender.entering == TenderKind::kCash);
    CHECK(tender.entry_generation != generation);
    CHECK(tender.amount_prefill == "11.45");
    CHECK(tender.quick_amounts == std::vector<std::string>{"11.45", "15.00", "20.00", "50.00"});
    CHECK(tender.can_complete);
    CHECK(till.devices.calls.empty());

    till.Do(CompleteSale{"20.00", "", true});
    REQUIRE(tender.completed);
    CHECK(tender.change_text == "Change £8.55");
    CHECK(tender.receipt_text == "Receipt printing");
    // The drawer and the printer were asked only after the sale was in the journal.
    REQUIRE(till.devices.calls == std::vector<std::string>{"kick", "print"});
    CHECK(till.devices.sales_when_called == std::vector<std::int64_t>{1, 1});
    CHECK(till.sync.nudges == 1);
    const auto payments = JournalledPayments(till.till.db);
    REQUIRE(payments.size() == 1);
    CHECK(payments[0].amount.Minor() == 1145);
    CHECK(payments[0].tendered.Minor() == 2000);
    CHECK_FALSE(payments[0].shift_id.empty());
    REQUIRE(till.devices.receipts.size() == 1);
    CHECK(till.devices.receipts[0].order.number == "S01-T1-000001");
    CHECK(till.devices.receipts[0].cashier == "Zoë Clarke");
    CHECK_FALSE(till.devices.receipts[0].copy);
    CHECK(till.View().status_bar.unsent == 2);  // the shift and the sale

    till.Do(NewSale{});
    CHECK(till.View().screen == Screen::kSale);
    CHECK(till.View().sale.lines.empty());
}

TEST_CASE("a sale split over card and cash is one OrderPlaced with both payments") {
    AppTill till("app-split");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(ScanCode{"5060456110017"});
    till.Do(StartTender{});
    const TenderView& tender = till.View().tender;

    till.Do(ChooseTender{TenderKind::kCard});
    CHECK(tender.amount_prefill == "11.45");
    CHECK(tender.quick_amounts.empty());
    till.Do(AddPayment{"12.00", "4821"});  // a card takes at most what is due
    CHECK(tender.message == "A card payment can be at most the £11.45 still due");
    CHECK(tender.payments.empty());
    till.Do(AddPayment{"5.00", "4821"});
    REQUIRE(tender.payments.size() == 1);
    CHECK(tender.payments[0].tender_text == "Card ref 4821");
    CHECK(tender.payments[0].amount_text == "£5.00");
    CHECK(tender.remaining_text == "£6.45");
    CHECK(tender.message == "£6.45 still due");
    CHECK_FALSE(tender.can_complete);
    till.Do(CompleteSale{"", "", true});
    CHECK_FALSE(tender.completed);
    CHECK(tender.message == "£6.45 still due");

    till.Do(ChooseTender{TenderKind::kCash});
    CHECK(tender.amount_prefill == "6.45");
    CHECK(tender.quick_amounts == std::vector<std::string>{"6.45", "10.00", "20.00", "50.00"});
    till.Do(CompleteSale{"10.00", "", true});
    REQUIRE(tender.completed);
    CHECK(tender.change_text == "Change £3.55");
    const auto payments = JournalledPayments(till.till.db);
    REQUIRE(payments.size() == 2);
    CHECK(payments[0].tender == orders::Tender::kCard);
    CHECK(payments[0].amount.Minor() == 500);
    CHECK(payments[0].reference == "4821");
    CHECK(payments[1].tender == orders::Tender::kCash);
    CHECK(payments[1].amount.Minor() == 645);
    CHECK(payments[1].tendered.Minor() == 1000);
    CHECK(till.Count("SELECT paid_minor FROM orders") == 1145);
}

TEST_CASE("a card-only sale with no receipt neither opens the drawer nor prints") {
    AppTill till("app-card-only");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(StartTender{});
    till.Do(ChooseTender{TenderKind::kCard});
    till.Do(CompleteSale{"6.50", "7731", false});
    REQUIRE(till.View().tender.completed);
    CHECK(till.View().tender.change_text.empty());
    CHECK(till.View().tender.receipt_text == "No receipt");
    CHECK(till.devices.calls.empty());
    CHECK(till.View().can_reprint_last);
    till.Do(ReprintLast{});
    CHECK(till.devices.calls == std::vector<std::string>{"print"});
}

TEST_CASE("cash above what is due must be the last payment, and a bad amount is explained") {
    AppTill till("app-cash-rules");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(StartTender{});
    till.Do(ChooseTender{TenderKind::kCash});
    till.Do(AddPayment{"twenty", ""});
    CHECK(till.View().tender.message == "Type an amount like 6.50");
    till.Do(AddPayment{"20.00", ""});
    CHECK(till.View().tender.can_complete);
    till.Do(ChooseTender{TenderKind::kCard});
    till.Do(AddPayment{"1.00", "1"});
    CHECK(till.View().tender.payments.size() == 1);  // already paid
    CHECK(till.View().tender.amount_prefill == "0.00");
    till.Do(RemovePayment{0});
    CHECK(till.View().tender.payments.empty());
    till.Do(BackToSale{});
    CHECK(till.View().screen == Screen::kSale);
    CHECK(till.Count("SELECT count(*) FROM orders") == 0);
}

TEST_CASE("after sales, replaying the ledger rebuilds the same projections") {
    AppTill till("app-verify");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(DiscountLine{till.View().sale.lines[0].line_no, "10%"});
    till.PayCash("10.00");
    till.Do(NewSale{});
    till.Do(ScanCode{"5060456110017"});
    till.Do(ScanCode{"5060912340101"});
    till.Do(DiscountOrder{"0.50"});
    till.Do(StartTender{});
    till.Do(ChooseTender{TenderKind::kCard});
    till.Do(AddPayment{"3.00", "99"});
    till.Do(ChooseTender{TenderKind::kCash});
    till.Do(CompleteSale{"5.00", "", true});
    REQUIRE(till.View().tender.completed);
    auto report = ledger::VerifyDatabase(till.till.db, till.till.dir.File("scratch.db"));
    REQUIRE(report);
    CHECK(report->Ok());
}

TEST_CASE("a sale already covered completes whatever the amount field still shows") {
    AppTill till("app-covered");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(StartTender{});
    till.Do(ChooseTender{TenderKind::kCard});
    till.Do(AddPayment{"6.50", "1234"});
    till.Do(ChooseTender{TenderKind::kCash});  // tapped by mistake: the field shows 0.00
    CHECK(till.View().tender.amount_prefill == "0.00");
    CHECK(till.View().tender.quick_amounts.empty());
    till.Do(CompleteSale{"0.00", "", true});
    REQUIRE(till.View().tender.completed);
    CHECK(till.View().tender.change_text.empty());
    CHECK(till.devices.calls ==
          std::vector<std::string>{"print"});  // no cash: the drawer stays shut
}
