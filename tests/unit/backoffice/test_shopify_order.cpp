#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "test_data.hpp"
#include "tillbook/office/channels/imported_order.hpp"

using namespace tillbook;
using tillbook::office::channels::ParseShopifyOrder;

namespace {

// Payloads follow docs/channels.md section 1 (Shopify's REST order, as in its doc example order).

bool HasReason(const orders::Order& order, std::string_view text) {
    return std::any_of(order.attention.begin(), order.attention.end(),
                       [&](const std::string& reason) { return reason == text; });
}

std::string Reasons(const orders::Order& order) {
    std::string all;
    for (const std::string& reason : order.attention)
        all += reason + "\n";
    return all;
}

}  // namespace

TEST_CASE("a tax-inclusive Shopify order imports its lines, shipping, times and totals") {
    auto imported = ParseShopifyOrder(testing::ReadTestData("channels/shopify/tax-inclusive.json"));
    REQUIRE(imported);
    const orders::Order& order = imported->order;
    CHECK(order.channel == "shopify");
    CHECK(order.external_id == "450789469");
    CHECK(order.number == "#1001");
    CHECK(order.currency == "GBP");
    CHECK(order.placed_at == 1741944067000);
    CHECK(imported->updated_at == 1741944300000);
    CHECK(order.customer_email == "bob.norman@mail.example.com");
    CHECK(order.customer_name == "Bob Norman");  // shipping_address.name
    CHECK_FALSE(order.despatch_by.has_value());
    CHECK_FALSE(order.deliver_by.has_value());
    CHECK_MESSAGE(order.attention.empty(), Reasons(order));
    CHECK(imported->paid);
    CHECK_FALSE(imported->cancelled);
    CHECK(imported->has_shipping_address);
    REQUIRE(imported->channel_total);
    CHECK(imported->channel_total->Minor() == 5249);
    CHECK(imported->refunds.empty());

    REQUIRE(order.lines.size() == 3);
    const orders::OrderLine& mug = order.lines[0];
    CHECK(mug.line_no == 1);
    CHECK(mug.kind == orders::LineKind::kGoods);
    CHECK(mug.sku == "HOM-MUG-SLATE");
    CHECK(mug.description == "Enamel mug - Blue");
    CHECK(mug.quantity == 2000);
    CHECK(mug.unit_price.Minor() == 1250);
    CHECK(mug.discount.Minor() == 0);
    CHECK(mug.tax_given_minor == 417);
    CHECK(mug.tax_mode == money::TaxMode::kInclusive);
    const orders::OrderLine& tea = order.lines[1];
    CHECK(tea.sku == "TEA-EARL-250G");
    CHECK(tea.quantity == 1000);
    CHECK(tea.unit_price.Minor() == 2250);
    CHECK(tea.tax_given_minor == 375);
    const orders::OrderLine& shipping = order.lines[2];
    CHECK(shipping.line_no == 3);
    CHECK(shipping.kind == orders::LineKind::kShipping);
    CHECK(shipping.sku.empty());
    CHECK(shipping.description == "Royal Mail Tracked 48");
    CHECK(shipping.quantity == 1000);
    CHECK(shipping.unit_price.Minor() == 499);
    CHECK(shipping.tax_given_minor == 83);

    auto totals = orders::ComputeTotals(order);
    REQUIRE(totals);
    CHECK(totals->total.Minor() == 5249);
    CHECK(totals->tax.Minor() == 417 + 375 + 83);
}

