#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tillbook/ledger/event.hpp"
#include "tillbook/ledger/event_json.hpp"

using nlohmann::json;
using tillbook::Error;
using tillbook::ErrorCode;
using tillbook::ledger::EventFromJson;
using tillbook::ledger::EventToJson;
using tillbook::ledger::KindOf;
using tillbook::ledger::ParseEvent;
using tillbook::ledger::PayloadFromJson;
using tillbook::ledger::PayloadToJson;
using tillbook::money::Currency;
using tillbook::money::Money;
using tillbook::money::TaxMode;
using tillbook::orders::ItemCondition;
using tillbook::orders::LineKind;
using tillbook::orders::Order;
using tillbook::orders::OrderLine;
using tillbook::orders::OrderStatus;
using tillbook::orders::Payment;
using tillbook::orders::Refund;
using tillbook::orders::Return;
using tillbook::orders::ReturnLine;
using tillbook::orders::ReturnReason;
using tillbook::orders::Tender;
namespace ledger = tillbook::ledger;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Money Gbp(std::int64_t minor) {
    return Money(minor, Currency{"GBP", 2});
}
Money Jpy(std::int64_t minor) {
    return Money(minor, Currency{"JPY", 0});
}
Money Bhd(std::int64_t minor) {
    return Money(minor, Currency{"BHD", 3});
}

// Three lines, so that "lines[2]" exists; unicode, a weighed quantity, both tax modes.
Order FullOrder() {
    Order order;
    order.id = "0192f0c4-7a1e-7c3a-9b2d-5f6e7d8c9b0a";
    order.number = "S01-T2-004217";
    order.channel = "store:S01";
    order.external_id = "#1042 «web»";
    order.location_id = "S01";
    order.currency = "GBP";
    order.placed_at = 1763803200123;
    order.despatch_by = 1763889600000;
    order.deliver_by = std::nullopt;
    order.customer_email = "zoë.bjørnsen@例え.jp";
    order.lines = {
        OrderLine{1, LineKind::kGoods, "CHEESE-COMTE", "Comté 18 mois — au poids", 1234, Gbp(2899),
                  Gbp(100), 0, TaxMode::kInclusive, std::nullopt},
        OrderLine{2, LineKind::kShipping, "", "Royal Mail 📦 \"Tracked 24\"", 1000, Gbp(495), Gbp(0),
                  2000, TaxMode::kExclusive, std::nullopt},
        OrderLine{3, LineKind::kGiftCard, "GIFT-25", "Carte cadeau\ttab\\backslash\nnewline", 2000,
                  Gbp(2500), Gbp(0), 0, TaxMode::kInclusive, 1234},
    };
    order.attention = {"unknown SKU \"ZZZ\"", "адрес неполный"};
    return order;
}

Return FullReturn() {
    Return ret;
    ret.id = "0192f0c5-0000-7000-8000-00000000000r";
    ret.order_id = "0192f0c4-7a1e-7c3a-9b2d-5f6e7d8c9b0a";
    ret.location_id = "S02";
    ret.no_receipt = false;
    ret.currency = "GBP";
    ret.lines = {
        ReturnLine{1, "CHEESE-COMTE", 500, Gbp(0), ReturnReason::kNotAsDescribed,
                   ItemCondition::kWriteOff},
        ReturnLine{0, "MUG-☕", 1000, Gbp(1250), ReturnReason::kDamagedInTransit,
                   ItemCondition::kDamaged},
    };
    return ret;
}

Payment CashPayment() {
    return Payment{Tender::kCash, Gbp(4294), Gbp(5000), "", "shift-7"};
}

ledger::Event Envelope(ledger::EventPayload payload) {
    ledger::Event event;
    event.id = "0192f0c4-7a1f-7000-8000-000000000042";
    event.origin = "terminal:S01-T2";
    event.origin_seq = 42;
    event.actor = "staff:0007 Zoë";
    event.occurred_at = 1763803200456;
    event.payload = std::move(payload);
    return event;
}

ledger::Event OrderPlacedEvent() {
    return Envelope(ledger::OrderPlaced{FullOrder(), true});
}

ledger::Event PaymentTakenEvent() {
    return Envelope(ledger::PaymentTaken{"0192f0c4-7a1e-7c3a-9b2d-5f6e7d8c9b0a", CashPayment()});
}

