// Integration tests: store credit and gift cards (issue 14, point 4) against the real server on
// loopback with a real SQLite file: credit issued on a refund at one till and redeemed for a sale
// at another, through the till's own client calls; balance, history, refusals; a redemption given
// back once; concurrent redemptions from many threads that never take a card below zero.
#include <doctest/doctest.h>

#include <atomic>
#include <latch>
#include <mutex>
#include <thread>

#include "gbp.hpp"
#include "push_events.hpp"
#include "real_office.hpp"
#include "till_office.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/pos/office/office_api.hpp"
#include "tillbook/pos/office/office_credit.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::Body;
using testing::CheckError;
using testing::Gbp;
using testing::GetOk;
using testing::OfficeUnderTest;
using testing::PostCreated;
using testing::PushEvents;

namespace {

pos::office::OfficeClient TillClient(int port) {
    auto client =
        pos::office::OfficeClient::Connect("http://127.0.0.1:" + std::to_string(port), {});
    REQUIRE(client);
    return std::move(*client);
}

// A gift card of `amount` ("10.00") sold by the manager; answers its number.
std::string GiftCard(OfficeUnderTest& office, const std::string& amount) {
    auto manager = office.Client(office.Manager());
    const json sold = PostCreated(*manager, "/api/v1/gift-cards", {{"amount", amount}});
    const std::string number = sold["card_number"];
    CHECK(credit::IsCardNumber(number));
    return number;
}

std::int64_t BalanceOf(OfficeUnderTest& office, const std::string& card) {
    return office.Scalar("SELECT balance_minor FROM credit_cards WHERE card_number = '" + card +
                         "'");
}

}  // namespace

