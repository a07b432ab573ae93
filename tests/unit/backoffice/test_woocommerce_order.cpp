#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tillbook/office/channels/imported_order.hpp"

using namespace tillbook;
using tillbook::office::channels::ParseWooCommerceOrder;

namespace {

// Payloads follow docs/channels.md section 2 (REST v3 order, as in the official docs' example).

// Prices entered without tax; a site in Berlin, so date_created (local) is an hour off the GMT.
constexpr std::string_view kSimpleOrder = R"({
  "id": 727,
  "parent_id": 0,
  "number": "727",
  "order_key": "wc_order_58d2d042d1d",
  "created_via": "checkout",
  "version": "9.6.0",
  "status": "processing",
  "currency": "GBP",
  "date_created": "2025-03-22T17:28:02",
  "date_created_gmt": "2025-03-22T16:28:02",
  "date_modified": "2025-03-22T17:30:35",
  "date_modified_gmt": "2025-03-22T16:30:35",
  "discount_total": "0.00",
  "discount_tax": "0.00",
  "shipping_total": "10.00",
  "shipping_tax": "2.00",
  "cart_tax": "6.00",
  "total": "48.00",
  "total_tax": "8.00",
  "prices_include_tax": false,
  "customer_id": 0,
  "customer_ip_address": "",
  "customer_note": "",
  "billing": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
              "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103",
              "country": "US", "email": "john.doe@example.com", "phone": "(555) 555-5555"},
  "shipping": {"first_name": "John", "last_name": "Doe", "company": "", "address_1": "969 Market",
               "address_2": "", "city": "San Francisco", "state": "CA", "postcode": "94103",
               "country": "US"},
  "payment_method": "bacs",
  "payment_method_title": "Direct Bank Transfer",
  "transaction_id": "",
  "date_paid": "2025-03-22T17:28:03",
  "date_paid_gmt": "2025-03-22T16:28:03",
  "date_completed": null,
  "date_completed_gmt": null,
  "line_items": [
    {"id": 315, "name": "Woo Single #1", "product_id": 93, "variation_id": 0, "quantity": 2,
     "tax_class": "", "subtotal": "6.00", "subtotal_tax": "1.20", "total": "6.00",
     "total_tax": "1.20", "taxes": [{"id": 75, "total": "1.2", "subtotal": "1.2"}],
     "meta_data": [], "sku": "WOO-SINGLE-1", "price": 3},
    {"id": 316, "name": "Ship Your Idea &ndash; Color: Black, Size: M Test", "product_id": 22,
     "variation_id": 23, "quantity": 1, "tax_class": "", "subtotal": "24.00",
     "subtotal_tax": "4.80", "total": "24.00", "total_tax": "4.80",
     "taxes": [{"id": 75, "total": "4.8", "subtotal": "4.8"}],
     "meta_data": [{"id": 2095, "key": "pa_color", "value": "black", "display_key": "Color",
                    "display_value": "Black"}],
     "sku": "SYI-BLK-M", "price": 24}
  ],
  "tax_lines": [{"id": 318, "rate_code": "GB-VAT-1", "rate_id": 75, "label": "VAT",
                 "compound": false, "tax_total": "6.00", "shipping_tax_total": "2.00",
                 "rate_percent": 20, "meta_data": []}],
  "shipping_lines": [{"id": 317, "method_title": "Flat Rate", "method_id": "flat_rate",
                      "instance_id": "1", "total": "10.00", "total_tax": "2.00",
                      "taxes": [{"id": 75, "total": "2", "subtotal": ""}],
                      "meta_data": [{"id": 2096, "key": "Items", "value": "Woo Single #1 &times; 2"}]}],
  "fee_lines": [],
  "coupon_lines": [],
  "refunds": []
})";