std::vector<ledger::Event> OneEventOfEveryKind() {
    Order exchange_order = FullOrder();
    exchange_order.id = "0192f0c6-0000-7000-8000-000000000001";
    exchange_order.despatch_by = std::nullopt;
    return {
        OrderPlacedEvent(),
        PaymentTakenEvent(),
        Envelope(ledger::StockReserved{"order-1", "WH1", {{"TEA-1", 3000}, {"茶-2", 1}}}),
        Envelope(ledger::OrderStatusChanged{"order-1", OrderStatus::kLost}),
        Envelope(ledger::OrderDispatched{"order-1", "JD014600003828123456"}),
        Envelope(ledger::OrderCancelled{"order-1", "customer asked — «annulé»"}),
        Envelope(ledger::ReturnReceived{FullReturn()}),
        Envelope(ledger::RefundIssued{"order-1", "return-1",
                                      Refund{Tender::kCard, Gbp(1250), "AUTH 0042", "shift-7"}}),
        Envelope(ledger::ExchangeCompleted{
            FullReturn(),
            exchange_order,
            {Payment{Tender::kExchangeCredit, Gbp(1250), Gbp(1250), "return-1", "shift-7"},
             Payment{Tender::kCard, Gbp(3044), Gbp(3044), "AUTH 7", "shift-7"}},
            {Refund{Tender::kStoreCredit, Gbp(1), "rounding", "shift-7"}}}),
        Envelope(ledger::StockAdjusted{"S01", "TEA-1", -2500, ledger::AdjustmentReason::kTheft,
                                       "counted 🫖 twice"}),
        Envelope(ledger::StockTransferred{"WH1", "S01", {{"TEA-1", 12000}, {"MUG-☕", 6000}}}),
        Envelope(ledger::ShiftOpened{"shift-7", "S01", "S01-T2", Gbp(15000)}),
        Envelope(ledger::CashMoved{"shift-7", ledger::CashMovementKind::kPaidOut, Gbp(2000),
                                   "window cleaner"}),
        Envelope(ledger::ShiftClosed{"shift-7", Gbp(31415)}),
        Envelope(ledger::OrderFlagged{"order-9", {"line 2: unknown SKU \"X\"", "short: 1 of TEA"}}),
        Envelope(ledger::ReferenceChanged{"sku", "TEA-1", "updated", "price 4.50 → 4.75"}),
        Envelope(ledger::OrderAmended{FullOrder(), "changed on shopify: line 1 2 → 1, line 3 new"}),
        Envelope(ledger::CreditIssued{"1234567812345670", Gbp(2500), "order-1",
                                      "0192f0c7-0000-7000-8000-000000000003", "gift card — «25»"}),
        Envelope(ledger::CreditRedeemed{"0192f0c7-0000-7000-8000-000000000003", "1234567812345670",
                                        Gbp(750), "terminal:S01-T2: sale"}),
        Envelope(ledger::DrawerOpened{"shift-7", "terminal:S01-T2", "No sale", "change — «£5»"}),
    };
}

ledger::Event MustDecode(const json& value) {
    auto decoded = EventFromJson(value);
    REQUIRE_MESSAGE(decoded.has_value(), (decoded ? "" : decoded.error().message));
    return *decoded;
}

Error MustReject(const json& value) {
    auto decoded = EventFromJson(value);
    REQUIRE_FALSE(decoded.has_value());
    return decoded.error();
}

Error MustRejectText(std::string_view text) {
    auto decoded = ParseEvent(text);
    REQUIRE_FALSE(decoded.has_value());
    return decoded.error();
}

// Replaces the one occurrence of `from` in `text`, to write what json values cannot (1e3).
std::string ReplaceOnce(std::string text, std::string_view from, std::string_view to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    REQUIRE_MESSAGE(text.find(from, at + 1) == std::string::npos, from);
    return text.replace(at, from.size(), to);
}

void CheckFieldError(const Error& error, ErrorCode code, const std::string& field,
                     const std::string& what) {
    CHECK(error.code == code);
    CHECK(error.field == field);
    CHECK(error.message == field + ": " + what);
}

}  // namespace

// ---- Kinds ----