TEST_CASE(
    "store credit issued on a refund at one till is redeemed for a later sale at another till, "
    "and the card's history shows both") {
    OfficeUnderTest office("credit-two-tills");
    const auto t1 = office.Pair("S01", "T1");
    const auto t2 = office.Pair("S01", "T2");
    PushEvents at_t1(office, t1);
    PushEvents at_t2(office, t2);

    // T1 sells a tea by card, takes it back, and refunds it to a new credit note, offline first:
    // its journal reaches the office by sync.
    const orders::Order sale = at_t1.Tea(1);
    const orders::Return ret{
        office.ids.NextString(),
        sale.id,
        at_t1.Store(),
        false,
        "GBP",
        {orders::ReturnLine{1, "TEA-EARL-125G", 1000, Gbp(0), orders::ReturnReason::kChangedMind,
                            orders::ItemCondition::kRestock}}};
    const std::string card = credit::NewCardNumber();
    const json pushed = at_t1.Results(json::array(
        {at_t1.Of(1,
                  ledger::OrderPlaced{
                      sale,
                      true,
                      {orders::Payment{orders::Tender::kCard, Gbp(650), Gbp(650), "A-1", ""}}}),
         at_t1.Of(2, ledger::ReturnReceived{ret}),
         at_t1.Of(3, ledger::RefundIssued{
                         sale.id, ret.id,
                         orders::Refund{orders::Tender::kStoreCredit, Gbp(650), card, ""}})}));
    for (const json& result : pushed)
        CHECK(result["status"] == "accepted");

    // At T2, later: the cashier scans the credit note, the till checks it and takes 4.00.
    auto client = TillClient(office.server->Port());
    const std::string typed = card.substr(0, 4) + " " + card.substr(4, 4) + " " +
                              card.substr(8, 4) + " " + card.substr(12);
    auto balance = pos::office::CheckCredit(client, t2.token, typed);
    REQUIRE(balance);
    CHECK(balance->card_number == card);
    CHECK(balance->currency == "GBP");
    CHECK(balance->balance_minor == 650);
    auto redeemed = pos::office::RedeemCredit(client, t2.token, card, Gbp(400), "zoe", "sale");
    REQUIRE(redeemed);
    CHECK(redeemed->amount_minor == 400);
    CHECK(redeemed->balance_minor == 250);
    CHECK_FALSE(redeemed->redemption_id.empty());

    // T2's sale pays 4.00 of 6.50 with that redemption and the rest by card; the payment moves
    // no balance again.
    const orders::Order second = at_t2.Tea(1);
    const json sold = at_t2.Results(json::array({at_t2.Of(
        1, ledger::OrderPlaced{
               second,
               true,
               {orders::Payment{orders::Tender::kStoreCredit, Gbp(400), Gbp(400),
                                redeemed->redemption_id, ""},
                orders::Payment{orders::Tender::kCard, Gbp(250), Gbp(250), "A-2", ""}}})}));
    CHECK(sold[0]["status"] == "accepted");
    CHECK(BalanceOf(office, card) == 250);

    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));
    const json shown = GetOk(*cashier, "/api/v1/credit/" + card);
    CHECK(shown["balance_minor"] == 250);
    CHECK(shown["balance"] == "2.50");
    CHECK(shown["issued_minor"] == 650);
    CHECK(shown["redeemed_minor"] == 400);
    REQUIRE(shown["history"].size() == 2);
    CHECK(shown["history"][0]["kind"] == "refunded");
    CHECK(shown["history"][0]["amount_minor"] == 650);
    CHECK(shown["history"][0]["order_number"] == sale.number);
    CHECK(shown["history"][0]["return_id"] == ret.id);
    CHECK(shown["history"][0]["actor"] == "zoe");
    CHECK(shown["history"][1]["kind"] == "redeemed");
    CHECK(shown["history"][1]["amount_minor"] == -400);
    CHECK(shown["history"][1]["redemption_id"] == redeemed->redemption_id);
    CHECK(shown["history"][1]["order_id"] == second.id);
    CHECK(shown["history"][1]["order_number"] == second.number);
    CHECK(shown["history"][1]["note"] == t2.origin + ": sale");
    // The till named its cashier by username; the ledger names her by her staff id.
    CHECK(office.Scalar("SELECT count(*) FROM staff WHERE username = 'zoe' AND id = '" +
                        shown["history"][1]["actor"].get<std::string>() + "'") == 1);
    CHECK(shown["history"][1]["occurred_at"].is_number_integer());

    // The same redemption cannot pay for a second sale, nor be given back once spent.
    const json again = at_t2.Results(json::array({at_t2.Of(
        2, ledger::OrderPlaced{at_t2.Tea(2),
                               true,
                               {orders::Payment{orders::Tender::kStoreCredit, Gbp(400), Gbp(400),
                                                redeemed->redemption_id, ""}}})}));
    CHECK(again[0]["status"] == "rejected");
    auto cancel = pos::office::CancelRedemption(client, t2.token, redeemed->redemption_id, "zoe");
    REQUIRE_FALSE(cancel);
    CHECK(cancel.error().status == 422);
    CHECK(cancel.error().error.message.find("has paid for a sale") != std::string::npos);
    CHECK(BalanceOf(office, card) == 250);
    CHECK(office.Verifies());
}

TEST_CASE(
    "a till may not pay with store credit the office did not redeem, nor push credit events of its "
    "own") {
    OfficeUnderTest office("credit-push-policy");
    const auto t1 = office.Pair("S01", "T1");
    PushEvents till(office, t1);
    const std::string card = GiftCard(office, "10.00");
    const json results = till.Results(json::array(
        {till.Of(1,
                 ledger::OrderPlaced{till.Tea(1),
                                     true,
                                     {orders::Payment{orders::Tender::kStoreCredit, Gbp(650),
                                                      Gbp(650), "made-up-redemption", ""}}}),
         till.Of(2, ledger::CreditRedeemed{office.ids.NextString(), card, Gbp(100), ""}),
         till.Of(3, ledger::CreditIssued{card, Gbp(100000), "", "", "free money"})}));
    for (const json& result : results) {
        INFO(result.dump());
        CHECK(result["status"] == "rejected");
        CHECK(result["code"] == "forbidden");
    }
    CHECK(results[0]["reason"].get<std::string>().find("was not made at the back office") !=
          std::string::npos);
    CHECK(BalanceOf(office, card) == 1000);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE number LIKE 'S01-T1-%'") == 0);
}

