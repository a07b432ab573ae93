// The returns desk with the till's own sales and with orders only the office holds (a fake
// SyncPort answers for the office; the till's database and journal are real).
#include <doctest/doctest.h>

#include "returns_till.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/queries/order_detail.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::ReturnsTill;

namespace {

constexpr int kReturnReceived = 7;
constexpr int kRefundIssued = 8;

// An online order as the office's lookup answers it: delivered, three lines, one returned before.
queries::OrderDetail ShopifyOrder() {
    queries::OrderDetail order;
    order.id = "0190f000-0000-7000-8000-000000001042";
    order.channel = "shopify";
    order.number = "#1042";
    order.currency = "GBP";
    order.total_minor = 2400;
    order.paid_minor = 2400;
    order.status = orders::OrderStatus::kDelivered;
    order.lines = {{1, orders::LineKind::kGoods, "TEA-EARL-125G", "Earl Grey loose leaf tea 125 g",
                    2000, 650, 0, 1300, 0, 1000},
                   {2, orders::LineKind::kGoods, "TEA-ENGB-40BAGS", "English breakfast tea bags",
                    1000, 495, 0, 495, 0, 0},
                   {3, orders::LineKind::kShipping, "", "Shipping", 1000, 605, 0, 605, 0, 0}};
    return order;
}

}  // namespace

TEST_CASE(
    "an own sale found by its number: two of three lines back, one to stock, one damaged, "
    "refunded in cash, the drawer opening only after the journal holds the refund") {
    ReturnsTill till("returns-own");
    const std::int64_t earl_before = till.till.OnHand("TEA-EARL-125G");
    const std::int64_t breakfast_before = till.till.OnHand("TEA-ENGB-40BAGS");
    till.Do(FindOrder{" S01-T1-000001 "});
    const ReturnsView& desk = till.Desk();
    REQUIRE(desk.step == ReturnsStep::kOrder);
    CHECK(desk.order_number == "S01-T1-000001");
    CHECK(desk.own_sale);
    CHECK(desk.order_text.starts_with("Shop S01, "));
    CHECK(desk.order_text.ends_with(", £29.45"));
    REQUIRE(desk.lines.size() == 3);
    CHECK(desk.lines[0].sold_text == "2");
    CHECK(desk.lines[0].returned_text.empty());
    CHECK_FALSE(desk.can_refund);      // nothing chosen yet
    CHECK(till.sync.lookups.empty());  // its own journal knew it

    const int earl = till.LineNo("Earl Grey loose leaf tea 125 g");
    const int breakfast = till.LineNo("English breakfast");
    till.Do(SelectReturnLine{earl});  // one of the two comes back
    CHECK(desk.lines[0].back_text == "1");
    CHECK(desk.lines[0].value_text == "£6.50");
    CHECK(desk.selected_text == "Earl Grey loose leaf tea 125 g: 1 of 2 back");
    REQUIRE(desk.conditions.size() == 3);
    CHECK(desk.conditions[0].label == "Back to stock");
    CHECK(desk.conditions[0].chosen);
    till.Do(SelectReturnLine{breakfast});
    till.Do(ChooseReturnReason{breakfast, static_cast<int>(orders::ReturnReason::kFaulty)});
    till.Do(ChooseReturnCondition{breakfast, static_cast<int>(orders::ItemCondition::kDamaged)});
    CHECK(desk.lines[1].reason_text == "Faulty");
    CHECK(desk.lines[1].condition_text == "Damaged");
    CHECK(desk.value_text == "£11.45");
    // Paid in cash: the original tender is cash, then card and store credit by the default
    // policy.
    REQUIRE(desk.tenders.size() == 3);
    CHECK(desk.tenders[0].label == "Cash (original)");
    CHECK(desk.tenders[0].chosen);
    CHECK(desk.tenders[1].label == "Card");
    CHECK(desk.tenders[2].label == "Store credit (new card)");
    CHECK(desk.refund_label == "Refund £11.45");
    REQUIRE(desk.can_refund);

    till.Do(ConfirmRefund{});
    REQUIRE(desk.step == ReturnsStep::kDone);
    CHECK(desk.done_title == "Refunded £11.45 in cash");
    CHECK(till.Events(kReturnReceived) == 1);
    CHECK(till.Events(kRefundIssued) == 1);
    // Only the restocked line went back on the shelf.
    CHECK(till.till.OnHand("TEA-EARL-125G") == earl_before + 1000);
    CHECK(till.till.OnHand("TEA-ENGB-40BAGS") == breakfast_before);
    REQUIRE(till.devices.calls == std::vector<std::string>{"kick", "print"});
    // The refund's receipt: the order (its barcode), the lines back, the cash.
    REQUIRE(till.devices.receipts.size() == 1);
    const ReceiptRequest& paper = till.devices.receipts[0];
    REQUIRE(paper.refund);
    CHECK(ReceiptName(paper) == "Refund S01-T1-000001");
    CHECK(paper.cashier == "Zoë Clarke");
    REQUIRE(paper.refund->lines.size() == 2);
    CHECK(paper.refund->lines[0].description == "Earl Grey loose leaf tea 125 g");
    CHECK(paper.refund->lines[0].quantity == 1000);
    CHECK(paper.refund->lines[0].value.Minor() == 650);
    CHECK(paper.refund->lines[1].value.Minor() == 495);
    REQUIRE(paper.refund->refunds.size() == 1);
    CHECK(paper.refund->refunds[0].tender == orders::Tender::kCash);
    CHECK(paper.refund->refunds[0].amount.Minor() == 1145);
    CHECK(desk.done_text == "Receipt printing");
    CHECK(till.devices.refunds_when_kicked == std::vector<std::int64_t>{1});
    CHECK(till.sync.nudges == 1);
    till.Verify();

    till.Do(NextReturn{});
    CHECK(desk.step == ReturnsStep::kFind);
    till.Do(CloseReturns{});
    CHECK(till.View().screen == Screen::kSale);
}