TEST_CASE("each payload has its own kind, named after the payload") {
    std::set<ledger::EventKind> kinds;
    for (const auto& event : OneEventOfEveryKind())
        kinds.insert(KindOf(event.payload));
    CHECK(kinds.size() == 20);
    CHECK(KindOf(ledger::EventPayload{ledger::CreditIssued{}}) == ledger::EventKind::kCreditIssued);
    CHECK(static_cast<int>(ledger::EventKind::kCreditIssued) == 18);
    CHECK(KindOf(ledger::EventPayload{ledger::CreditRedeemed{}}) ==
          ledger::EventKind::kCreditRedeemed);
    CHECK(static_cast<int>(ledger::EventKind::kCreditRedeemed) == 19);
    CHECK(ToString(ledger::EventKind::kCreditRedeemed) == "CreditRedeemed");
    CHECK(KindOf(ledger::EventPayload{ledger::OrderPlaced{}}) == ledger::EventKind::kOrderPlaced);
    CHECK(KindOf(ledger::EventPayload{ledger::OrderFlagged{}}) == ledger::EventKind::kOrderFlagged);
    CHECK(KindOf(ledger::EventPayload{ledger::OrderAmended{}}) == ledger::EventKind::kOrderAmended);
    CHECK(ToString(ledger::EventKind::kOrderAmended) == "OrderAmended");
    CHECK(KindOf(ledger::EventPayload{ledger::ShiftClosed{}}) == ledger::EventKind::kShiftClosed);
    CHECK(ToString(ledger::EventKind::kOrderPlaced) == "OrderPlaced");
    CHECK(ToString(ledger::EventKind::kExchangeCompleted) == "ExchangeCompleted");
    CHECK(ToString(ledger::EventKind::kShiftClosed) == "ShiftClosed");
    CHECK(ToString(static_cast<ledger::EventKind>(99)) == "Unknown");
}

// ---- Round trips ----

TEST_CASE("every kind of event survives a round trip through JSON and through JSON text") {
    for (const auto& event : OneEventOfEveryKind()) {
        INFO(ToString(KindOf(event.payload)));
        const json encoded = EventToJson(event);
        CHECK(encoded.at("kind") == static_cast<int>(KindOf(event.payload)));
        CHECK(MustDecode(encoded) == event);

        const auto reparsed = ParseEvent(encoded.dump());
        REQUIRE_MESSAGE(reparsed.has_value(), (reparsed ? "" : reparsed.error().message));
        CHECK(*reparsed == event);
    }
}

TEST_CASE("every kind of payload survives a round trip on its own") {
    for (const auto& event : OneEventOfEveryKind()) {
        const auto kind = KindOf(event.payload);
        INFO(ToString(kind));
        const auto decoded = PayloadFromJson(kind, PayloadToJson(event.payload));
        REQUIRE_MESSAGE(decoded.has_value(), (decoded ? "" : decoded.error().message));
        CHECK(*decoded == event.payload);
    }
}

TEST_CASE("the largest and smallest int64 amounts, sequence numbers and times are kept exactly") {
    auto event = Envelope(ledger::PaymentTaken{
        "order-1", Payment{Tender::kCard, Gbp(kMax), Gbp(kMin), "max/min", ""}});
    event.origin_seq = kMax;
    event.occurred_at = kMin;
    const std::string text = EventToJson(event).dump();
    CHECK(text.find("9223372036854775807") != std::string::npos);
    CHECK(text.find("-9223372036854775808") != std::string::npos);
    const auto decoded = ParseEvent(text);
    REQUIRE(decoded.has_value());
    CHECK(*decoded == event);
}

TEST_CASE("yen and dinar amounts come back with their own exponents") {
    const auto event = Envelope(ledger::PaymentTaken{
        "order-1", Payment{Tender::kCash, Jpy(1200), Bhd(1234), "", "shift-1"}});
    const json encoded = EventToJson(event);
    CHECK(encoded["payload"]["payment"]["amount"] == json{{"minor", 1200}, {"currency", "JPY"}});
    CHECK(encoded["payload"]["payment"]["tendered"] == json{{"minor", 1234}, {"currency", "BHD"}});
    const auto decoded = MustDecode(encoded);
    const auto& payment = std::get<ledger::PaymentTaken>(decoded.payload).payment;
    CHECK(payment.amount.GetCurrency() == Currency{"JPY", 0});
    CHECK(payment.tendered.GetCurrency() == Currency{"BHD", 3});
    CHECK(decoded == event);
}

TEST_CASE("deadlines are written as null when unset and may be null or absent when read") {
    auto event = OrderPlacedEvent();
    auto& order = std::get<ledger::OrderPlaced>(event.payload).order;
    order.despatch_by = std::nullopt;
    order.deliver_by = std::nullopt;
    json encoded = EventToJson(event);
    CHECK(encoded["payload"]["order"]["despatch_by"].is_null());
    CHECK(encoded["payload"]["order"]["deliver_by"].is_null());
    CHECK(MustDecode(encoded) == event);

    encoded["payload"]["order"].erase("despatch_by");
    encoded["payload"]["order"].erase("deliver_by");
    CHECK(MustDecode(encoded) == event);
}