TEST_CASE(
    "a wrapped Shopify order paid in euros with tax on top is imported in euros, its refund too, "
    "and flags what a person must look at") {
    auto imported = ParseShopifyOrder(
        testing::ReadTestData("channels/shopify/euros-gift-card-custom-items-refund.json"));
    REQUIRE(imported);
    const orders::Order& order = imported->order;
    CHECK(order.external_id == "820982911946154508");
    CHECK(order.number == "#9999");
    CHECK(order.currency == "EUR");
    CHECK(order.placed_at == 1741958467000);  // 09:21:07-04:00 = 13:21:07Z
    CHECK(imported->updated_at == 1741959000000);
    CHECK(order.customer_email == "leon.noel@example.com");
    CHECK(imported->paid);  // partially_refunded
    CHECK_FALSE(imported->cancelled);
    CHECK(imported->has_shipping_address);
    REQUIRE(imported->channel_total);
    CHECK(imported->channel_total->Minor() == 9274);

    REQUIRE(order.lines.size() == 5);
    // 3 x 11.80 + 6.29 tax = 41.69 before the 3.94 allocation (total_discount says 0.00):
    // 37.75 paid. 41.69 / 3 rounds up to 13.90; the extra 0.01 goes into the discount.
    const orders::OrderLine& mug = order.lines[0];
    CHECK(mug.kind == orders::LineKind::kGoods);
    CHECK(mug.sku == "MUG-NOEL");
    CHECK(mug.description == "Café Noël ☕🎄 mug");
    CHECK(mug.quantity == 3000);
    CHECK(mug.unit_price.Minor() == 1390);
    CHECK(mug.discount.Minor() == 395);
    CHECK(mug.tax_given_minor == 629);
    CHECK(mug.unit_price.Minor() * 3 - mug.discount.Minor() == 3775);

    const orders::OrderLine& gift_card = order.lines[1];
    CHECK(gift_card.kind == orders::LineKind::kGiftCard);
    CHECK(gift_card.sku.empty());
    CHECK(gift_card.unit_price.Minor() == 2950);
    CHECK(gift_card.tax_given_minor == 0);

    const orders::OrderLine& engraving = order.lines[2];
    CHECK(engraving.kind == orders::LineKind::kGoods);
    CHECK(engraving.sku.empty());
    CHECK(engraving.unit_price.Minor() == 708);
    CHECK(engraving.tax_given_minor == 118);

    const orders::OrderLine& towel = order.lines[3];
    CHECK(towel.sku.empty());
    CHECK(towel.quantity == 2000);
    CHECK(towel.unit_price.Minor() == 567);  // 11.33 / 2 rounded up
    CHECK(towel.discount.Minor() == 1);
    CHECK(towel.tax_given_minor == 189);

    const orders::OrderLine& shipping = order.lines[4];
    CHECK(shipping.kind == orders::LineKind::kShipping);
    CHECK(shipping.description == "DHL Express");  // the removed rate is left out
    CHECK(shipping.unit_price.Minor() == 708);
    CHECK(shipping.tax_given_minor == 118);

    auto totals = orders::ComputeTotals(order);
    REQUIRE(totals);
    CHECK(totals->total.Minor() == 9274);
    const money::Currency gbp{"GBP", 2};
    CHECK(order.shop_currency ==
          orders::ShopCurrencyTotals{money::Money(7860, gbp), money::Money(893, gbp)});

    // The refund was paid back in euros, the currency the order was paid in.
    REQUIRE(imported->refunds.size() == 1);
    CHECK(imported->refunds[0].external_id == "509562969");
    CHECK(imported->refunds[0].amount == money::Money(1180, money::Currency{"EUR", 2}));
    const std::vector<std::string> expected = {
        "line 3 \"Engraving ✨\": no SKU (custom item); map it to a SKU by hand",
        "line 4 \"Tea towel\": no SKU (variant 4242); map it to a SKU by hand",
    };
    CHECK(order.attention == expected);
}