TEST_CASE("a scanned receipt finds the sale, and what came back before limits what can come back") {
    ReturnsTill till("returns-scan");
    till.Post(Scanned{"S01-T1-000001", ScanSource::kScanner});
    const ReturnsView& desk = till.Desk();
    REQUIRE(desk.step == ReturnsStep::kOrder);
    const int earl = till.LineNo("Earl Grey loose leaf tea 125 g");
    till.Do(SelectReturnLine{earl});
    till.Do(ChangeReturnQuantity{earl, +1});
    CHECK(desk.lines[0].back_text == "2");
    CHECK_FALSE(desk.can_more);
    till.Do(ChangeReturnQuantity{earl, +1});  // no third
    CHECK(desk.lines[0].back_text == "2");
    CHECK(desk.message == "No more of that line can come back");
    till.Do(ChangeReturnQuantity{earl, -1});
    CHECK(desk.lines[0].back_text == "1");
    till.Do(ChooseRefundTender{static_cast<int>(orders::Tender::kCard)});
    till.Do(ConfirmRefund{});
    REQUIRE(desk.step == ReturnsStep::kDone);
    CHECK(desk.done_title == "Refunded £6.50 to card");
    CHECK(till.devices.calls == std::vector<std::string>{"print"});  // no cash, no drawer

    // The same receipt again: one of the two came back, so one more at most.
    till.Do(NextReturn{});
    till.Do(FindOrder{"S01-T1-000001"});
    REQUIRE(desk.step == ReturnsStep::kOrder);
    CHECK(desk.lines[0].returned_text == "1");
    till.Do(SelectReturnLine{earl});
    till.Do(ChangeReturnQuantity{earl, +1});
    CHECK(desk.lines[0].back_text == "1");
    CHECK(desk.message == "No more of that line can come back");
}