TEST_CASE(
    "an order's shop-currency totals survive a round trip in OrderPlaced and OrderAmended, are "
    "left out when unset, and events written without them still read") {
    const Currency eur{"EUR", 2};
    Order order = FullOrder();  // paid in pounds in a shop that keeps its books in euros
    order.shop_currency = tillbook::orders::ShopCurrencyTotals{Money(5085, eur), Money(847, eur)};
    using MakeEvent = ledger::Event (*)(const Order&);
    const MakeEvent makers[] = {[](const Order& o) {
                                    return Envelope(ledger::OrderPlaced{o, false});
                                },
                                [](const Order& o) {
                                    return Envelope(ledger::OrderAmended{o, "changed on shopify"});
                                }};
    for (const MakeEvent make : makers) {
        const ledger::Event event = make(order);
        INFO(ToString(KindOf(event.payload)));
        json encoded = EventToJson(event);
        CHECK(encoded["payload"]["order"]["shop_currency"] ==
              json{{"total", {{"minor", 5085}, {"currency", "EUR"}}},
                   {"tax", {{"minor", 847}, {"currency", "EUR"}}}});
        CHECK(MustDecode(encoded) == event);
        const auto reparsed = ParseEvent(encoded.dump());
        REQUIRE(reparsed.has_value());
        CHECK(*reparsed == event);

        // An order paid in the shop's currency is written as before the field existed, and an
        // event stored then (no key) or with null reads as one without shop-currency totals.
        const ledger::Event without = make(FullOrder());
        CHECK_FALSE(EventToJson(without)["payload"]["order"].contains("shop_currency"));
        encoded["payload"]["order"].erase("shop_currency");
        CHECK(MustDecode(encoded) == without);
        encoded["payload"]["order"]["shop_currency"] = nullptr;
        CHECK(MustDecode(encoded) == without);

        encoded["payload"]["order"]["shop_currency"] = {
            {"total", {{"minor", "50.85"}, {"currency", "EUR"}}},
            {"tax", {{"minor", 847}, {"currency", "EUR"}}}};
        CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput,
                        "payload.order.shop_currency.total.minor", "expected an integer");
    }
}

TEST_CASE("unicode, quotes, control characters and NUL bytes in text are kept exactly") {
    auto event = Envelope(ledger::OrderCancelled{
        "注文-１", std::string("emoji 🍮 quote \" backslash \\ bell \a nul \0 end", 45)});
    const auto decoded = ParseEvent(EventToJson(event).dump());
    REQUIRE(decoded.has_value());
    CHECK(*decoded == event);
    CHECK(std::get<ledger::OrderCancelled>(decoded->payload).reason.size() == 45);
}

TEST_CASE("unknown extra keys are ignored at every level") {
    const auto event = OrderPlacedEvent();
    json encoded = EventToJson(event);
    encoded["schema"] = 2;
    encoded["payload"]["note"] = json::array({1, 2, 3});
    encoded["payload"]["order"]["lines"][0]["colour"] = "blue";
    encoded["payload"]["order"]["lines"][0]["unit_price"]["major"] = 28.99;
    CHECK(MustDecode(encoded) == event);
}