TEST_CASE(
    "a card is checked, redeemed, refused above its balance in words, and a redemption is given "
    "back once") {
    OfficeUnderTest office("credit-desk");
    const std::string card = GiftCard(office, "5.00");
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));

    CheckError(cashier->Get("/api/v1/credit/1234567812345670"), 404, "card_number");
    CheckError(cashier->Get("/api/v1/credit/1234567812345671"), 400, "card_number");
    CheckError(cashier->Get("/api/v1/credit/12345"), 400, "card_number");
    CHECK(GetOk(*cashier, "/api/v1/credit/" + card)["balance_minor"] == 500);

    const std::string redeem = "/api/v1/credit/" + card + "/redemptions";
    auto too_much = cashier->Post(redeem, json{{"amount", "7.50"}}.dump(), "application/json");
    CheckError(too_much, 422, "amount");
    CHECK(Body(too_much)["error"]["message"] == "CreditRedeemed: card " +
                                                    credit::CardNumberTail(card) +
                                                    " holds 5.00 GBP; 7.50 GBP cannot be taken");
    CheckError(cashier->Post(redeem, json{{"amount", "0.00"}}.dump(), "application/json"), 400,
               "amount");
    CheckError(cashier->Post(redeem, json{{"amount", 750}}.dump(), "application/json"), 400,
               "amount");
    CheckError(cashier->Post(redeem, json{{"amount", "7.505"}}.dump(), "application/json"), 400,
               "amount");
    CheckError(cashier->Post(redeem, json{{"amount", "1.00"}, {"currency", "EUR"}}.dump(),
                             "application/json"),
               400, "currency");
    CheckError(cashier->Post(redeem, json{{"amount", "1.00"}, {"note", "a\nb"}}.dump(),
                             "application/json"),
               400, "note");
    CHECK(BalanceOf(office, card) == 500);

    const json taken = PostCreated(*cashier, redeem, {{"amount", "3.00"}, {"note", "sale"}});
    CHECK(taken["balance_minor"] == 200);
    const std::string id = taken["redemption_id"];
    const std::string cancel = "/api/v1/credit/redemptions/" + id + "/cancel";
    const json back = PostCreated(*cashier, cancel, json::object());
    CHECK(back["amount_minor"] == 300);
    CHECK(back["balance_minor"] == 500);
    CheckError(cashier->Post(cancel, "{}", "application/json"), 409, "cancels_redemption_id");
    CheckError(cashier->Post("/api/v1/credit/redemptions/no-such/cancel", "{}", "application/json"),
               404);
    CHECK(BalanceOf(office, card) == 500);
    const json history = GetOk(*cashier, "/api/v1/credit/" + card)["history"];
    REQUIRE(history.size() == 3);
    CHECK(history[0]["kind"] == "issued");
    CHECK(history[1]["kind"] == "redeemed");
    CHECK(history[2]["kind"] == "redemption_cancelled");
    CHECK(history[2]["amount_minor"] == 300);

    // A till names the member of staff it acts for, who must be one of its staff.
    const auto till = office.Pair("S01", "T1");
    auto as_till = office.Client(till.token);
    CheckError(as_till->Post(redeem, json{{"amount", "1.00"}}.dump(), "application/json"), 400,
               "staff_id");
    CheckError(as_till->Post(redeem, json{{"amount", "1.00"}, {"staff_id", "nobody"}}.dump(),
                             "application/json"),
               403, "staff_id");
    CHECK(BalanceOf(office, card) == 500);
    // Gift cards are sold by a manager.
    CheckError(
        cashier->Post("/api/v1/gift-cards", json{{"amount", "5.00"}}.dump(), "application/json"),
        403);
    CHECK(office.Verifies());
}