TEST_CASE(
    "offline, an order this till did not make is refused plainly, and its own sale may come "
    "back by the store's policy") {
    ReturnsTill till("returns-offline");
    till.sync.office_link = true;
    till.Online(false);
    const ReturnsView& desk = till.Desk();
    CHECK(desk.find_limits ==
          "The office is offline: only this till's own sales can be found (by number or date) and "
          "returned now; e-mail search needs the office");
    till.Do(FindOrder{"#1042"});
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.message ==
          "#1042 is not a sale of this till. The office is offline: only this till's own sales "
          "can be returned now");
    CHECK(till.sync.lookups.empty());  // nothing asked that could not be answered
    till.Do(FindOrder{"S01-T1-000001"});
    REQUIRE(desk.step == ReturnsStep::kOrder);
    till.Do(SelectReturnLine{till.LineNo("English breakfast")});
    till.Do(ConfirmRefund{});
    CHECK(desk.step == ReturnsStep::kDone);
    CHECK(till.sync.sent_back.empty());  // its own journal takes it

    // A store that takes returns only while online.
    REQUIRE(store::PutSetting(till.till.db, "till.offline_own_returns", "false"));
    till.Do(NextReturn{});
    till.Do(CloseReturns{});
    till.Do(OpenReturns{});
    till.Do(FindOrder{"S01-T1-000001"});
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.message ==
          "The office is offline, and this store takes returns only while it is online");
}

TEST_CASE(
    "an online order is looked up at the office, and its return is journalled only once the "
    "office accepts it, and a refusal is shown with the office's reason") {
    ReturnsTill till("returns-office");
    till.sync.office_link = true;
    const ReturnsView& desk = till.Desk();
    till.Do(FindOrder{"#1042"});
    REQUIRE(till.sync.lookups == std::vector<std::string>{"#1042"});
    CHECK(desk.busy);
    CHECK(desk.message == "Looking up #1042 at the office…");
    till.Post(OrderLookupReport{99, true, ShopifyOrder(), ""});  // not the answer awaited
    CHECK(desk.step == ReturnsStep::kFind);
    till.Post(OrderLookupReport{1, true, ShopifyOrder(), ""});
    REQUIRE(desk.step == ReturnsStep::kOrder);
    CHECK_FALSE(desk.own_sale);
    CHECK(desk.order_text == "Shopify order, £24.00 (from the office)");
    REQUIRE(desk.lines.size() == 2);  // shipping does not come back
    CHECK(desk.lines[0].returned_text == "1");
    CHECK(desk.tenders.front().label == "Original: refunded on Shopify");
    till.Do(SelectReturnLine{1});
    CHECK(desk.lines[0].value_text == "£6.50");
    CHECK_FALSE(desk.can_more);  // one of two came back before

    till.Do(ConfirmRefund{});
    REQUIRE(till.sync.sent_back.size() == 1);
    const OfficeReturn& sent = till.sync.sent_back[0];
    CHECK(sent.actor == "staff-zoe");
    CHECK(sent.approver.empty());
    CHECK(sent.ret.order_id == ShopifyOrder().id);
    REQUIRE(sent.ret.lines.size() == 1);
    CHECK(sent.ret.lines[0].quantity == 1000);
    REQUIRE(sent.refund);  // refunded on Shopify by the office
    CHECK(sent.refund->tender == orders::Tender::kChannel);
    CHECK(sent.refund->amount.Minor() == 650);
    CHECK(desk.message == "Sending the return to the office…");
    CHECK(desk.busy);
    CHECK_FALSE(desk.can_refund);
    till.Post(OfficeReturnReport{2, true, false, "order #1042: line 1 was returned in full", 0, 0});
    CHECK(desk.step == ReturnsStep::kOrder);
    CHECK(desk.message ==
          "The office refused this return: order #1042: line 1 was returned in full");

    // Accepted: the office holds the return and refunded it on Shopify; the till has no money to
    // pay out, so nothing is journalled here and the drawer stays shut.
    till.Do(ConfirmRefund{});
    REQUIRE(till.sync.sent_back.size() == 2);
    till.Post(OfficeReturnReport{3, true, true, "", 650, 650});
    REQUIRE(desk.step == ReturnsStep::kDone);
    CHECK(desk.done_title == "Refunded £6.50 on Shopify");
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind IN (7, 8)") == 0);
    CHECK(till.devices.calls == std::vector<std::string>{"print"});
    REQUIRE(till.devices.receipts.back().refund);
    CHECK(till.devices.receipts.back().refund->order_number == "#1042");
}