TEST_CASE("an OrderPlaced event is stored in exactly this form") {
    Order order;
    order.id = "0192f0c4-0000-7000-8000-000000000002";
    order.number = "S01-T1-000007";
    order.channel = "store:S01";
    order.location_id = "S01";
    order.currency = "GBP";
    order.placed_at = 1763800000000;
    order.deliver_by = 1763900000000;
    order.lines = {OrderLine{1, LineKind::kGoods, "TEA-EARL-100", "Earl Grey 100 g", 2000, Gbp(450),
                             Gbp(50), 0, TaxMode::kInclusive, std::nullopt},
                   OrderLine{2, LineKind::kService, "", "Crème brûlée", 1000, Gbp(395), Gbp(0),
                             2000, TaxMode::kExclusive, std::nullopt}};
    ledger::Event event;
    event.id = "0192f0c4-0000-7000-8000-000000000001";
    event.origin = "terminal:S01-T1";
    event.origin_seq = 7;
    event.actor = "staff:0042";
    event.occurred_at = 1763800000123;
    event.payload = ledger::OrderPlaced{order, true};

    const std::string expected =
        R"({"actor":"staff:0042","id":"0192f0c4-0000-7000-8000-000000000001","kind":1,)"
        R"("occurred_at":1763800000123,"origin":"terminal:S01-T1","origin_seq":7,)"
        R"("payload":{"handed_over":true,"order":{"attention":[],"channel":"store:S01",)"
        R"("currency":"GBP","customer_email":"","deliver_by":1763900000000,)"
        R"("despatch_by":null,"external_id":"","id":"0192f0c4-0000-7000-8000-000000000002",)"
        R"("lines":[{"description":"Earl Grey 100 g","discount":{"currency":"GBP","minor":50},)"
        R"("kind":1,"line_no":1,"quantity":2000,"sku":"TEA-EARL-100","tax_given_minor":null,)"
        R"("tax_mode":1,"tax_rate":0,)"
        R"("unit_price":{"currency":"GBP","minor":450}},{"description":"Crème brûlée",)"
        R"("discount":{"currency":"GBP","minor":0},"kind":4,"line_no":2,"quantity":1000,)"
        R"("sku":"","tax_given_minor":null,"tax_mode":2,"tax_rate":2000,)"
        R"("unit_price":{"currency":"GBP","minor":395}}],)"
        R"("location_id":"S01","number":"S01-T1-000007","placed_at":1763800000000},"payments":[]}})";
    CHECK(EventToJson(event).dump() == expected);
    const auto decoded = ParseEvent(expected);
    REQUIRE(decoded.has_value());
    CHECK(*decoded == event);
}

namespace {

std::vector<std::string> KeysOf(const json& object) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : object.items())
        keys.push_back(key);
    return keys;
}

}  // namespace

TEST_CASE("the keys of every payload and nested record are fixed, so stored events stay readable") {
    using Keys = std::vector<std::string>;
    const std::vector<Keys> payload_keys = {
        {"handed_over", "order", "payments"},
        {"order_id", "payment"},
        {"lines", "location_id", "order_id"},
        {"order_id", "to"},
        {"order_id", "tracking"},
        {"order_id", "reason"},
        {"ret"},
        {"order_id", "refund", "return_id"},
        {"new_order", "payments", "refunds", "ret"},
        {"delta", "location_id", "note", "reason", "sku"},
        {"from_location_id", "lines", "to_location_id"},
        {"location_id", "opening_float", "shift_id", "terminal"},
        {"amount", "kind", "reason", "shift_id"},
        {"counted", "shift_id"},
        {"order_id", "reasons"},
        {"change", "detail", "entity", "key"},
        {"order", "reason"},
        {"amount", "cancels_redemption_id", "card_number", "note", "order_id"},
        {"amount", "card_number", "note", "redemption_id"},
        {"note", "reason", "shift_id", "terminal"},
    };
    const auto events = OneEventOfEveryKind();
    REQUIRE(events.size() == payload_keys.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        INFO(ToString(KindOf(events[i].payload)));
        CHECK(KeysOf(PayloadToJson(events[i].payload)) == payload_keys[i]);
    }

    const json exchange = PayloadToJson(events[8].payload);
    CHECK(KeysOf(exchange["payments"][0]) ==
          Keys{"amount", "reference", "shift_id", "tender", "tendered"});
    CHECK(KeysOf(exchange["refunds"][0]) == Keys{"amount", "reference", "shift_id", "tender"});
    CHECK(KeysOf(exchange["ret"]) ==
          Keys{"currency", "id", "lines", "location_id", "no_receipt", "order_id"});
    CHECK(KeysOf(exchange["ret"]["lines"][0]) ==
          Keys{"condition", "order_line_no", "quantity", "reason", "sku", "unit_value"});
    CHECK(KeysOf(PayloadToJson(events[2].payload)["lines"][0]) == Keys{"quantity", "sku"});
}

// ---- Money ----

TEST_CASE("money written as a decimal float is rejected at its field") {
    json encoded = EventToJson(PaymentTakenEvent());
    encoded["payload"]["payment"]["amount"]["minor"] = 19.99;
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "payload.payment.amount.minor",
                    "expected an integer");
}

TEST_CASE("money written as a string, a boolean or null is rejected at its field") {
    for (const json& bad : {json("1999"), json(true), json(nullptr), json::array({1999})}) {
        INFO(bad.dump());
        json encoded = EventToJson(PaymentTakenEvent());
        encoded["payload"]["payment"]["tendered"]["minor"] = bad;
        CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput,
                        "payload.payment.tendered.minor", "expected an integer");
    }
}