// Shopify Markets: a pound shop, a customer in Lyon paying in euros. Shopify's euro figures add up
// exactly; its pound figures are each converted on their own and do not (the lines make 42.89,
// the total is 42.90). See tests/data/channels/shopify/README.md.
TEST_CASE(
    "a Shopify order paid in euros in a pound shop is imported in euros, to Shopify's total, with "
    "its pound total and tax kept beside it") {
    auto imported = ParseShopifyOrder(testing::ReadTestData("channels/shopify/markets.1.json"));
    REQUIRE(imported);
    const orders::Order& order = imported->order;
    CHECK(order.currency == "EUR");
    CHECK_MESSAGE(order.attention.empty(), Reasons(order));
    REQUIRE(order.lines.size() == 3);
    CHECK(order.lines[0].sku == "HOM-MUG-SAGE");
    CHECK(order.lines[0].quantity == 2000);
    CHECK(order.lines[0].unit_price == money::Money(1450, money::Currency{"EUR", 2}));
    CHECK(order.lines[0].tax_given_minor == 483);
    CHECK(order.lines[1].sku == "HOM-LTWL");
    CHECK(order.lines[1].unit_price.Minor() == 1495);
    CHECK(order.lines[1].tax_given_minor == 249);
    CHECK(order.lines[2].kind == orders::LineKind::kShipping);
    CHECK(order.lines[2].unit_price.Minor() == 690);
    CHECK(order.lines[2].tax_given_minor == 115);
    auto totals = orders::ComputeTotals(order);
    REQUIRE(totals);
    CHECK(totals->total.Minor() == 5085);  // total_price_set.presentment_money: "50.85"
    CHECK(totals->tax.Minor() == 847);
    REQUIRE(imported->channel_total);
    CHECK(*imported->channel_total == totals->total);
    const money::Currency gbp{"GBP", 2};
    CHECK(order.shop_currency ==
          orders::ShopCurrencyTotals{money::Money(4290, gbp), money::Money(715, gbp)});
    CHECK(imported->paid);
    CHECK(imported->refunds.empty());
}

TEST_CASE(
    "an edited, partly refunded Shopify order paid in euros is what is still ordered, in euros, "
    "with its refund in euros") {
    auto imported = ParseShopifyOrder(testing::ReadTestData("channels/shopify/markets.2.json"));
    REQUIRE(imported);
    const orders::Order& order = imported->order;
    CHECK(order.currency == "EUR");
    CHECK_MESSAGE(order.attention.empty(), Reasons(order));
    REQUIRE(order.lines.size() == 3);
    CHECK(order.lines[0].quantity == 1000);        // current_quantity: one of two mugs refunded
    CHECK(order.lines[0].tax_given_minor == 242);  // 4.83 x 1/2, half away from zero
    auto totals = orders::ComputeTotals(order);
    REQUIRE(totals);
    CHECK(totals->total.Minor() == 3635);  // current_total_price_set.presentment_money: "36.35"
    REQUIRE(imported->channel_total);
    CHECK(*imported->channel_total == totals->total);
    const money::Currency eur{"EUR", 2}, gbp{"GBP", 2};
    REQUIRE(imported->refunds.size() == 1);
    CHECK(imported->refunds[0].external_id == "1043520331001");
    CHECK(imported->refunds[0].amount == money::Money(1450, eur));
    CHECK(order.shop_currency ==
          orders::ShopCurrencyTotals{money::Money(3067, gbp), money::Money(511, gbp)});
}

TEST_CASE(
    "a Shopify order paid in another currency never takes the shop's money for it: what has no "
    "presentment money is a reason") {
    const std::string body = R"({"id": 6, "name": "#1007", "currency": "GBP",
      "presentment_currency": "EUR", "created_at": "2025-03-14T09:21:07Z",
      "financial_status": "paid", "taxes_included": true, "email": "a@example.com",
      "total_price": "8.44",
      "total_price_set": {"shop_money": {"amount": "8.44", "currency_code": "GBP"},
                          "presentment_money": {"amount": "10.00", "currency_code": "EUR"}},
      "total_tax": "1.41",
      "total_tax_set": {"shop_money": {"amount": "1.41", "currency_code": "GBP"},
                        "presentment_money": {"amount": "1.67", "currency_code": "EUR"}},
      "line_items": [{"id": 7, "title": "Candle", "sku": "CANDLE", "quantity": 1,
                      "price": "8.44", "requires_shipping": true, "discount_allocations": [],
                      "tax_lines": [{"price": "1.41",
                        "price_set": {"shop_money": {"amount": "1.41", "currency_code": "GBP"},
                                      "presentment_money": {"amount": "1.67",
                                                            "currency_code": "USD"}}}]}],
      "shipping_address": {"address1": "1 Lane"}})";
    auto imported = ParseShopifyOrder(body);
    REQUIRE(imported);
    CHECK(imported->order.currency == "EUR");
    const money::Currency gbp{"GBP", 2};
    CHECK(imported->order.shop_currency ==
          orders::ShopCurrencyTotals{money::Money(844, gbp), money::Money(141, gbp)});
    REQUIRE(imported->order.lines.size() == 1);
    CHECK(imported->order.lines[0].unit_price.Minor() == 0);
    CHECK(imported->order.lines[0].tax_given_minor == 0);
    const std::vector<std::string> expected = {
        "line 1: price: missing in EUR, the currency the order was paid in",
        "line 1: tax: presentment money is in \"USD\", not the currency the order was paid in "
        "EUR",
        "total 10.00 differs from the lines' 0.00 by 10.00",
    };
    CHECK(imported->order.attention == expected);
}