TEST_CASE(
    "the back office's returns desk refunds to store credit at once, later in parts, and on an "
    "exchange, onto a new card it answers or the customer's own") {
    OfficeUnderTest office("credit-returns-desk");
    const auto t1 = office.Pair("S01", "T1");
    PushEvents till(office, t1);
    REQUIRE(till.Results(json::array({till.Sale(1, orders::Tender::kCard)}))[0]["status"] ==
            "accepted");
    auto cashier = office.Client(office.Login("zoe", "demo-cashier-password"));
    const json returned = PostCreated(
        *cashier, "/api/v1/returns",
        {{"order", "S01-T1-1"},
         {"location", "S01"},
         {"lines",
          {{{"line_no", 1}, {"quantity", 1}, {"reason", "faulty"}, {"condition", "damaged"}}}},
         {"refund", {{"tender", "store_credit"}}}});
    const std::string card = returned["credit_card"];
    CHECK(credit::IsCardNumber(card));
    CHECK(GetOk(*cashier, "/api/v1/credit/" + card)["balance_minor"] == 650);

    // A return refunded later, in two parts: the first onto a new card, the second onto the same
    // card typed in groups of four.
    REQUIRE(till.Results(json::array({till.Sale(2, orders::Tender::kCard)}))[0]["status"] ==
            "accepted");
    const json later = PostCreated(
        *cashier, "/api/v1/returns",
        {{"order", "S01-T1-2"},
         {"location", "S01"},
         {"lines",
          {{{"line_no", 1}, {"quantity", 1}, {"reason", "faulty"}, {"condition", "damaged"}}}}});
    const std::string refunds =
        "/api/v1/returns/" + later["return_id"].get<std::string>() + "/refunds";
    auto manager = office.Client(office.Manager());
    const json part =
        PostCreated(*manager, refunds, {{"tender", "store_credit"}, {"amount_minor", 300}});
    const std::string second_card = part["credit_card"];
    CHECK(credit::IsCardNumber(second_card));
    CHECK(second_card != card);
    const std::string typed = second_card.substr(0, 4) + " " + second_card.substr(4, 4) + " " +
                              second_card.substr(8, 4) + " " + second_card.substr(12);
    const json rest =
        PostCreated(*manager, refunds,
                    {{"tender", "store_credit"}, {"amount_minor", 350}, {"card_number", typed}});
    CHECK(rest["credit_card"] == second_card);
    CHECK(GetOk(*cashier, "/api/v1/credit/" + second_card)["balance_minor"] == 650);
    CheckError(manager->Post(refunds,
                             json{{"tender", "store_credit"},
                                  {"amount_minor", 1},
                                  {"card_number", "1234567812345671"}}
                                 .dump(),
                             "application/json"),
               400, "card_number");

    // An exchange for cheaper goods refunds the difference onto the customer's card.
    REQUIRE(till.Results(json::array({till.Sale(3, orders::Tender::kCard)}))[0]["status"] ==
            "accepted");
    const json exchanged =
        PostCreated(*cashier, "/api/v1/exchanges",
                    {{"order", "S01-T1-3"},
                     {"location", "S01"},
                     {"lines",
                      {{{"line_no", 1},
                        {"quantity", 1},
                        {"reason", "changed_mind"},
                        {"condition", "restock"}}}},
                     {"new_goods", {{{"sku", "TEA-PEPM-20BAGS"}, {"quantity", 1}}}},
                     {"tender", "store_credit"},
                     {"card_number", card}});
    CHECK(exchanged["refunded_minor"] == 325);
    CHECK(exchanged["credit_card"] == card);
    CHECK(GetOk(*cashier, "/api/v1/credit/" + card)["balance_minor"] == 650 + 325);
    CHECK(office.Verifies());
}

