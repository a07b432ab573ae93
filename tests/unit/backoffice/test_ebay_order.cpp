#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_data.hpp"
#include "tillbook/office/channels/imported_order.hpp"

using namespace tillbook;
using office::channels::ImportedOrder;
using office::channels::ParseEbayOrder;

namespace {

ImportedOrder Parse(const std::string& body) {
    auto parsed = ParseEbayOrder(body);
    REQUIRE_MESSAGE(parsed.has_value(), (parsed ? std::string() : parsed.error().message));
    return *parsed;
}

struct ExpectedLine {
    orders::LineKind kind;
    std::string sku;
    std::int64_t quantity;
    std::int64_t unit_price;
    std::int64_t discount;
    std::int64_t tax;
};

void CheckLines(const orders::Order& order, const std::vector<ExpectedLine>& expected) {
    REQUIRE(order.lines.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const orders::OrderLine& line = order.lines[i];
        CAPTURE(i);
        CHECK(line.line_no == static_cast<int>(i) + 1);
        CHECK(line.kind == expected[i].kind);
        CHECK(line.sku == expected[i].sku);
        CHECK(line.quantity == expected[i].quantity);
        CHECK(line.unit_price.Minor() == expected[i].unit_price);
        CHECK(line.unit_price.GetCurrency().code == order.currency);
        CHECK(line.discount.Minor() == expected[i].discount);
        CHECK(line.tax_mode == money::TaxMode::kInclusive);
        CHECK(line.tax_given_minor == expected[i].tax);
    }
}

std::int64_t Total(const orders::Order& order) {
    auto totals = orders::ComputeTotals(order);
    REQUIRE(totals.has_value());
    return totals->total.Minor();
}

}  // namespace

TEST_CASE("an eBay order with one-decimal amounts imports as goods and shipping lines") {
    const ImportedOrder imported =
        Parse(testing::ReadTestData("channels/ebay/one-decimal-amounts.json"));
    const orders::Order& order = imported.order;
    CHECK(order.channel == "ebay");
    CHECK(order.external_id == "12-13579-24680");
    CHECK(order.number == "12-13579-24680");
    CHECK(order.currency == "GBP");
    CHECK(order.placed_at == 1764338531000);
    CHECK(imported.updated_at == 1764338740250);
    CHECK(order.despatch_by == 1764633599000);  // 2025-12-01T23:59:59Z
    CHECK(order.deliver_by == 1764892799000);   // the order's maxEstimatedDeliveryDate
    CHECK(order.customer_email == "ann.example@example.co.uk");
    CheckLines(order, {{orders::LineKind::kGoods, "MUG-BLUE", 1000, 3500, 0, 0},
                       {orders::LineKind::kShipping, "", 1000, 450, 0, 0}});
    CHECK(order.lines[0].description == "Blue stoneware mug");
    CHECK(order.lines[1].description == "UK_RoyalMailSecondClassStandard");
    CHECK(imported.channel_total == money::Money(3950, {"GBP", 2}));
    CHECK(Total(order) == 3950);
    CHECK(imported.paid);
    CHECK_FALSE(imported.cancelled);
    CHECK(imported.has_shipping_address);
    CHECK(imported.refunds.empty());
    CHECK(order.attention.empty());
    CHECK(orders::CheckWellFormed([&] {
              orders::Order copy = order;
              copy.id = "0190f0a0-0000-7000-8000-000000000001";
              return copy;
          }())
              .has_value());
}

TEST_CASE("an eBay line total that does not divide, a line without SKU and a promotion") {
    const ImportedOrder imported =
        Parse(testing::ReadTestData("channels/ebay/promotion-refunds-german-ship-by.json"));
    const orders::Order& order = imported.order;
    CHECK(order.currency == "EUR");
    // 10.00 for 3: 3.34 each, the 0.02 rounding goes into the discount. 35.0 less 3.5 promotion.
    // Shipping: pricingSummary 19.8 less the 14.85 combined-shipping discount.
    CheckLines(order, {{orders::LineKind::kGoods, "TEA-SAMPLER", 3000, 334, 2, 0},
                       {orders::LineKind::kGoods, "", 1000, 3500, 350, 0},
                       {orders::LineKind::kShipping, "", 1000, 1980, 1485, 0}});
    CHECK(order.lines[1].description == "Teekanne Gusseisen");
    CHECK(Total(order) == 4645);
    CHECK(imported.channel_total == money::Money(4645, {"EUR", 2}));
    CHECK(order.placed_at == 1764531600000);
    // The earlier of the two German-winter ship-by dates: 2025-12-02T22:59:59Z.
    CHECK(order.despatch_by == 1764716399000);
    // No order-level estimate: the latest line estimate, 2025-12-06T22:59:59Z.
    CHECK(order.deliver_by == 1765061999000);
    CHECK(order.customer_email == "k.mueller@example.de");
    CHECK(order.customer_name == "Karin Müller");  // shipTo.fullName
    CHECK(imported.paid);                          // PARTIALLY_REFUNDED
    REQUIRE(imported.refunds.size() == 1);
    CHECK(imported.refunds[0].external_id == "5012345678");
    CHECK(imported.refunds[0].amount == money::Money(1000, {"EUR", 2}));
    CHECK(order.attention == std::vector<std::string>{
                                 "line 2: no SKU (eBay item 315000000002, variation 415000000002, "
                                 "\"Teekanne Gusseisen\")",
                                 "refund 5012345679: refundStatus \"PENDING\"; not counted"});
}