TEST_CASE(
    "a Shopify order paid in another currency is imported without shop-currency figures it cannot "
    "read, saying why, and an unknown presentment currency is refused") {
    const std::string body = R"({"id": 9, "name": "#1009", "currency": "GBP",
      "presentment_currency": "EUR", "created_at": "2025-03-14T09:21:07Z",
      "financial_status": "paid", "taxes_included": true, "email": "a@example.com",
      "total_price": "8.44",
      "total_price_set": {"shop_money": {"amount": "8.44", "currency_code": "USD"},
                          "presentment_money": {"amount": "10.00", "currency_code": "EUR"}},
      "line_items": [{"id": 7, "title": "Candle", "sku": "CANDLE", "quantity": 1, "price": "8.44",
                      "price_set": {"presentment_money": {"amount": "10.00",
                                                          "currency_code": "EUR"}},
                      "requires_shipping": true, "discount_allocations": [], "tax_lines": []}],
      "shipping_address": {"address1": "1 Lane"}})";
    auto imported = ParseShopifyOrder(body);
    REQUIRE(imported);
    CHECK(imported->order.currency == "EUR");
    CHECK(orders::ComputeTotals(imported->order)->total.Minor() == 1000);
    CHECK_FALSE(imported->order.shop_currency);
    const std::vector<std::string> expected = {
        "total_price in the shop currency GBP: shop money is in \"USD\", not the shop currency "
        "GBP; shop-currency figures not kept",
        "total_tax in the shop currency GBP: missing; shop-currency figures not kept",
    };
    CHECK(imported->order.attention == expected);

    auto unknown =
        ParseShopifyOrder(R"({"id": 1, "currency": "GBP", "presentment_currency": "EU"})");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("a Shopify refund paid back in a currency the order was not paid in is left out") {
    const std::string body = R"({"id": 8, "name": "#1008", "currency": "GBP",
      "presentment_currency": "GBP", "created_at": "2025-03-14T09:21:07Z",
      "financial_status": "partially_refunded", "taxes_included": true, "total_price": "10.00",
      "email": "a@example.com", "shipping_address": {"address1": "1 Lane"},
      "line_items": [{"id": 7, "title": "Candle", "sku": "CANDLE", "quantity": 1,
                      "price": "10.00", "tax_lines": [], "discount_allocations": []}],
      "refunds": [{"id": 41, "transactions": [{"kind": "refund", "amount": "5.90",
                                               "currency": "EUR", "status": "success"}]}]})";
    auto imported = ParseShopifyOrder(body);
    REQUIRE(imported);
    CHECK(imported->refunds.empty());
    CHECK(imported->order.attention ==
          std::vector<std::string>{
              "refund 41: paid back in \"EUR\", not the shop currency GBP; not imported"});
}

