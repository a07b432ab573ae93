#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "test_data.hpp"
#include "tillbook/office/channels/imported_order.hpp"

using namespace tillbook;
using tillbook::office::channels::ParseWooCommerceOrder;

namespace {

// Payloads follow docs/channels.md section 2 (REST v3 order, as in the official docs' example).

}  // namespace

TEST_CASE("a tax-exclusive WooCommerce order imports gross lines, shipping, GMT times, totals") {
    auto imported =
        ParseWooCommerceOrder(testing::ReadTestData("channels/woocommerce/tax-exclusive.json"));
    REQUIRE(imported);
    const orders::Order& order = imported->order;
    CHECK(order.channel == "woocommerce");
    CHECK(order.external_id == "727");
    CHECK(order.number == "727");
    CHECK(order.currency == "GBP");
    CHECK(order.placed_at == 1742660882000);  // date_created_gmt, not the local date_created
    CHECK(imported->updated_at == 1742661035000);
    CHECK(order.customer_email == "john.doe@example.com");
    CHECK(order.customer_name == "John Doe");  // billing first and last name
    CHECK(order.attention.empty());
    CHECK(imported->paid);
    CHECK_FALSE(imported->cancelled);
    CHECK(imported->has_shipping_address);
    REQUIRE(imported->channel_total);
    CHECK(imported->channel_total->Minor() == 4800);
    CHECK(imported->refunds.empty());

    REQUIRE(order.lines.size() == 3);
    const orders::OrderLine& single = order.lines[0];
    CHECK(single.line_no == 1);
    CHECK(single.kind == orders::LineKind::kGoods);
    CHECK(single.sku == "WOO-SINGLE-1");
    CHECK(single.quantity == 2000);
    CHECK(single.unit_price.Minor() == 360);  // (6.00 + 1.20) / 2, never the JSON `price` 3
    CHECK(single.discount.Minor() == 0);
    CHECK(single.tax_given_minor == 120);
    const orders::OrderLine& idea = order.lines[1];
    CHECK(idea.description == "Ship Your Idea &ndash; Color: Black, Size: M Test");
    CHECK(idea.sku == "SYI-BLK-M");
    CHECK(idea.unit_price.Minor() == 2880);
    CHECK(idea.tax_given_minor == 480);
    const orders::OrderLine& shipping = order.lines[2];
    CHECK(shipping.kind == orders::LineKind::kShipping);
    CHECK(shipping.sku.empty());
    CHECK(shipping.description == "Flat Rate");
    CHECK(shipping.quantity == 1000);
    CHECK(shipping.unit_price.Minor() == 1200);
    CHECK(shipping.tax_given_minor == 200);

    auto totals = orders::ComputeTotals(order);
    REQUIRE(totals);
    CHECK(totals->total.Minor() == 4800);
    CHECK(totals->tax.Minor() == 800);
}

