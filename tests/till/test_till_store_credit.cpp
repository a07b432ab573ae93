// The real tillbook-pos pays part of a sale with a gift card the office sold (issue 14, point 4):
// the card's number typed at the tender screen, its balance from the office, the credit redeemed
// there, the rest in cash; the office then holds the sale, paid with that redemption, and the
// card empty. Then the acceptance point itself: store credit issued on a refund at one till's
// returns desk, redeemed on a later sale at another till. Screenshots kept as artefacts.
#include <doctest/doctest.h>

#include "till_under_test.hpp"
#include "tillbook/credit/card_number.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;
using testing::CountOf;

TEST_CASE("issue 14: the till's window pays with store credit checked and redeemed at the office") {
    testing::TillUnderTest till("till-store-credit");
    till.Pair();

    // A £5.00 gift card sold at the office.
    httplib::Client client("127.0.0.1", till.office.port);
    client.set_bearer_token_auth(testing::StaffToken(client, "tom", "demo-manager-password"));
    auto sold = client.Post("/api/v1/gift-cards", nlohmann::json{{"amount", "5.00"}}.dump(),
                            "application/json");
    REQUIRE(sold);
    INFO(sold->body);
    REQUIRE(sold->status == 201);
    const std::string card = nlohmann::json::parse(sold->body)["card_number"];
    const std::string tail = "…" + card.substr(12);

    testing::XvfbDisplay display;
    const auto shots = testing::TillArtefacts("store-credit-1920x1080");
    const std::string script = R"script(# pay £5.00 of £11.45 with the gift card, the rest in cash
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
scan 5060123450019
scan 5060456110017
expect-text "£11.45"
tap "Pay"
tap "Store credit"
type )script" + card.substr(0, 4) +
                               " " + card.substr(4, 4) + " " + card.substr(8, 4) + " " +
                               card.substr(12) + R"script(
screenshot card-number.png
tap "Check card"
expect-text "Card )script" + tail +
                               R"script( holds £5.00"
screenshot card-checked.png
tap "Add payment"
expect-text "Store credit )script" +
                               tail + R"script("
expect-text "£6.45 still due"
screenshot credit-taken.png
tap "Cash"
type 10.00
tap "Complete sale"
expect-text "Change £3.55"
wait-sync
quit
)script";
    REQUIRE(till.RunScript(script, "1920x1080", shots) == 0);
    for (const char* shot : {"card-number.png", "card-checked.png", "credit-taken.png"})
        CHECK_MESSAGE(std::filesystem::file_size(shots / shot) > 10'000, shot);

    // At the smaller screen, later: the card, now empty, is checked and can pay nothing.
    const auto small = testing::TillArtefacts("store-credit-1024x768");
    const std::string empty = R"script(# the spent card at 1024x768
login 1111
scan 5060123450019
tap "Pay"
tap "Store credit"
type )script" + card + R"script(
tap "Check card"
expect-text "Card )script" + tail +
                              R"script( holds nothing: take another tender"
screenshot card-empty.png
tap "Back"
quit
)script";
    REQUIRE(till.RunScript(empty, "1024x768", small) == 0);
    CHECK(std::filesystem::file_size(small / "card-empty.png") > 10'000);

    // The office: the sale paid £5.00 by store credit and £6.45 in cash, the card empty.
    auto office_db = testing::ReadDatabase(till.office.db);
    CHECK(CountOf(office_db, "SELECT balance_minor FROM credit_cards WHERE card_number = '" + card +
                                 "'") == 0);
    CHECK(CountOf(office_db, "SELECT count(*) FROM orders WHERE channel = 'store:S01'") == 1);
    const auto order = till.OfficeGet("/api/v1/orders/lookup?code=S01-T1-000001");
    CHECK(order["total_minor"] == 1145);
    CHECK(order["paid_minor"] == 1145);
    const auto shown = till.OfficeGet("/api/v1/credit/" + card);
    CHECK(shown["balance_minor"] == 0);
    REQUIRE(shown["history"].size() == 2);
    CHECK(shown["history"][1]["kind"] == "redeemed");
    CHECK(shown["history"][1]["order_number"] == "S01-T1-000001");
    // The till's own database keeps no card number: the redemption's id is the payment's reference.
    auto till_db = testing::ReadDatabase(till.till_db);
    CHECK(CountOf(till_db,
                  "SELECT count(*) FROM ledger WHERE instr(payload, '" + card + "') > 0") == 0);
}