TEST_CASE("a whole amount written as a float (1e3 or 1000.0) is still not an integer") {
    const std::string text = EventToJson(PaymentTakenEvent()).dump();
    for (const char* bad : {"1e3", "1000.0", "1E3", "4.294e3"}) {
        INFO(bad);
        const std::string edited =
            ReplaceOnce(text, R"("minor":4294)", std::string(R"("minor":)") + bad);
        CheckFieldError(MustRejectText(edited), ErrorCode::kInvalidInput,
                        "payload.payment.amount.minor", "expected an integer");
    }
}

TEST_CASE("an amount beyond int64 is rejected rather than wrapped or rounded") {
    const std::string text = EventToJson(PaymentTakenEvent()).dump();
    struct Case {
        const char* minor;
        const char* what;
    };
    for (const auto& c :
         {Case{"9223372036854775808", "out of range"}, Case{"18446744073709551615", "out of range"},
          Case{"-9223372036854775809", "expected an integer"},
          Case{"123456789012345678901234567890", "expected an integer"}}) {
        INFO(c.minor);
        const auto edited =
            ReplaceOnce(text, R"("minor":4294)", std::string(R"("minor":)") + c.minor);
        CheckFieldError(MustRejectText(edited), ErrorCode::kInvalidInput,
                        "payload.payment.amount.minor", c.what);
    }
}

TEST_CASE("an unknown currency is unsupported and a malformed one is invalid") {
    json encoded = EventToJson(PaymentTakenEvent());
    encoded["payload"]["payment"]["amount"]["currency"] = "XYZ";
    auto error = MustReject(encoded);
    CHECK(error.code == ErrorCode::kUnsupported);
    CHECK(error.field == "payload.payment.amount.currency");
    CHECK(error.message.starts_with("payload.payment.amount.currency: "));
    CHECK(error.message.find("XYZ") != std::string::npos);

    encoded["payload"]["payment"]["amount"]["currency"] = "gbp";
    error = MustReject(encoded);
    CHECK(error.code == ErrorCode::kInvalidInput);
    CHECK(error.field == "payload.payment.amount.currency");

    encoded["payload"]["payment"]["amount"]["currency"] = 826;
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput,
                    "payload.payment.amount.currency", "expected a string");
}

TEST_CASE("money that is not an object is rejected at its field") {
    json encoded = EventToJson(Envelope(ledger::ShiftClosed{"shift-7", Gbp(100)}));
    encoded["payload"]["counted"] = 100;
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "payload.counted",
                    "expected an object");
}

// ---- Shape ----

TEST_CASE("a wrong type deep in an order names the line and the field") {
    json encoded = EventToJson(OrderPlacedEvent());
    encoded["payload"]["order"]["lines"][2]["quantity"] = "2";
    const auto error = MustReject(encoded);
    CHECK(error.message == "payload.order.lines[2].quantity: expected an integer");
    CHECK(error.field == "payload.order.lines[2].quantity");
    CHECK(error.code == ErrorCode::kInvalidInput);
}

TEST_CASE("strings, flags, arrays and objects of the wrong type are rejected at their field") {
    const json base = EventToJson(OrderPlacedEvent());
    struct Case {
        json::json_pointer pointer;
        json bad;
        std::string field;
        std::string what;
    };
    const std::vector<Case> cases = {
        {json::json_pointer("/id"), 42, "id", "expected a string"},
        {json::json_pointer("/actor"), nullptr, "actor", "expected a string"},
        {json::json_pointer("/origin_seq"), "42", "origin_seq", "expected an integer"},
        {json::json_pointer("/payload/handed_over"), 1, "payload.handed_over",
         "expected true or false"},
        {json::json_pointer("/payload/handed_over"), "true", "payload.handed_over",
         "expected true or false"},
        {json::json_pointer("/payload/order/lines"), json::object(), "payload.order.lines",
         "expected an array"},
        {json::json_pointer("/payload/order/lines/1"), "line", "payload.order.lines[1]",
         "expected an object"},
        {json::json_pointer("/payload/order/attention/1"), 7, "payload.order.attention[1]",
         "expected a string"},
        {json::json_pointer("/payload/order/despatch_by"), "tomorrow", "payload.order.despatch_by",
         "expected an integer"},
        {json::json_pointer("/payload/order/deliver_by"), 1.5, "payload.order.deliver_by",
         "expected an integer"},
        {json::json_pointer("/payload/order"), json::array(), "payload.order",
         "expected an object"},
        {json::json_pointer("/payload"), "OrderPlaced", "payload", "expected an object"},
        {json::json_pointer("/payload/order/lines/0/line_no"), 2147483648LL,
         "payload.order.lines[0].line_no", "out of range"},
        {json::json_pointer("/payload/order/lines/0/tax_rate"), -2147483649LL,
         "payload.order.lines[0].tax_rate", "out of range"},
    };
    for (const auto& c : cases) {
        INFO(c.pointer.to_string());
        json encoded = base;
        encoded[c.pointer] = c.bad;
        CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, c.field, c.what);
    }
}