TEST_CASE(
    "a WooCommerce order with a coupon, odd amounts, SKU-less lines and fees is imported "
    "with its reasons") {
    auto imported = ParseWooCommerceOrder(
        testing::ReadTestData("channels/woocommerce/coupon-fees-refunds.json"));
    REQUIRE(imported);
    const orders::Order& order = imported->order;
    CHECK(order.number == "WC-1048");
    CHECK(order.placed_at == 1751357109000);  // "2025-07-01T08:05:09" read as UTC
    CHECK(imported->updated_at == 1751446800000);
    CHECK(imported->paid);  // completed, even without date_paid_gmt
    CHECK_FALSE(imported->cancelled);
    CHECK(imported->has_shipping_address);
    REQUIRE(imported->channel_total);
    CHECK(imported->channel_total->Minor() == 2160);

    REQUIRE(order.lines.size() == 5);  // 4 goods, no free shipping line, 1 fee
    // 3 for 10.00: 10.00 / 3 rounds up to 3.34; the 0.02 over goes into the discount.
    const orders::OrderLine& mug = order.lines[0];
    CHECK(mug.description == "Coffee &amp; Cream mug");
    CHECK(mug.quantity == 3000);
    CHECK(mug.unit_price.Minor() == 334);
    CHECK(mug.discount.Minor() == 2);
    CHECK(mug.tax_given_minor == 167);
    CHECK(mug.unit_price.Minor() * 3 - mug.discount.Minor() == 1000);
    // The coupon: 5.00 + "1" before, 4.50 + "0.9" after.
    const orders::OrderLine& notebook = order.lines[1];
    CHECK(notebook.sku == "NB-A5");
    CHECK(notebook.unit_price.Minor() == 600);
    CHECK(notebook.discount.Minor() == 60);
    CHECK(notebook.tax_given_minor == 90);
    CHECK(order.lines[2].sku.empty());
    CHECK(order.lines[2].unit_price.Minor() == 240);
    CHECK(order.lines[3].sku.empty());
    CHECK(order.lines[3].unit_price.Minor() == 180);
    const orders::OrderLine& fee = order.lines[4];
    CHECK(fee.kind == orders::LineKind::kService);
    CHECK(fee.description == "Rush handling");
    CHECK(fee.unit_price.Minor() == 300);
    CHECK(fee.tax_given_minor == 50);

    auto totals = orders::ComputeTotals(order);
    REQUIRE(totals);
    CHECK(totals->total.Minor() == 2260);  // the -1.00 fee is not a line

    REQUIRE(imported->refunds.size() == 2);
    CHECK(imported->refunds[0].external_id == "1051");
    CHECK(imported->refunds[0].amount.Minor() == 333);
    CHECK(imported->refunds[1].external_id == "1050");
    CHECK(imported->refunds[1].amount.Minor() == 90);

    const std::vector<std::string> expected = {
        "line 3 \"Gift wrap\": no SKU (product 50, variation 0); map it to a SKU by hand",
        "line 4 \"Retired poster\": no SKU (product 0, variation 0, product no longer exists); "
        "map it to a SKU by hand",
        "fee \"Loyalty discount\": -1.00 is negative, which a line cannot hold; not imported",
        "total 21.60 differs from the lines' 22.60 by -1.00",
    };
    CHECK(order.attention == expected);
}

TEST_CASE("a WooCommerce total a minor unit off the lines is noted, not rejected") {
    const std::string body = R"({"id": 9, "number": "9", "status": "on-hold", "currency": "EUR",
      "date_created_gmt": "2025-07-01T08:05:09", "total": "10.01",
      "billing": {"email": "x@example.com"}, "shipping": {"address_1": "Hauptstr. 1"},
      "line_items": [{"name": "Tasse", "quantity": 1, "subtotal": "8.40", "subtotal_tax": "1.60",
                      "total": "8.40", "total_tax": "1.60", "sku": "T-1", "price": 8.4}]})";
    auto imported = ParseWooCommerceOrder(body);
    REQUIRE(imported);
    CHECK_FALSE(imported->paid);  // on-hold without date_paid_gmt
    CHECK(imported->order.currency == "EUR");
    CHECK(imported->order.attention ==
          std::vector<std::string>{"total differs from lines by 0.01"});
}

TEST_CASE("a pending WooCommerce order without an address is imported unpaid, with a reason") {
    const std::string body = R"({"id": 730, "number": "730", "status": "pending",
      "currency": "GBP", "date_created": "2025-03-22T17:28:02",
      "date_created_gmt": "2025-03-22T16:28:02", "date_paid_gmt": null, "total": "5.00",
      "billing": {"email": ""}, "shipping": {"first_name": "", "address_1": "", "city": ""},
      "line_items": [{"name": "Pen", "quantity": 1, "subtotal": "5.00", "subtotal_tax": "0.00",
                      "total": "5.00", "total_tax": "0.00", "sku": "PEN", "price": 5}],
      "shipping_lines": [], "fee_lines": [], "refunds": []})";
    auto imported = ParseWooCommerceOrder(body);
    REQUIRE(imported);
    CHECK_FALSE(imported->paid);
    CHECK_FALSE(imported->cancelled);
    CHECK_FALSE(imported->has_shipping_address);
    CHECK(imported->order.customer_email.empty());
    CHECK(imported->order.placed_at == 1742660882000);
    CHECK(imported->order.attention == std::vector<std::string>{"no shipping address"});
}