TEST_CASE("an online order's goods back at the office, refunded in cash from this till's drawer") {
    ReturnsTill till("returns-office-cash");
    till.sync.office_link = true;
    const ReturnsView& desk = till.Desk();
    till.Do(FindOrder{"#1042"});
    till.Post(OrderLookupReport{1, true, ShopifyOrder(), ""});
    till.Do(SelectReturnLine{2});
    till.Do(ChooseReturnCondition{2, static_cast<int>(orders::ItemCondition::kDamaged)});
    till.Do(ChooseRefundTender{static_cast<int>(orders::Tender::kCash)});
    till.Do(ConfirmRefund{});
    REQUIRE(till.sync.sent_back.size() == 1);
    CHECK_FALSE(till.sync.sent_back[0].refund);  // the till pays this one itself
    CHECK(till.sync.sent_back[0].ret.lines[0].condition == orders::ItemCondition::kDamaged);
    CHECK(till.devices.calls.empty());  // nothing before the office has the goods
    till.Do(CloseReturns{});            // the office's answer says what the till owes: wait
    till.Do(BackToFind{});
    CHECK(till.View().screen == Screen::kReturns);
    CHECK(desk.step == ReturnsStep::kOrder);
    till.Post(OfficeReturnReport{2, true, true, "", 495, 0});
    REQUIRE(desk.step == ReturnsStep::kDone);
    CHECK(desk.done_title == "Refunded £4.95 in cash");
    CHECK(till.Events(kReturnReceived) == 0);  // the return is the office's event
    REQUIRE(till.Events(kRefundIssued) == 1);  // the cash is this till's
    CHECK(till.Count("SELECT count(*) FROM refunds WHERE tender = 1 AND amount_minor = 495 AND "
                     "return_id = '" +
                     till.sync.sent_back[0].ret.id + "' AND shift_id <> ''") == 1);
    REQUIRE(till.devices.calls == std::vector<std::string>{"kick", "print"});
    CHECK(till.devices.refunds_when_kicked == std::vector<std::int64_t>{1});
    CHECK(till.sync.nudges == 1);
}

TEST_CASE(
    "the office's lookup that cannot reach it says so, and an order not yet delivered cannot "
    "come back") {
    ReturnsTill till("returns-unreached");
    till.sync.office_link = true;
    const ReturnsView& desk = till.Desk();
    till.Do(FindOrder{"#1042"});
    till.Post(OrderLookupReport{1, false, std::nullopt, ""});
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.message == "The office is offline: only this till's own sales can be returned now");
    till.Do(FindOrder{"#1043"});
    till.Post(OrderLookupReport{2, true, std::nullopt, "No order #1043"});
    CHECK(desk.message == "No order #1043");
    queries::OrderDetail placed = ShopifyOrder();
    placed.status = orders::OrderStatus::kPicking;
    till.Do(FindOrder{"#1042"});
    till.Post(OrderLookupReport{3, true, placed, ""});
    CHECK(desk.step == ReturnsStep::kFind);
    CHECK(desk.message == "Order #1042 is picking: only what reached the customer can come back");

    // No office link at all.
    till.sync.office_link = false;
    till.Do(FindOrder{"#1042"});
    CHECK(desk.message ==
          "#1042 is not a sale of this till. This till has no link to the office: only its own "
          "sales can be returned");
}

