// An exchange's difference refunded onto store credit (issue 14, point 4): offered as at the
// returns desk, onto a new card named by the ExchangeCompleted's refund, its credit note printed.
#include <doctest/doctest.h>

#include "returns_till.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/ledger/ledger.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::ReturnsTill;

TEST_CASE(
    "issue 14: an exchange's difference goes onto a new store-credit card whose note prints, "
    "named by the exchange's refund") {
    ReturnsTill till("exchange-store-credit");
    till.Do(FindOrder{"S01-T1-000001"});
    till.Do(SelectReturnLine{till.LineNo("Earl Grey loose leaf tea 250 g")});
    till.Do(StartExchange{});
    till.Do(AddSku{"TEA-ENGB-40BAGS"});
    const ReturnsView& desk = till.Desk();
    CHECK(desk.difference_text == "Refund £6.55");
    REQUIRE(desk.exchange_tenders.size() == 3);
    CHECK(desk.exchange_tenders[2].label == "Store credit (new card)");
    till.Do(ChooseRefundTender{static_cast<int>(orders::Tender::kStoreCredit)});
    CHECK(desk.exchange_tenders[2].chosen);
    till.Do(ConfirmExchange{});
    REQUIRE(desk.step == ReturnsStep::kDone);

    REQUIRE(till.devices.credit_notes.size() == 1);
    const CreditNoteRequest& note = till.devices.credit_notes[0];
    CHECK(credit::IsCardNumber(note.card_number));
    CHECK_FALSE(note.gift_card_sold);
    CHECK(note.amount.Minor() == 655);
    CHECK(note.balance.Minor() == 655);
    CHECK(note.order_number == "S01-T1-000001");
    CHECK(desk.done_title == "Exchange complete: refunded £6.55 to store credit: card " +
                                 credit::CardNumberTail(note.card_number) +
                                 ", its credit note is printing");

    // One ExchangeCompleted whose refund names the card; the card holds the difference.
    int exchanges = 0;
    ledger::Ledger ledger(till.till.db);
    REQUIRE(ledger.ForEach([&](std::int64_t, const ledger::Event& event) -> Status {
        if (const auto* e = std::get_if<ledger::ExchangeCompleted>(&event.payload)) {
            ++exchanges;
            REQUIRE(e->refunds.size() == 1);
            CHECK(e->refunds[0].tender == orders::Tender::kStoreCredit);
            CHECK(e->refunds[0].reference == note.card_number);
            CHECK(e->refunds[0].amount.Minor() == 655);
            CHECK(e->payments.empty());
        }
        return {};
    }));
    CHECK(exchanges == 1);
    CHECK(till.Count("SELECT balance_minor FROM credit_cards WHERE card_number = '" +
                     note.card_number + "'") == 655);
    // No cash moved: the drawer stays shut.
    CHECK(std::count(till.devices.calls.begin(), till.devices.calls.end(), "kick") == 0);
    till.Verify();
}
