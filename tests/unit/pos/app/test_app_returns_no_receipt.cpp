// Returns without a receipt: a value agreed at the desk (at most the price), capped by
// `till.no_receipt_limit`, refunded in cash, and never without a manager.
#include <doctest/doctest.h>

#include "returns_till.hpp"
#include "tillbook/ledger/ledger.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::ReturnsTill;

namespace {

constexpr int kReturnReceived = 7;

struct Received {
    std::string actor;
    std::string approver;
    orders::Return ret;
};

// The one ReturnReceived in the journal: who received it, who approved it, the return.
Received TheReturn(store::Database& db) {
    Received found;
    int count = 0;
    ledger::Ledger ledger(db);
    REQUIRE(ledger.ForEach([&](std::int64_t, const ledger::Event& event) -> Status {
        if (const auto* e = std::get_if<ledger::ReturnReceived>(&event.payload)) {
            ++count;
            found = {event.actor, event.approver, e->ret};
        }
        return {};
    }));
    REQUIRE(count == 1);
    return found;
}

}  // namespace

TEST_CASE("a no-receipt return is refused without a manager's PIN and journalled after it") {
    ReturnsTill till("no-receipt");
    const std::int64_t before = till.till.OnHand("TEA-EARL-125G");
    till.Do(StartNoReceipt{});
    const ReturnsView& desk = till.Desk();
    REQUIRE(desk.step == ReturnsStep::kNoReceipt);
    CHECK(desk.no_receipt_limit_text == "Up to £50.00 without a receipt, refunded in cash");
    till.Post(Scanned{testing::kEarlGrey125, ScanSource::kScanner});
    till.Do(ScanCode{testing::kEarlGrey125, ScanSource::kTyped});
    REQUIRE(desk.no_receipt_lines.size() == 1);
    CHECK(desk.no_receipt_lines[0].quantity_text == "2");
    CHECK(desk.no_receipt_lines[0].value_text == "£6.50");  // the price now
    CHECK(desk.no_receipt_value_prefill == "6.50");
    till.Do(SetNoReceiptValue{0, "7.00"});  // never above the price
    CHECK(desk.message == "The value can only be lowered from the price, £6.50");
    till.Do(SetNoReceiptValue{0, "5.25"});
    CHECK(desk.no_receipt_lines[0].total_text == "£10.50");
    CHECK(desk.no_receipt_total_text == "£10.50");
    REQUIRE(desk.can_refund_no_receipt);

    till.Do(ConfirmNoReceipt{});
    REQUIRE(till.View().approval.open);
    CHECK(till.View().approval.what == "Refund £10.50 without a receipt");
    CHECK(till.View().approval.why == "Refunds without a receipt need a manager");
    till.Do(CancelApproval{});  // no manager: nothing happens
    CHECK_FALSE(till.View().approval.open);
    CHECK(till.Events(kReturnReceived) == 0);
    CHECK(desk.step == ReturnsStep::kNoReceipt);
    till.Do(ConfirmNoReceipt{});
    till.Do(SubmitApprovalPin{"2222"});  // another cashier
    REQUIRE(till.TickUntil([&] { return !till.View().approval.checking; }));
    CHECK(till.View().approval.message == "Not a manager's PIN");
    CHECK(till.Events(kReturnReceived) == 0);

    till.Do(SubmitApprovalPin{"2468"});
    REQUIRE(till.TickUntil([&] { return !till.View().approval.open; }));
    REQUIRE(desk.step == ReturnsStep::kDone);
    CHECK(desk.done_title == "Refunded £10.50 in cash, without a receipt");
    const auto [actor, approver, ret] = TheReturn(till.till.db);
    CHECK(actor == "staff-zoe");  // both staff ids: the cashier's and the approving manager's
    CHECK(approver == "staff-tom");
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind = 8 AND actor = 'staff-zoe' AND "
                     "approver = 'staff-tom'") == 1);  // the refund too
    CHECK(ret.no_receipt);
    CHECK(ret.order_id.empty());
    REQUIRE(ret.lines.size() == 1);
    CHECK(ret.lines[0].quantity == 2000);
    CHECK(ret.lines[0].unit_value.Minor() == 525);
    CHECK(till.till.OnHand("TEA-EARL-125G") == before + 2000);
    CHECK(till.Count("SELECT count(*) FROM refunds WHERE tender = 1 AND amount_minor = 1050") == 1);
    REQUIRE(till.devices.calls == std::vector<std::string>{"kick", "print"});
    REQUIRE(till.devices.receipts.size() == 1);
    REQUIRE(till.devices.receipts[0].refund);
    CHECK(ReceiptName(till.devices.receipts[0]) == "Refund without receipt");
    CHECK(till.devices.receipts[0].refund->lines[0].value.Minor() == 1050);
    CHECK(till.devices.refunds_when_kicked == std::vector<std::int64_t>{1});
    till.Verify();
}

TEST_CASE("a no-receipt return above the store's limit cannot be refunded") {
    ReturnsTill till("no-receipt-cap");
    REQUIRE(store::PutSetting(till.till.db, "till.no_receipt_limit", "20.00"));
    till.Do(CloseReturns{});
    till.Do(OpenReturns{});
    till.Do(StartNoReceipt{});
    const ReturnsView& desk = till.Desk();
    till.Do(AddSku{"TEA-EARL-250G"});
    till.Do(AddSku{"TEA-EARL-250G"});
    CHECK(desk.no_receipt_total_text == "£23.00");
    CHECK_FALSE(desk.can_refund_no_receipt);
    till.Do(ConfirmNoReceipt{});
    CHECK_FALSE(till.View().approval.open);
    CHECK(desk.message == "Without a receipt at most £20.00 can be refunded");
    till.Do(SetNoReceiptValue{0, "10.00"});  // agreed lower: within the limit
    CHECK(desk.no_receipt_total_text == "£20.00");
    CHECK(desk.can_refund_no_receipt);
    till.Do(ChangeNoReceiptQuantity{0, -1});
    CHECK(desk.no_receipt_total_text == "£10.00");
    till.Do(AddSku{"DELI-CHED-KG"});  // weighed goods need their receipt
    CHECK(desk.no_receipt_lines.size() == 1);
    CHECK(desk.message == "Weighed and priced-label goods cannot come back without a receipt");
}

TEST_CASE("a manager signed in approves their own no-receipt return") {
    ReturnsTill till("no-receipt-manager", "2468");
    till.Do(StartNoReceipt{});
    till.Do(AddSku{"TEA-ENGB-40BAGS"});
    till.Do(ChooseReturnCondition{0, static_cast<int>(orders::ItemCondition::kWriteOff)});
    till.Do(ConfirmNoReceipt{});
    CHECK_FALSE(till.View().approval.open);
    REQUIRE(till.Desk().step == ReturnsStep::kDone);
    const auto [actor, approver, ret] = TheReturn(till.till.db);
    CHECK(actor == "staff-tom");
    CHECK(approver.empty());  // a manager approves their own: no second id
    CHECK(ret.lines[0].condition == orders::ItemCondition::kWriteOff);
}