// A completed order with a 10% coupon, a tax-inclusive 3-for-10.00 line, an unformatted "0.9",
// lines without SKU ("" and null), free shipping, a fee and a negative fee, and two refunds.
constexpr std::string_view kEdgeOrder = R"({
  "id": 1048,
  "number": "WC-1048",
  "status": "completed",
  "currency": "GBP",
  "date_created": "2025-07-01T10:05:09",
  "date_created_gmt": "2025-07-01T08:05:09",
  "date_modified": "2025-07-02T11:00:00",
  "date_modified_gmt": "2025-07-02T09:00:00",
  "discount_total": "0.50",
  "discount_tax": "0.10",
  "shipping_total": "0.00",
  "shipping_tax": "0.00",
  "total": "21.60",
  "total_tax": "3.77",
  "prices_include_tax": true,
  "billing": {"first_name": "Zoë", "email": "zoe@example.com", "address_1": "1 Rue"},
  "shipping": {"first_name": "Zoë", "address_1": "7 Chemin d’Orée", "city": "Genève",
               "state": "", "country": "CH"},
  "date_paid_gmt": null,
  "line_items": [
    {"id": 1, "name": "Coffee &amp; Cream mug", "product_id": 40, "variation_id": 0,
     "quantity": 3, "subtotal": "8.33", "subtotal_tax": "1.67", "total": "8.33",
     "total_tax": "1.67", "taxes": [{"id": 1, "total": "1.666667", "subtotal": "1.666667"}],
     "sku": "MUG-CC", "price": 2.7766666666666666},
    {"id": 2, "name": "Notebook", "product_id": 41, "variation_id": 0, "quantity": 1,
     "subtotal": "5.00", "subtotal_tax": "1", "total": "4.50", "total_tax": "0.9",
     "taxes": [{"id": 1, "total": "0.9", "subtotal": "1"}], "sku": "NB-A5", "price": 4.5},
    {"id": 3, "name": "Gift wrap", "product_id": 50, "variation_id": 0, "quantity": 1,
     "subtotal": "2.00", "subtotal_tax": "0.40", "total": "2.00", "total_tax": "0.40",
     "sku": "", "price": 2},
    {"id": 4, "name": "Retired poster", "product_id": 0, "variation_id": 0, "quantity": 1,
     "subtotal": "1.50", "subtotal_tax": "0.30", "total": "1.50", "total_tax": "0.30",
     "sku": null, "price": 1.5}
  ],
  "shipping_lines": [{"id": 5, "method_title": "Free shipping", "method_id": "free_shipping",
                      "total": "0.00", "total_tax": "0.00", "taxes": []}],
  "fee_lines": [
    {"id": 6, "name": "Rush handling", "tax_class": "", "tax_status": "taxable",
     "total": "2.50", "total_tax": "0.50", "taxes": []},
    {"id": 7, "name": "Loyalty discount", "tax_class": "", "tax_status": "none",
     "total": "-1.00", "total_tax": "0.00", "taxes": []}
  ],
  "coupon_lines": [{"id": 8, "code": "save10", "discount": "0.5", "discount_tax": "0.1",
                    "discount_type": "percent", "nominal_amount": 10, "free_shipping": false}],
  "refunds": [{"id": 1051, "reason": "damaged mug", "total": "-3.33"},
              {"id": 1050, "reason": "", "total": "-0.9"}]
})";

}  // namespace

TEST_CASE("a tax-exclusive WooCommerce order imports gross lines, shipping, GMT times, totals") {
    auto imported = ParseWooCommerceOrder(kSimpleOrder);
    REQUIRE(imported);
    const orders::Order& order = imported->order;
    CHECK(order.channel == "woocommerce");
    CHECK(order.external_id == "727");
    CHECK(order.number == "727");
    CHECK(order.currency == "GBP");
    CHECK(order.placed_at == 1742660882000);  // date_created_gmt, not the local date_created
    CHECK(imported->updated_at == 1742661035000);
    CHECK(order.customer_email == "john.doe@example.com");
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
    auto imported = ParseWooCommerceOrder(kEdgeOrder);
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