TEST_CASE("eBay collect-and-remit tax stays out of the lines, and the seller's own tax is kept") {
    const ImportedOrder breakdown =
        Parse(testing::ReadTestData("channels/ebay/collect-and-remit-tax-breakdown.json"));
    // Line 1: 35.0, its 2.8 tax is eBay's. Line 2: 20.00 for 2 plus the seller's 1.6 tax.
    CheckLines(breakdown.order, {{orders::LineKind::kGoods, "LP-791689", 1000, 3500, 0, 0},
                                 {orders::LineKind::kGoods, "SLEEVE-2", 2000, 1080, 0, 160},
                                 {orders::LineKind::kShipping, "", 1000, 400, 0, 0}});
    CHECK(Total(breakdown.order) == 6060);
    // pricingSummary.total as eBay states it includes the 2.80 eBay remits.
    CHECK(breakdown.channel_total == money::Money(6340, {"USD", 2}));
    CHECK(breakdown.order.despatch_by == 1763971199000);
    CHECK(breakdown.order.deliver_by == 1764748800000);
    CHECK(breakdown.order.customer_email.empty());
    CHECK(breakdown.order.attention.empty());

    const ImportedOrder plain =
        Parse(testing::ReadTestData("channels/ebay/collect-and-remit-plain.json"));
    CheckLines(plain.order, {{orders::LineKind::kGoods, "LP-791689", 1000, 3500, 0, 0},
                             {orders::LineKind::kGoods, "SLEEVE-2", 2000, 1080, 0, 160},
                             {orders::LineKind::kShipping, "", 1000, 400, 0, 0}});
    CHECK(plain.channel_total == money::Money(6060, {"USD", 2}));
    CHECK(plain.order.attention.empty());
    CHECK(plain.order.customer_name.empty());  // no shipTo.fullName: no name, no error
}

TEST_CASE("a cancelled and refunded eBay order is cancelled, paid and carries the refund") {
    const ImportedOrder imported =
        Parse(testing::ReadTestData("channels/ebay/cancelled-refunded.json"));
    CHECK(imported.cancelled);
    CHECK(imported.paid);
    CHECK_FALSE(imported.has_shipping_address);
    REQUIRE(imported.refunds.size() == 1);
    CHECK(imported.refunds[0].amount == money::Money(2499, {"GBP", 2}));
    CHECK(imported.order.attention.empty());  // no address is expected once cancelled

    const ImportedOrder open =
        Parse(testing::ReadTestData("channels/ebay/buyer-asked-to-cancel.json"));
    CHECK_FALSE(open.cancelled);
    CHECK(open.order.attention ==
          std::vector<std::string>{"buyer asked to cancel (cancelState IN_PROGRESS)"});
}

TEST_CASE("odd eBay amounts are imported with reasons, never dropped") {
    const std::string body = R"({
      "orderId": "01-00000-00001", "creationDate": "2025-11-28T14:02:11Z",
      "orderPaymentStatus": "PENDING",
      "pricingSummary": {"adjustment": {"value": "-1.0", "currency": "GBP"},
                         "total": {"value": "25.00", "currency": "GBP"}},
      "fulfillmentStartInstructions": [{"shippingStep": {"shipTo": {
        "contactAddress": {"city": "Leeds"}}}}],
      "lineItems": [
        {"sku": "A", "quantity": 1, "lineItemCost": {"value": 19.99, "currency": "GBP"}},
        {"sku": "B", "quantity": 1, "lineItemCost": {"value": "5.00", "currency": "USD"}},
        {"sku": "C", "quantity": "0", "lineItemCost": {"value": "20.00", "currency": "GBP"},
         "discountedLineItemCost": {"value": "17.00", "currency": "GBP"},
         "appliedPromotions": [{"discountAmount": {"value": "2.00", "currency": "GBP"}}]}
      ]
    })";
    const ImportedOrder imported = Parse(body.c_str());
    CheckLines(imported.order, {{orders::LineKind::kGoods, "A", 1000, 0, 0, 0},
                                {orders::LineKind::kGoods, "B", 1000, 0, 0, 0},
                                {orders::LineKind::kGoods, "C", 1000, 2000, 200, 0}});
    CHECK_FALSE(imported.paid);
    CHECK(imported.order.attention ==
          std::vector<std::string>{
              "line 1: lineItemCost: \"19.99\" is not a decimal string; amounts are never read "
              "from JSON numbers",
              "line 2: lineItemCost: in \"USD\", not the order's GBP",
              "line 3: quantity \"0\" is not a whole number from 1 to 1000000; taken as 1",
              "line 3: promotions 2.00 but discountedLineItemCost says 3.00; promotions kept",
              "pricingSummary.adjustment -1.00 is in no line",
              "no shipping address (shipTo.contactAddress.addressLine1 missing)",
              "lines add up to 18.00 but pricingSummary.total is 25.00"});
}

TEST_CASE("an eBay payload without JSON object, orderId or currency is rejected") {
    for (const char* body : {"not json", "[1, 2]", "{}", R"({"orderId": ""})",
                             R"({"orderId": "1-2-3", "lineItems": []})",
                             R"({"orderId": "1-2-3", "pricingSummary": {"total":
                                 {"value": "1.00", "currency": "XYZ"}}})"}) {
        CAPTURE(body);
        auto parsed = ParseEbayOrder(body);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().code == ErrorCode::kInvalidInput);
    }
    CHECK(ParseEbayOrder("[1, 2]").error().message == "eBay order: not a JSON object");
    CHECK(ParseEbayOrder("{}").error().message == "eBay order: no orderId");
}