TEST_CASE("a missing key is named with its path") {
    json encoded = EventToJson(OrderPlacedEvent());
    encoded["payload"]["order"]["lines"][1].erase("sku");
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "payload.order.lines[1].sku",
                    "missing");

    encoded = EventToJson(PaymentTakenEvent());
    encoded["payload"]["payment"]["amount"].erase("minor");
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "payload.payment.amount.minor",
                    "missing");

    encoded = EventToJson(PaymentTakenEvent());
    encoded.erase("origin_seq");
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "origin_seq", "missing");

    encoded = EventToJson(PaymentTakenEvent());
    encoded.erase("payload");
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "payload", "missing");
}

TEST_CASE("an empty list is fine but an empty object is missing every key") {
    json encoded = EventToJson(OrderPlacedEvent());
    encoded["payload"]["order"]["lines"] = json::array();
    const auto decoded = MustDecode(encoded);
    CHECK(std::get<ledger::OrderPlaced>(decoded.payload).order.lines.empty());

    CheckFieldError(MustReject(json::object()), ErrorCode::kInvalidInput, "id", "missing");
}

// ---- Enums and kinds ----

TEST_CASE("an enum value that is not defined is rejected at its field") {
    struct Case {
        ledger::Event event;
        json::json_pointer pointer;
        json bad;
        std::string field;
    };
    const std::vector<Case> cases = {
        {OrderPlacedEvent(), json::json_pointer("/payload/order/lines/0/kind"), 99,
         "payload.order.lines[0].kind"},
        {OrderPlacedEvent(), json::json_pointer("/payload/order/lines/0/kind"), 0,
         "payload.order.lines[0].kind"},
        {OrderPlacedEvent(), json::json_pointer("/payload/order/lines/2/tax_mode"), -1,
         "payload.order.lines[2].tax_mode"},
        {OrderPlacedEvent(), json::json_pointer("/payload/order/lines/2/tax_mode"),
         std::int64_t{1} << 40, "payload.order.lines[2].tax_mode"},
        {PaymentTakenEvent(), json::json_pointer("/payload/payment/tender"), 8,
         "payload.payment.tender"},
        {OneEventOfEveryKind()[3], json::json_pointer("/payload/to"), 9, "payload.to"},
        {OneEventOfEveryKind()[6], json::json_pointer("/payload/ret/lines/1/reason"), 7,
         "payload.ret.lines[1].reason"},
        {OneEventOfEveryKind()[6], json::json_pointer("/payload/ret/lines/1/condition"), 4,
         "payload.ret.lines[1].condition"},
        {OneEventOfEveryKind()[9], json::json_pointer("/payload/reason"), 7, "payload.reason"},
        {OneEventOfEveryKind()[12], json::json_pointer("/payload/kind"), 3, "payload.kind"},
    };
    for (const auto& c : cases) {
        INFO(c.field);
        json encoded = EventToJson(c.event);
        encoded[c.pointer] = c.bad;
        CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, c.field,
                        c.bad.dump() + " is not a known value");
    }
}

TEST_CASE("an enum written as its name instead of its number is rejected") {
    json encoded = EventToJson(PaymentTakenEvent());
    encoded["payload"]["payment"]["tender"] = "kCash";
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "payload.payment.tender",
                    "expected an integer");
}

TEST_CASE("an unknown event kind is unsupported, whatever its payload") {
    for (const std::int64_t kind :
         {std::int64_t{0}, std::int64_t{21}, std::int64_t{-1}, std::int64_t{4294967297}, kMax}) {
        INFO(kind);
        json encoded = EventToJson(PaymentTakenEvent());
        encoded["kind"] = kind;
        CheckFieldError(MustReject(encoded), ErrorCode::kUnsupported, "kind",
                        "unknown event kind " + std::to_string(kind));
        encoded.erase("payload");
        CHECK(MustReject(encoded).code == ErrorCode::kUnsupported);
    }

    const auto payload = PayloadFromJson(static_cast<ledger::EventKind>(99), json::object());
    REQUIRE_FALSE(payload.has_value());
    CHECK(payload.error().code == ErrorCode::kUnsupported);
    CHECK(payload.error().field == "kind");
}

