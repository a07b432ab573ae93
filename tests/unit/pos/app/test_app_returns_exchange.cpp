// Exchanges at the returns desk: the chosen lines pay for new goods scanned into the sale's cart;
// one ExchangeCompleted settles the difference to the penny.
#include <doctest/doctest.h>

#include "returns_till.hpp"
#include "tillbook/ledger/ledger.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::ReturnsTill;

namespace {

constexpr int kExchangeCompleted = 9;

// The one ExchangeCompleted in the journal.
ledger::ExchangeCompleted TheExchange(store::Database& db) {
    std::optional<ledger::ExchangeCompleted> found;
    int count = 0;
    ledger::Ledger ledger(db);
    REQUIRE(ledger.ForEach([&](std::int64_t, const ledger::Event& event) -> Status {
        if (const auto* e = std::get_if<ledger::ExchangeCompleted>(&event.payload)) {
            ++count;
            found = *e;
        }
        return {};
    }));
    REQUIRE(count == 1);
    return *found;
}

}  // namespace

TEST_CASE(
    "an exchange that costs the customer more: £4.95 back, £11.50 new, £6.55 paid by card "
    "in one event") {
    ReturnsTill till("exchange-pays");
    till.Do(FindOrder{"S01-T1-000001"});
    till.Do(SelectReturnLine{till.LineNo("English breakfast")});
    const ReturnsView& desk = till.Desk();
    REQUIRE(desk.can_exchange);
    till.Do(StartExchange{});
    REQUIRE(desk.step == ReturnsStep::kExchange);
    CHECK(desk.credit_text == "Goods back £4.95");
    CHECK(desk.difference_text == "Scan the new goods");
    CHECK_FALSE(desk.can_complete_exchange);
    till.Do(ScanCode{testing::kEarlGrey250, ScanSource::kTyped});
    till.Post(Scanned{testing::kEarlGrey125, ScanSource::kScanner});
    REQUIRE(till.View().sale.lines.size() == 2);
    CHECK(desk.difference_text == "Customer pays £13.05");
    // The new goods are the sale's cart: its own keys act on them here.
    till.Do(RemoveLine{till.View().sale.lines[1].line_no});
    CHECK(desk.new_goods_text == "New goods £11.50");
    CHECK(desk.difference_text == "Customer pays £6.55");
    REQUIRE(desk.exchange_tenders.size() == 2);
    CHECK(desk.exchange_tenders[0].label == "Cash");
    CHECK(desk.exchange_tenders[0].chosen);
    till.Do(ChooseRefundTender{static_cast<int>(orders::Tender::kCard)});
    CHECK(desk.exchange_tenders[1].chosen);
    REQUIRE(desk.can_complete_exchange);
    till.Do(ConfirmExchange{});
    REQUIRE(desk.step == ReturnsStep::kDone);
    CHECK(desk.done_title == "Exchange complete: customer paid £6.55 by Card");

    CHECK(till.Events(kExchangeCompleted) == 1);
    CHECK(till.Count("SELECT count(*) FROM ledger WHERE kind IN (7, 8)") == 0);
    const auto exchange = TheExchange(till.till.db);
    CHECK(exchange.new_order.number == "S01-T1-000002");
    REQUIRE(exchange.payments.size() == 1);
    CHECK(exchange.payments[0].tender == orders::Tender::kCard);
    CHECK(exchange.payments[0].amount.Minor() == 655);
    CHECK(exchange.refunds.empty());
    REQUIRE(exchange.ret.lines.size() == 1);
    CHECK(exchange.ret.lines[0].sku == "TEA-ENGB-40BAGS");
    CHECK(till.devices.calls == std::vector<std::string>{"print"});  // card: no drawer
    REQUIRE(till.devices.receipts.size() == 1);
    CHECK(till.devices.receipts[0].order.number == "S01-T1-000002");
    CHECK(till.View().sale.lines.empty());  // the cart is the next sale's again
    till.Verify();
}

TEST_CASE(
    "an exchange that refunds the difference: £11.50 back, £4.95 new, £6.55 in cash, the "
    "drawer opening after the journal holds it") {
    ReturnsTill till("exchange-refunds");
    till.Do(FindOrder{"S01-T1-000001"});
    till.Do(SelectReturnLine{till.LineNo("Earl Grey loose leaf tea 250 g")});
    till.Do(StartExchange{});
    till.Do(AddSku{"TEA-ENGB-40BAGS"});
    const ReturnsView& desk = till.Desk();
    CHECK(desk.difference_text == "Refund £6.55");
    REQUIRE(desk.exchange_tenders.size() == 3);  // cash, card, store credit
    CHECK(desk.exchange_tenders[0].label == "Cash (original)");
    till.Do(ConfirmExchange{});
    REQUIRE(desk.step == ReturnsStep::kDone);
    CHECK(desk.done_title == "Exchange complete: refunded £6.55 in cash");
    const auto exchange = TheExchange(till.till.db);
    CHECK(exchange.payments.empty());
    REQUIRE(exchange.refunds.size() == 1);
    CHECK(exchange.refunds[0].tender == orders::Tender::kCash);
    CHECK(exchange.refunds[0].amount.Minor() == 655);
    CHECK_FALSE(exchange.refunds[0].shift_id.empty());
    REQUIRE_FALSE(till.devices.calls.empty());
    CHECK(till.devices.calls[0] == "kick");
    CHECK(till.devices.refunds_when_kicked == std::vector<std::int64_t>{1});
    till.Verify();
}

TEST_CASE("an exchange's back goes to the order with its lines still chosen, the new goods gone") {
    ReturnsTill till("exchange-back");
    till.Do(FindOrder{"S01-T1-000001"});
    till.Do(SelectReturnLine{till.LineNo("English breakfast")});
    till.Do(StartExchange{});
    till.Do(AddSku{"TEA-EARL-250G"});
    till.Do(BackToFind{});
    const ReturnsView& desk = till.Desk();
    CHECK(desk.step == ReturnsStep::kOrder);
    CHECK(desk.value_text == "£4.95");
    CHECK(till.View().sale.lines.empty());
    till.Do(CloseReturns{});
    CHECK(till.View().screen == Screen::kSale);
    CHECK(till.Events(kExchangeCompleted) == 0);
}