TEST_CASE("WooCommerce statuses: cancelled is cancelled, a checkout draft is flagged") {
    const auto with_status = [](std::string_view status) {
        const std::string body = std::string(R"({"id": 1, "currency": "GBP", "status": ")") +
                                 std::string(status) +
                                 R"(", "date_created_gmt": "2025-03-22T16:28:02", "total": "0.00",
          "shipping": {"address_1": "1 Lane"},
          "line_items": [{"name": "Free sample", "quantity": 1, "subtotal": "0.00",
                          "subtotal_tax": "0.00", "total": "0.00", "total_tax": "0.00",
                          "sku": "SAMPLE"}]})";
        auto imported = ParseWooCommerceOrder(body);
        REQUIRE(imported);
        return *imported;
    };
    CHECK(with_status("cancelled").cancelled);
    CHECK_FALSE(with_status("cancelled").paid);
    CHECK_FALSE(with_status("refunded").cancelled);
    CHECK_FALSE(with_status("failed").paid);
    CHECK(with_status("completed").paid);
    CHECK(with_status("completed").order.number == "1");  // no number: the id
    CHECK(with_status("checkout-draft").order.attention ==
          std::vector<std::string>{
              "status checkout-draft: a checkout in progress, not a placed order"});
}

TEST_CASE(
    "a WooCommerce amount sent as a JSON number or with a bad date is imported with a "
    "reason") {
    const std::string body = R"({"id": 2, "currency": "GBP", "status": "processing",
      "date_created_gmt": "yesterday", "total": 5.0, "shipping": {"address_1": "1 Lane"},
      "line_items": [{"name": "Pen", "quantity": 1, "subtotal": "5.00", "subtotal_tax": "0.00",
                      "total": "5.00", "total_tax": "0.00", "sku": "PEN"}],
      "refunds": [{"id": 3, "total": "2.00"}]})";
    auto imported = ParseWooCommerceOrder(body);
    REQUIRE(imported);
    CHECK(imported->order.placed_at == 0);
    CHECK_FALSE(imported->channel_total.has_value());
    CHECK(imported->refunds.empty());
    const std::vector<std::string> expected = {
        "date_created_gmt: \"yesterday\": not an ISO 8601 date-time (YYYY-MM-DDThh:mm:ss)",
        "total: \"5.0\" is not a decimal string; amounts are never read from JSON numbers",
        "refund 3: total 2.00 is not negative; not imported",
    };
    CHECK(imported->order.attention == expected);
}

TEST_CASE("the WooCommerce webhook ping and other non-orders are rejected without a crash") {
    const auto message_of = [](std::string_view body) {
        auto imported = ParseWooCommerceOrder(body);
        REQUIRE_FALSE(imported);
        CHECK(imported.error().code == ErrorCode::kInvalidInput);
        return imported.error().message;
    };
    CHECK(message_of("webhook_id=1") == "not valid JSON");
    CHECK(message_of("webhook_id=123") == "not valid JSON");
    CHECK(message_of("{\"id\": 727, \"currency\": ") == "not valid JSON");
    CHECK(message_of("[{\"id\": 727, \"currency\": \"GBP\"}]") == "not a JSON object");
    CHECK(message_of("\"727\"") == "not a JSON object");
    CHECK(message_of(R"({"number": "727", "currency": "GBP"})") == "no order id");
    CHECK(message_of(R"({"id": 727, "currency": ""})") == "no currency");
}

TEST_CASE("a WooCommerce order without a billing name takes the shipping name") {
    auto order =
        nlohmann::json::parse(testing::ReadTestData("channels/woocommerce/tax-exclusive.json"));
    order["billing"]["first_name"] = "";
    order["billing"]["last_name"] = "";
    order["shipping"]["first_name"] = "Zoë";
    order["shipping"]["last_name"] = "Bjørnsen";
    auto imported = ParseWooCommerceOrder(order.dump());
    REQUIRE(imported);
    CHECK(imported->order.customer_name == "Zoë Bjørnsen");
}