TEST_CASE("an event kind written as a string or float is invalid, not unsupported") {
    json encoded = EventToJson(PaymentTakenEvent());
    encoded["kind"] = "PaymentTaken";
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "kind", "expected an integer");
    encoded["kind"] = 2.0;
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "kind", "expected an integer");
}

TEST_CASE("a payload that belongs to another kind is rejected at its first missing key") {
    json encoded = EventToJson(PaymentTakenEvent());
    encoded["kind"] = static_cast<int>(ledger::EventKind::kShiftClosed);
    CheckFieldError(MustReject(encoded), ErrorCode::kInvalidInput, "payload.shift_id", "missing");
}

// ---- Text ----

TEST_CASE("text that is not JSON is rejected as not valid JSON") {
    for (const std::string_view text :
         {std::string_view(""), std::string_view("   "), std::string_view("{"),
          std::string_view(R"({"id": })"), std::string_view("{} trailing"),
          std::string_view("{'id': 'x'}"), std::string_view("[1,]"), std::string_view("NaN"),
          std::string_view("/* note */ {}"), std::string_view("{\"id\":\"\xff\xfe\"}"),
          std::string_view("{\"id\":\"a\0b\"}", 11), std::string_view("{\"a\":1}{\"b\":2}")}) {
        INFO(std::string(text));
        const auto error = MustRejectText(text);
        CHECK(error.code == ErrorCode::kInvalidInput);
        CHECK(error.message == "not valid JSON");
    }
}

TEST_CASE("valid JSON that is not an object is rejected as the wrong shape") {
    for (const char* text : {"42", "null", "\"event\"", "[]", "true"}) {
        INFO(text);
        const auto error = MustRejectText(text);
        CHECK(error.code == ErrorCode::kInvalidInput);
        CHECK(error.message == "expected an object");
        CHECK(error.field.empty());
    }
}

TEST_CASE("deeply nested garbage is rejected without exhausting the stack") {
    constexpr std::size_t kDepth = 100000;
    const std::string arrays = std::string(kDepth, '[') + std::string(kDepth, ']');
    CHECK(MustRejectText(arrays).message == "expected an object");

    std::string objects;
    for (std::size_t i = 0; i < kDepth; ++i)
        objects += R"({"minor":)";
    objects += "1";
    objects += std::string(kDepth, '}');
    CheckFieldError(MustRejectText(objects), ErrorCode::kInvalidInput, "id", "missing");

    const std::string text = EventToJson(PaymentTakenEvent()).dump();
    const std::string nested_amount = ReplaceOnce(text, R"("minor":4294)", R"("minor":)" + objects);
    CheckFieldError(MustRejectText(nested_amount), ErrorCode::kInvalidInput,
                    "payload.payment.amount.minor", "expected an integer");

    const std::string nested_attention =
        ReplaceOnce(EventToJson(OrderPlacedEvent()).dump(), R"("attention":[)",
                    R"("attention":[)" + arrays + ",");
    CheckFieldError(MustRejectText(nested_attention), ErrorCode::kInvalidInput,
                    "payload.order.attention[0]", "expected a string");
}

TEST_CASE("issue 14: an approver is written when there is one, absent when not, and read back") {
    auto events = OneEventOfEveryKind();
    REQUIRE_FALSE(events.empty());
    ledger::Event event = events.front();
    CHECK_FALSE(EventToJson(event).contains("approver"));
    event.approver = "staff-tom";
    const json encoded = EventToJson(event);
    CHECK(encoded.at("approver") == "staff-tom");
    CHECK(MustDecode(encoded) == event);
    json wrong = encoded;
    wrong["approver"] = 7;
    const auto refused = EventFromJson(wrong);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("approver") != std::string::npos);
}

TEST_CASE("the till an office event was recorded for is never sent, and a sent one is not taken") {
    auto events = OneEventOfEveryKind();
    REQUIRE_FALSE(events.empty());
    ledger::Event event = events.front();
    event.via = "terminal:S01-T1";
    json encoded = EventToJson(event);
    CHECK_FALSE(encoded.contains("via"));
    // A till that writes one into its push claims nothing: the event arrives without it.
    encoded["via"] = "terminal:S01-T9";
    CHECK(MustDecode(encoded).via.empty());
}