TEST_CASE(
    "concurrent redemptions of one card from many threads take exactly what it holds and leave it "
    "at zero, never below") {
    OfficeUnderTest office("credit-concurrent");
    const auto t1 = office.Pair("S01", "T1");
    const auto t2 = office.Pair("S01", "T2");

    // Two tills each take the whole balance at once, ten times over: one wins each time.
    for (int round = 0; round < 10; ++round) {
        const std::string card = GiftCard(office, "10.00");
        std::atomic<int> taken{0}, refused{0};
        std::latch start(2);
        std::vector<std::thread> tills;
        for (const auto* till : {&t1, &t2}) {
            tills.emplace_back([&, till] {
                auto client = TillClient(office.server->Port());
                start.arrive_and_wait();
                auto redeemed =
                    pos::office::RedeemCredit(client, till->token, card, Gbp(1000), "zoe", "sale");
                if (redeemed) {
                    ++taken;
                } else if (redeemed.error().status == 422) {
                    ++refused;
                }
            });
        }
        for (auto& thread : tills)
            thread.join();
        CHECK(taken == 1);
        CHECK(refused == 1);
        CHECK(BalanceOf(office, card) == 0);
    }

    // Sixteen threads take 2.50 each from a card holding 10.00: four succeed, twelve are refused.
    const std::string card = GiftCard(office, "10.00");
    constexpr int kThreads = 16;
    std::atomic<int> taken{0}, refused{0};
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", office.server->Port());
            client.set_bearer_token_auth(i % 2 == 0 ? t1.token : t2.token);
            client.set_read_timeout(30);
            const std::string body = json{{"amount", "2.50"}, {"staff_id", "zoe"}}.dump();
            start.arrive_and_wait();
            auto res =
                client.Post("/api/v1/credit/" + card + "/redemptions", body, "application/json");
            if (res && res->status == 201) ++taken;
            if (res && res->status == 422) ++refused;
        });
    }
    for (auto& thread : threads)
        thread.join();
    CHECK(taken == 4);
    CHECK(refused == kThreads - 4);
    CHECK(BalanceOf(office, card) == 0);
    CHECK(office.Scalar("SELECT count(*) FROM credit_cards WHERE balance_minor < 0") == 0);
    CHECK(office.Scalar("SELECT count(*) FROM credit_redemptions WHERE card_number = '" + card +
                        "'") == 4);
    CHECK(office.Verifies());
}

TEST_CASE(
    "the till's credit calls refuse a mistyped number at once and say store credit is online "
    "only") {
    OfficeUnderTest office("credit-till-offline");
    const auto t1 = office.Pair("S01", "T1");
    auto client = TillClient(office.server->Port());
    auto mistyped = pos::office::CheckCredit(client, t1.token, "1234 5678 1234 5671");
    REQUIRE_FALSE(mistyped);
    CHECK(mistyped.error().kind == pos::office::FailureKind::kRefused);
    CHECK(mistyped.error().status == 0);  // never sent
    auto unknown = pos::office::CheckCredit(client, t1.token, "1234 5678 1234 5670");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().status == 404);
    CHECK(unknown.error().error.message.find("is not known") != std::string::npos);

    // The office is gone: nothing to redeem against.
    const int port = office.server->Port();
    office.server->Stop();
    auto offline = TillClient(port);
    auto redeemed =
        pos::office::RedeemCredit(offline, t1.token, "1234567812345670", Gbp(100), "zoe", "sale");
    REQUIRE_FALSE(redeemed);
    CHECK(redeemed.error().kind == pos::office::FailureKind::kUnreachable);
    INFO(redeemed.error().error.message);
    CHECK(redeemed.error().error.message.find(
              "store credit is taken only with the back office online") != std::string::npos);
}