TEST_CASE(
    "a Shopify refund in shop currency becomes a channel refund, and failed attempts do not") {
    const std::string body = R"({"id": 1, "name": "#1002", "currency": "GBP",
      "presentment_currency": "GBP", "created_at": "2025-03-14T09:21:07Z",
      "financial_status": "partially_refunded", "taxes_included": true, "total_price": "20.00",
      "email": "a@example.com",
      "line_items": [{"id": 7, "title": "Candle", "sku": "CANDLE", "quantity": 2,
                      "current_quantity": 1, "price": "10.00", "tax_lines": [],
                      "discount_allocations": [], "requires_shipping": true}],
      "shipping_address": {"address1": "1 Lane"},
      "refunds": [{"id": 509562969, "note": "one broke", "restock": true,
        "transactions": [
          {"id": 1, "kind": "refund", "amount": "10.00", "currency": "GBP", "status": "success"},
          {"id": 2, "kind": "refund", "amount": "10.00", "currency": "GBP", "status": "failure"}],
        "refund_line_items": [{"line_item_id": 7, "quantity": 1, "restock_type": "return",
                               "subtotal": 8.33, "total_tax": 1.67}]}]})";
    auto imported = ParseShopifyOrder(body);
    REQUIRE(imported);
    REQUIRE(imported->refunds.size() == 1);
    CHECK(imported->refunds[0].external_id == "509562969");
    CHECK(imported->refunds[0].amount.Minor() == 1000);
    CHECK(imported->paid);
    // The line is imported as it now stands: one candle; total_price (20.00) is the original.
    REQUIRE(imported->order.lines.size() == 1);
    CHECK(imported->order.lines[0].quantity == 1000);
    CHECK(imported->order.lines[0].unit_price.Minor() == 1000);
    CHECK(imported->order.attention.empty());
}

TEST_CASE(
    "a Shopify line cut down by an edit keeps its discount and tax pro rata, a removed line is "
    "left out, and the edited total is current_total_price") {
    const std::string body = R"({"id": 2, "name": "#1003", "currency": "GBP",
      "created_at": "2025-03-14T09:21:07Z", "updated_at": "2025-03-14T10:00:00Z",
      "financial_status": "paid", "taxes_included": true, "total_price": "36.00",
      "current_total_price": "19.00", "shipping_address": {"address1": "1 Lane"},
      "line_items": [
        {"id": 7, "title": "Candle", "sku": "CANDLE", "quantity": 3, "current_quantity": 2,
         "price": "10.00", "requires_shipping": true,
         "tax_lines": [{"price": "4.50"}], "discount_allocations": [{"amount": "1.50"}]},
        {"id": 8, "title": "Soap", "sku": "SOAP", "quantity": 1, "current_quantity": 0,
         "price": "7.50", "requires_shipping": true, "tax_lines": [], "discount_allocations": []}
      ]})";
    auto imported = ParseShopifyOrder(body);
    REQUIRE(imported);
    REQUIRE(imported->order.lines.size() == 1);
    const orders::OrderLine& candle = imported->order.lines[0];
    CHECK(candle.sku == "CANDLE");
    CHECK(candle.quantity == 2000);
    CHECK(candle.discount.Minor() == 100);  // 1.50 x 2/3
    CHECK(candle.tax_given_minor == 300);   // 4.50 x 2/3
    CHECK(orders::ComputeTotals(imported->order)->total.Minor() == 1900);
    CHECK(imported->channel_total->Minor() == 1900);
    CHECK(imported->order.attention.empty());
}

TEST_CASE("a JSON number where Shopify sends a money string is never read as money") {
    const std::string body = R"({"id": 2, "order_number": 1003, "currency": "GBP",
      "created_at": "2025-03-14T09:21:07Z", "financial_status": "paid", "taxes_included": true,
      "total_price": "2.50", "email": "a@example.com",
      "line_items": [{"title": "Coaster", "sku": "COAST-1", "quantity": 1, "price": 2.5,
                      "discount_allocations": [], "tax_lines": []}],
      "shipping_address": {"address1": "1 Lane"}})";
    auto imported = ParseShopifyOrder(body);
    REQUIRE(imported);
    CHECK(imported->order.number == "1003");  // no name: order_number
    REQUIRE(imported->order.lines.size() == 1);
    CHECK(imported->order.lines[0].unit_price.Minor() == 0);
    const std::vector<std::string> expected = {
        "line 1: price: \"2.5\" is not a decimal string; amounts are never read from JSON numbers",
        "total 2.50 differs from the lines' 0.00 by 2.50",
    };
    CHECK(imported->order.attention == expected);
}