TEST_CASE("a refund above the store's threshold waits for a manager's PIN") {
    ReturnsTill till("returns-threshold");
    REQUIRE(store::PutSetting(till.till.db, "till.refund_approval_above", "10.00"));
    REQUIRE(store::PutSetting(till.till.db, "till.refund_tenders", "card, cash"));
    till.Do(CloseReturns{});
    till.Do(OpenReturns{});
    till.Do(FindOrder{"S01-T1-000001"});
    const ReturnsView& desk = till.Desk();
    REQUIRE(desk.tenders.size() == 2);
    CHECK(desk.tenders[0].label == "Card");  // the policy's order; no "original"
    CHECK(desk.tenders[1].label == "Cash");
    till.Do(SelectReturnLine{till.LineNo("Earl Grey loose leaf tea 250 g")});
    CHECK(desk.approval_note == "Refunds above £10.00 need a manager");
    till.Do(ConfirmRefund{});
    REQUIRE(till.View().approval.open);
    CHECK(till.View().approval.what == "Refund £11.50 for order S01-T1-000001");
    CHECK(till.Events(kReturnReceived) == 0);
    till.Do(SubmitApprovalPin{"1111"});  // a cashier's PIN approves nothing
    REQUIRE(till.TickUntil([&] { return !till.View().approval.checking; }));
    CHECK(till.View().approval.message == "Not a manager's PIN");
    CHECK(till.Events(kReturnReceived) == 0);
    till.Do(SubmitApprovalPin{"2468"});
    REQUIRE(till.TickUntil([&] { return !till.View().approval.open; }));
    CHECK(desk.step == ReturnsStep::kDone);
    CHECK(desk.done_title == "Refunded £11.50 to card");
    CHECK(till.Events(kReturnReceived) == 1);
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind IN (7, 8) AND actor = 'staff-zoe' "
                     "AND approver = 'staff-tom'") == 2);
}

TEST_CASE("the desk opens only from an empty sale, and a lock keeps it for whoever signs in next") {
    ReturnsTill till("returns-lock");
    till.Do(CloseReturns{});
    till.Do(ScanCode{testing::kBreakfast});
    CHECK_FALSE(till.View().status_bar.can_open_returns);
    till.Do(OpenReturns{});
    CHECK(till.View().screen == Screen::kSale);  // a sale in progress stays
    till.Do(ClearSale{});
    CHECK(till.View().status_bar.can_open_returns);
    till.Do(OpenReturns{});
    REQUIRE(till.View().screen == Screen::kReturns);
    till.Do(FindOrder{"S01-T1-000001"});
    till.Do(SelectReturnLine{till.LineNo("English breakfast")});
    till.Do(LockTill{});
    CHECK(till.View().screen == Screen::kSignIn);
    till.Pin("2222");
    REQUIRE(till.View().screen == Screen::kReturns);
    CHECK(till.Desk().value_text == "£4.95");
    till.Do(ConfirmRefund{});
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 7 AND actor = 'staff-jakub'") == 1);
}

TEST_CASE(
    "issue 14: a refund to store credit goes onto a new card whose credit note prints, and the "
    "journal's refund names the card") {
    ReturnsTill till("returns-store-credit");
    till.Do(FindOrder{"S01-T1-000001"});
    const ReturnsView& desk = till.Desk();
    REQUIRE(desk.step == ReturnsStep::kOrder);
    till.Do(SelectReturnLine{till.LineNo("Earl Grey loose leaf tea 250 g")});
    till.Do(ChooseRefundTender{static_cast<int>(orders::Tender::kStoreCredit)});
    till.Do(ConfirmRefund{});
    REQUIRE(desk.step == ReturnsStep::kDone);
    REQUIRE(till.devices.credit_notes.size() == 1);
    const CreditNoteRequest& note = till.devices.credit_notes[0];
    CHECK(credit::ValidCardNumber(note.card_number).has_value());
    CHECK(note.amount.Minor() == 1150);
    CHECK(note.balance.Minor() == 1150);
    CHECK(note.order_number == "S01-T1-000001");
    CHECK(desk.done_title == "Refunded £11.50 to store credit: card " +
                                 credit::CardNumberTail(note.card_number) +
                                 ", its credit note is printing");
    // No cash moved: the drawer stays shut.
    CHECK(std::count(till.devices.calls.begin(), till.devices.calls.end(), "kick") == 0);
    CHECK(till.Count("SELECT count(*) FROM refunds WHERE tender = 3 AND reference = '" +
                     note.card_number + "' AND amount_minor = 1150") == 1);
    till.Verify();
}