TEST_CASE(
    "issue 14 acceptance: credit refunded at one till is spent at another against the real "
    "tillbook-office, and two tills redeeming it at once leave it at zero, never below") {
    testing::RealOffice office("credit-acceptance");
    ids::SystemClock clock;
    ids::UuidV7Source ids(clock);
    httplib::Client staff("127.0.0.1", office.port);
    // Each till pairs itself with a manager's code, as `tillbook-pos pair` does.
    auto pair = [&](const std::string& name) {
        auto client = TillClient(office.port);
        auto paired = pos::office::PairWithOffice(client, testing::PairingCodeFor(staff), name);
        REQUIRE(paired);
        return OfficeUnderTest::Terminal{paired->token, paired->origin};
    };
    const auto t1 = pair("T1");
    const auto t2 = pair("T2");
    const auto t3 = pair("T3");
    PushEvents at_t1(office.db, ids, clock, t1, office.port);

    // T1: a sale of two teas by card, both back, 13.00 refunded to a new credit note.
    orders::Order sale = at_t1.Tea(1);
    sale.lines[0].quantity = 2000;
    const orders::Return ret{
        ids.NextString(),
        sale.id,
        at_t1.Store(),
        false,
        "GBP",
        {orders::ReturnLine{1, "TEA-EARL-125G", 2000, Gbp(0), orders::ReturnReason::kChangedMind,
                            orders::ItemCondition::kRestock}}};
    const std::string card = credit::NewCardNumber();
    for (const json& result : at_t1.Results(
             json::array(
                 {at_t1.Of(1, ledger::OrderPlaced{sale,
                                                  true,
                                                  {orders::Payment{orders::Tender::kCard, Gbp(1300),
                                                                   Gbp(1300), "A-1", ""}}}),
                  at_t1.Of(2, ledger::ReturnReceived{ret}),
                  at_t1.Of(3, ledger::RefundIssued{sale.id, ret.id,
                                                   orders::Refund{orders::Tender::kStoreCredit,
                                                                  Gbp(1300), card, ""}})}))) {
        CHECK(result["status"] == "accepted");
    }

    // T2 and T3 each check the note and take all 13.00 at the same moment, five times over with
    // the credit given back between: exactly one of them gets it each time.
    std::string kept_redemption;
    const OfficeUnderTest::Terminal* kept_by = nullptr;
    for (int round = 0; round < 5; ++round) {
        std::latch start(2);
        std::mutex mutex;
        std::vector<std::pair<const OfficeUnderTest::Terminal*, std::string>> won;
        int refused = 0;
        std::vector<std::thread> tills;
        for (const auto* till : {&t2, &t3}) {
            tills.emplace_back([&, till] {
                auto client = TillClient(office.port);
                auto balance = pos::office::CheckCredit(client, till->token, card);
                start.arrive_and_wait();
                if (!balance) return;
                auto redeemed = pos::office::RedeemCredit(
                    client, till->token, card, Gbp(balance->balance_minor), "zoe", "sale");
                std::lock_guard lock(mutex);
                if (redeemed) won.emplace_back(till, redeemed->redemption_id);
                if (!redeemed && redeemed.error().status == 422) ++refused;
            });
        }
        for (auto& thread : tills)
            thread.join();
        REQUIRE(won.size() == 1);
        CHECK(refused == 1);
        auto db = store::Database::Open(office.db, {store::Durability::kNormal, 5000, false});
        REQUIRE(db);
        CHECK(*db->QueryInt64("SELECT balance_minor FROM credit_cards WHERE card_number = '" +
                              card + "'") == 0);
        kept_by = won[0].first;
        kept_redemption = won[0].second;
        if (round + 1 < 5) {
            // The winner's customer walks away: the sale is abandoned, the credit goes back.
            auto client = TillClient(office.port);
            auto back =
                pos::office::CancelRedemption(client, kept_by->token, kept_redemption, "zoe");
            REQUIRE(back);
            CHECK(back->balance_minor == 1300);
        }
    }

    // The last winner's sale is paid with the redemption and reaches the office by sync.
    PushEvents at_winner(office.db, ids, clock, *kept_by, office.port);
    orders::Order second = at_winner.Tea(1);
    second.lines[0].quantity = 2000;
    const json sold = at_winner.Results(json::array({at_winner.Of(
        1, ledger::OrderPlaced{second,
                               true,
                               {orders::Payment{orders::Tender::kStoreCredit, Gbp(1300), Gbp(1300),
                                                kept_redemption, ""}}})}));
    CHECK(sold[0]["status"] == "accepted");
    auto db = store::Database::Open(office.db, {store::Durability::kNormal, 5000, false});
    REQUIRE(db);
    CHECK(*db->QueryInt64("SELECT balance_minor FROM credit_cards WHERE card_number = '" + card +
                          "'") == 0);
    CHECK(*db->QueryInt64("SELECT count(*) FROM credit_cards WHERE balance_minor < 0") == 0);
    auto report = ledger::VerifyDatabase(*db, office.db + ".scratch");
    REQUIRE(report);
    for (const auto& problem : report->problems)
        MESSAGE(problem);
    CHECK(report->Ok());
}