namespace {

// The card a return of `order` was refunded onto, as the office holds it.
std::string CardRefundedOnto(testing::TillUnderTest& shop, const std::string& order) {
    const auto returns = shop.OfficeGet("/api/v1/returns?order=" + order);
    REQUIRE(returns["returns"].size() == 1);
    const auto& refunds = returns["returns"][0]["refunds"];
    REQUIRE(refunds.size() == 1);
    CHECK(refunds[0]["tender"] == "store_credit");
    return refunds[0]["reference"];
}

}  // namespace

TEST_CASE("issue 14: store credit issued on a refund at till T1 is redeemed on a sale at till T2") {
    testing::TillUnderTest t1("till-credit-t1");
    t1.Pair("T1");
    t1.PrintToFile();
    testing::TillProgram t2("till-credit-t2");
    t2.PairWith(t1.office.port, "T2");
    testing::XvfbDisplay display;

    // T1: a card sale of two teas; the £11.50 one comes back onto a new store-credit card.
    const auto refund_shots = testing::TillArtefacts("store-credit-refund-t1");
    const std::string refund = R"script(# a card sale, then one line refunded to store credit
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
scan 5060123450019
scan 5060123450026
expect-text "£18.00"
tap "Pay"
tap "Card"
tap "Complete sale"
tap "New sale"
tap "Returns"
scan S01-T1-000001
expect-text "Order S01-T1-000001"
tap "Earl Grey loose leaf tea 250 g"
tap "Store credit (new card)"
screenshot order.png
tap "Refund £11.50"
expect-text "Refunded £11.50 to store credit: card"
expect-text "its credit note is printing"
screenshot refunded.png
tap "Back to sale"
wait-sync
quit
)script";
    REQUIRE(t1.RunScript(refund, "1024x768", refund_shots) == 0);
    for (const char* shot : {"order.png", "refunded.png"})
        CHECK_MESSAGE(std::filesystem::file_size(refund_shots / shot) > 10'000, shot);
    const std::string card = CardRefundedOnto(t1, "S01-T1-000001");
    REQUIRE(credit::IsCardNumber(card));
    const std::string tail = "…" + card.substr(12);
    // The credit note is the customer's only copy of the number; the drawer stayed shut.
    CHECK(testing::PrintedBytes(t1.printed).find(card) != std::string::npos);
    CHECK(testing::DrawerKicks(t1.printed) == 0);
    CHECK(t1.OfficeGet("/api/v1/credit/" + card)["balance_minor"] == 1150);

    // T2, later: a £16.45 sale paid £11.50 with the card and the rest in cash.
    const auto redeem_shots = testing::TillArtefacts("store-credit-redeem-t2");
    const std::string redeem = R"script(# the card from T1's returns desk pays at T2
login 1111
expect-text "Open shift"
type 50.00
tap "Open shift"
scan 5060123450026
scan 5060456110017
expect-text "£16.45"
tap "Pay"
tap "Store credit"
type )script" + card + R"script(
tap "Check card"
expect-text "Card )script" + tail +
                               R"script( holds £11.50"
tap "Add payment"
expect-text "£4.95 still due"
screenshot credit-taken.png
tap "Cash"
type 5.00
tap "Complete sale"
expect-text "Change £0.05"
wait-sync
quit
)script";
    REQUIRE(t2.RunScript(redeem, "1024x768", redeem_shots) == 0);
    CHECK(std::filesystem::file_size(redeem_shots / "credit-taken.png") > 10'000);

    // The office: the card credited by T1's refund and emptied by T2's sale, never below zero.
    const auto shown = t1.OfficeGet("/api/v1/credit/" + card);
    CHECK(shown["balance_minor"] == 0);
    REQUIRE(shown["history"].size() == 2);
    CHECK(shown["history"][0]["kind"] == "refunded");
    CHECK(shown["history"][0]["order_number"] == "S01-T1-000001");
    CHECK(shown["history"][1]["kind"] == "redeemed");
    CHECK(shown["history"][1]["order_number"] == "S01-T2-000001");
    const auto sold = t1.OfficeGet("/api/v1/orders/lookup?code=S01-T2-000001");
    CHECK(sold["total_minor"] == 1645);
    CHECK(sold["paid_minor"] == 1645);
    testing::CheckVerifies({t1.till_db, t2.till_db, t1.office.db});
}