TEST_CASE("a Shopify order needs an address only when something in it is shipped") {
    const std::string gift_card_only = R"({"id": 3, "name": "#1004", "currency": "GBP",
      "created_at": "2025-03-14T09:21:07Z", "financial_status": "pending", "taxes_included": true,
      "total_price": "50.00",
      "line_items": [{"title": "Gift card", "sku": "", "quantity": 2, "price": "25.00",
                      "gift_card": true, "requires_shipping": false}]})";
    auto imported = ParseShopifyOrder(gift_card_only);
    REQUIRE(imported);
    CHECK_FALSE(imported->paid);
    CHECK_FALSE(imported->has_shipping_address);
    CHECK_MESSAGE(imported->order.attention.empty(), Reasons(imported->order));
    REQUIRE(imported->order.lines.size() == 1);
    CHECK(imported->order.lines[0].kind == orders::LineKind::kGiftCard);
    CHECK(imported->order.lines[0].quantity == 2000);

    const std::string goods_no_address = R"({"id": 4, "name": "#1005", "currency": "GBP",
      "created_at": "2025-03-14T09:21:07Z", "cancelled_at": "2025-03-14T10:00:00Z",
      "financial_status": "voided", "taxes_included": true, "total_price": "5.00",
      "line_items": [{"title": "Pen", "sku": "PEN", "quantity": 1, "price": "5.00"}],
      "shipping_address": {"address1": ""}})";
    imported = ParseShopifyOrder(goods_no_address);
    REQUIRE(imported);
    CHECK(imported->cancelled);
    CHECK_FALSE(imported->paid);
    CHECK_FALSE(imported->has_shipping_address);
    CHECK(imported->order.attention == std::vector<std::string>{"no shipping address"});
}

TEST_CASE("a Shopify line with an unusable quantity is left out with a reason") {
    const std::string body = R"({"id": 5, "name": "#1006", "currency": "GBP",
      "created_at": "2025-03-14T09:21:07Z", "taxes_included": true, "total_price": "3.00",
      "line_items": [{"title": "Ghost", "sku": "G", "quantity": 0, "price": "1.00"},
                     {"title": "Pencil", "sku": "P", "quantity": 1, "price": "3.00"}],
      "shipping_address": {"address1": "1 Lane"}})";
    auto imported = ParseShopifyOrder(body);
    REQUIRE(imported);
    REQUIRE(imported->order.lines.size() == 1);
    CHECK(imported->order.lines[0].line_no == 1);
    CHECK(imported->order.lines[0].sku == "P");
    CHECK(HasReason(imported->order,
                    "line item 1 \"Ghost\": quantity \"0\" is not a whole number above zero; not "
                    "imported"));
}

TEST_CASE("a Shopify body that is not an order is rejected without a crash") {
    const auto code_of = [](std::string_view body) {
        auto imported = ParseShopifyOrder(body);
        REQUIRE_FALSE(imported);
        return imported.error().message;
    };
    CHECK(code_of("") == "not valid JSON");
    CHECK(code_of("{\"id\": 1,") == "not valid JSON");
    CHECK(code_of("[{\"id\": 1}]") == "not a JSON object");
    CHECK(code_of(R"({"currency": "GBP"})") == "no order id");
    CHECK(code_of(R"({"order": {"id": 1}})") == "no currency");
    auto unknown = ParseShopifyOrder(R"({"id": 1, "currency": "XYZ"})");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::kUnsupported);
    CHECK(ParseShopifyOrder("{\"id\": 1}").error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("a Shopify order's customer name: shipping name, else its parts, billing, the customer") {
    auto order =
        nlohmann::json::parse(testing::ReadTestData("channels/shopify/tax-inclusive.json"));
    const auto name = [&] {
        auto imported = ParseShopifyOrder(order.dump());
        REQUIRE(imported);
        return imported->order.customer_name;
    };
    order["shipping_address"]["name"] = nullptr;
    order["shipping_address"]["first_name"] = "  Léon ";
    order["shipping_address"]["last_name"] = "Noël";
    CHECK(name() == "Léon Noël");
    order.erase("shipping_address");
    order["billing_address"] = {{"name", "Ada Lovelace"}};
    CHECK(name() == "Ada Lovelace");
    order["billing_address"] = {{"name", " "}};
    order["customer"]["first_name"] = "Bob";
    order["customer"]["last_name"] = nullptr;
    CHECK(name() == "Bob");
    order.erase("customer");
    order.erase("billing_address");
    CHECK(name().empty());
}
