#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tillbook/office/channels/imported_order.hpp"

using namespace tillbook;
using office::channels::ImportedOrder;
using office::channels::ParseEbayOrder;

namespace {

// A simple EBAY_GB order as getOrder returns it: one-decimal amounts, one line, order-level
// delivery estimate.
constexpr const char* kSimpleGbOrder = R"({
  "orderId": "12-13579-24680",
  "legacyOrderId": "12-13579-24680",
  "creationDate": "2025-11-28T14:02:11.000Z",
  "lastModifiedDate": "2025-11-28T14:05:40.250Z",
  "orderFulfillmentStatus": "NOT_STARTED",
  "orderPaymentStatus": "PAID",
  "sellerId": "tillbook_shop",
  "buyer": {"username": "mugfan_uk",
            "taxAddress": {"city": "Leeds", "postalCode": "LS1 4AP", "countryCode": "GB"}},
  "pricingSummary": {
    "priceSubtotal": {"value": "35.0", "currency": "GBP"},
    "deliveryCost": {"value": "4.5", "currency": "GBP"},
    "total": {"value": "39.5", "currency": "GBP"}
  },
  "cancelStatus": {"cancelState": "NONE_REQUESTED", "cancelRequests": []},
  "paymentSummary": {
    "totalDueSeller": {"value": "34.6", "currency": "GBP"},
    "refunds": [],
    "payments": [{"paymentMethod": "EBAY", "paymentReferenceId": "7A1234",
                  "paymentDate": "2025-11-28T14:02:12.000Z",
                  "amount": {"value": "39.5", "currency": "GBP"}, "paymentStatus": "PAID"}]
  },
  "fulfillmentStartInstructions": [{
    "fulfillmentInstructionsType": "SHIP_TO",
    "minEstimatedDeliveryDate": "2025-12-02T23:59:59.000Z",
    "maxEstimatedDeliveryDate": "2025-12-04T23:59:59.000Z",
    "ebaySupportedFulfillment": false,
    "shippingStep": {
      "shipTo": {"fullName": "Ann Example",
                 "contactAddress": {"addressLine1": "1 High Street", "city": "Leeds",
                                    "postalCode": "LS1 4AP", "countryCode": "GB"},
                 "primaryPhone": {"phoneNumber": "0113 496 0000"},
                 "email": "ann.example@example.co.uk"},
      "shippingCarrierCode": "Royal Mail",
      "shippingServiceCode": "UK_RoyalMailSecondClassStandard"
    }
  }],
  "lineItems": [{
    "lineItemId": "10071234567801",
    "legacyItemId": "316000000001",
    "sku": "MUG-BLUE",
    "title": "Blue stoneware mug",
    "lineItemCost": {"value": "35.0", "currency": "GBP"},
    "quantity": 1,
    "soldFormat": "FIXED_PRICE",
    "listingMarketplaceId": "EBAY_GB",
    "purchaseMarketplaceId": "EBAY_GB",
    "lineItemFulfillmentStatus": "NOT_STARTED",
    "total": {"value": "39.5", "currency": "GBP"},
    "deliveryCost": {"shippingCost": {"value": "4.5", "currency": "GBP"}},
    "appliedPromotions": [],
    "taxes": [],
    "refunds": [],
    "properties": {"buyerProtection": true},
    "lineItemFulfillmentInstructions": {
      "minEstimatedDeliveryDate": "2025-12-02T23:59:59.000Z",
      "maxEstimatedDeliveryDate": "2025-12-04T23:59:59.000Z",
      "shipByDate": "2025-12-01T23:59:59.000Z",
      "guaranteedDelivery": false
    }
  }],
  "salesRecordReference": "1042",
  "totalFeeBasisAmount": {"value": "39.5", "currency": "GBP"},
  "totalMarketplaceFee": {"value": "4.9", "currency": "GBP"}
})";

// EBAY_DE: quantity 3 for "10.00" (does not divide), a line without SKU and with a promotion,
// German-winter ship-by dates on two lines, combined-shipping discount, a converted total, a
// refunded and a pending refund, no e-mail on shipTo.
constexpr const char* kEdgeDeOrder = R"({
  "orderId": "05-11223-34455",
  "legacyOrderId": "05-11223-34455",
  "creationDate": "2025-11-30T19:40:00.000Z",
  "lastModifiedDate": "2025-12-02T08:15:00.000Z",
  "orderFulfillmentStatus": "NOT_STARTED",
  "orderPaymentStatus": "PARTIALLY_REFUNDED",
  "buyer": {"username": "k_mueller",
            "buyerRegistrationAddress": {
              "fullName": "Karin Müller", "email": "k.mueller@example.de",
              "contactAddress": {"city": "München", "postalCode": "80331", "countryCode": "DE"}}},
  "pricingSummary": {
    "priceSubtotal": {"value": "45.0", "currency": "EUR"},
    "priceDiscount": {"value": "-3.5", "currency": "EUR"},
    "deliveryCost": {"value": "19.8", "currency": "EUR"},
    "deliveryDiscount": {"value": "-14.85", "currency": "EUR"},
    "total": {"value": "46.45", "currency": "EUR",
              "convertedFromValue": "39.89", "convertedFromCurrency": "GBP"}
  },
  "cancelStatus": {"cancelState": "NONE_REQUESTED", "cancelRequests": []},
  "paymentSummary": {
    "totalDueSeller": {"value": "40.9", "currency": "EUR"},
    "refunds": [
      {"refundId": "5012345678", "refundDate": "2025-12-02T08:10:00.000Z",
       "amount": {"value": "10.0", "currency": "EUR"}, "refundStatus": "REFUNDED",
       "refundReferenceId": "R-77"},
      {"refundId": "5012345679", "refundDate": "2025-12-02T08:14:00.000Z",
       "amount": {"value": "2.0", "currency": "EUR"}, "refundStatus": "PENDING"}
    ],
    "payments": []
  },
  "fulfillmentStartInstructions": [{
    "fulfillmentInstructionsType": "SHIP_TO",
    "ebaySupportedFulfillment": false,
    "shippingStep": {
      "shipTo": {"fullName": "Karin Müller",
                 "contactAddress": {"addressLine1": "Marienplatz 8", "city": "München",
                                    "postalCode": "80331", "countryCode": "DE"}},
      "shippingCarrierCode": "DHL",
      "shippingServiceCode": "DE_DHLPaket"
    }
  }],
  "lineItems": [
    {
      "lineItemId": "10080000000101",
      "legacyItemId": "315000000001",
      "sku": "TEA-SAMPLER",
      "title": "Tea sampler",
      "lineItemCost": {"value": "10.00", "currency": "EUR"},
      "quantity": 3,
      "total": {"value": "14.95", "currency": "EUR"},
      "deliveryCost": {"shippingCost": {"value": "4.95", "currency": "EUR"},
                       "discountAmount": {"value": "14.85", "currency": "EUR"}},
      "appliedPromotions": [],
      "taxes": [],
      "refunds": [{"amount": {"value": "10.0", "currency": "EUR"},
                   "refundDate": "2025-12-02T08:10:00.000Z"}],
      "lineItemFulfillmentInstructions": {
        "maxEstimatedDeliveryDate": "2025-12-06T22:59:59.000Z",
        "shipByDate": "2025-12-03T22:59:59.000Z",
        "guaranteedDelivery": false
      }
    },
    {
      "lineItemId": "10080000000102",
      "legacyItemId": "315000000002",
      "legacyVariationId": "415000000002",
      "variationAspects": [{"name": "Höhe", "value": "20 cm"}],
      "title": "Teekanne Gusseisen",
      "lineItemCost": {"value": "35.0", "currency": "EUR"},
      "discountedLineItemCost": {"value": "31.5", "currency": "EUR"},
      "quantity": 1,
      "total": {"value": "31.5", "currency": "EUR"},
      "deliveryCost": {"shippingCost": {"value": "0.0", "currency": "EUR"}},
      "appliedPromotions": [{"promotionId": "5550001", "description": "10 % Rabatt",
                             "discountAmount": {"value": "3.5", "currency": "EUR"}}],
      "taxes": [],
      "refunds": [],
      "lineItemFulfillmentInstructions": {
        "maxEstimatedDeliveryDate": "2025-12-05T22:59:59.000Z",
        "shipByDate": "2025-12-02T22:59:59.000Z",
        "guaranteedDelivery": false
      }
    }
  ]
})";

// EBAY_US with fieldGroups=TAX_BREAKDOWN: line 1 carries collect-and-remit sales tax (repeated in
// taxes[], as real payloads do); line 2 a tax the seller charges itself. pricingSummary.tax and
// total include both.
constexpr const char* kUsTaxBreakdownOrder = R"({
  "orderId": "27-11111-22222",
  "creationDate": "2025-11-22T03:16:26.000Z",
  "lastModifiedDate": "2025-11-22T03:19:04.000Z",
  "orderPaymentStatus": "PAID",
  "pricingSummary": {
    "priceSubtotal": {"value": "55.0", "currency": "USD"},
    "deliveryCost": {"value": "4.0", "currency": "USD"},
    "tax": {"value": "4.4", "currency": "USD"},
    "total": {"value": "63.4", "currency": "USD"}
  },
  "cancelStatus": {"cancelState": "NONE_REQUESTED", "cancelRequests": []},
  "paymentSummary": {"refunds": []},
  "fulfillmentStartInstructions": [{
    "maxEstimatedDeliveryDate": "2025-12-03T08:00:00.000Z",
    "shippingStep": {"shipTo": {"fullName": "Burgin Example",
                                "contactAddress": {"addressLine1": "893 Ridge Dr",
                                                   "city": "Birmingham", "stateOrProvince": "AL",
                                                   "postalCode": "35209", "countryCode": "US"}},
                     "shippingServiceCode": "USPSMedia"}
  }],
  "lineItems": [
    {
      "legacyItemId": "313124572816",
      "sku": "LP-791689",
      "title": "OUTLAWS: Behind The Walls LP",
      "lineItemCost": {"value": "35.0", "currency": "USD"},
      "quantity": 1,
      "appliedPromotions": [],
      "taxes": [{"amount": {"value": "2.8", "currency": "USD"}, "taxType": "STATE_SALES_TAX"}],
      "ebayCollectAndRemitTaxes": [{"taxType": "STATE_SALES_TAX",
                                    "amount": {"value": "2.8", "currency": "USD"},
                                    "collectionMethod": "NET"}],
      "lineItemFulfillmentInstructions": {"shipByDate": "2025-11-24T07:59:59.000Z"}
    },
    {
      "legacyItemId": "313124572817",
      "sku": "SLEEVE-2",
      "title": "Record sleeves",
      "lineItemCost": {"value": "20.00", "currency": "USD"},
      "quantity": 2,
      "appliedPromotions": [],
      "taxes": [{"amount": {"value": "1.6", "currency": "USD"}, "taxType": "STATE_SALES_TAX"}],
      "lineItemFulfillmentInstructions": {"shipByDate": "2025-11-24T07:59:59.000Z"}
    }
  ]
})";

// The same order without TAX_BREAKDOWN: taxes[] empty where eBay remits, no pricingSummary.tax,
// and a total without the collect-and-remit tax.
constexpr const char* kUsPlainOrder = R"({
  "orderId": "27-11111-22222",
  "creationDate": "2025-11-22T03:16:26.000Z",
  "orderPaymentStatus": "PAID",
  "pricingSummary": {
    "deliveryCost": {"value": "4.0", "currency": "USD"},
    "total": {"value": "60.6", "currency": "USD"}
  },
  "fulfillmentStartInstructions": [{"shippingStep": {"shipTo": {
    "contactAddress": {"addressLine1": "893 Ridge Dr", "countryCode": "US"}}}}],
  "lineItems": [
    {"legacyItemId": "313124572816", "sku": "LP-791689", "quantity": 1,
     "lineItemCost": {"value": "35.0", "currency": "USD"}, "taxes": [],
     "ebayCollectAndRemitTaxes": [{"taxType": "STATE_SALES_TAX", "collectionMethod": "NET",
                                   "amount": {"value": "2.8", "currency": "USD"}}]},
    {"legacyItemId": "313124572817", "sku": "SLEEVE-2", "quantity": 2,
     "lineItemCost": {"value": "20.00", "currency": "USD"},
     "taxes": [{"amount": {"value": "1.6", "currency": "USD"}}]}
  ]
})";

ImportedOrder Parse(const char* body) {
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
    const ImportedOrder imported = Parse(kSimpleGbOrder);
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
    const ImportedOrder imported = Parse(kEdgeDeOrder);
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
    CHECK(imported.paid);  // PARTIALLY_REFUNDED
    REQUIRE(imported.refunds.size() == 1);
    CHECK(imported.refunds[0].external_id == "5012345678");
    CHECK(imported.refunds[0].amount == money::Money(1000, {"EUR", 2}));
    CHECK(order.attention == std::vector<std::string>{
                                 "line 2: no SKU (eBay item 315000000002, variation 415000000002, "
                                 "\"Teekanne Gusseisen\")",
                                 "refund 5012345679: refundStatus \"PENDING\"; not counted"});
}

TEST_CASE("eBay collect-and-remit tax stays out of the lines, and the seller's own tax is kept") {
    const ImportedOrder breakdown = Parse(kUsTaxBreakdownOrder);
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

    const ImportedOrder plain = Parse(kUsPlainOrder);
    CheckLines(plain.order, {{orders::LineKind::kGoods, "LP-791689", 1000, 3500, 0, 0},
                             {orders::LineKind::kGoods, "SLEEVE-2", 2000, 1080, 0, 160},
                             {orders::LineKind::kShipping, "", 1000, 400, 0, 0}});
    CHECK(plain.channel_total == money::Money(6060, {"USD", 2}));
    CHECK(plain.order.attention.empty());
}

TEST_CASE("a cancelled and refunded eBay order is cancelled, paid and carries the refund") {
    const std::string body = R"({
      "orderId": "09-00000-00009", "creationDate": "2025-11-28T14:02:11.000Z",
      "orderPaymentStatus": "FULLY_REFUNDED",
      "cancelStatus": {"cancelState": "CANCELED", "cancelRequests": []},
      "pricingSummary": {"total": {"value": "24.99", "currency": "GBP"}},
      "paymentSummary": {"refunds": [{"refundId": "5099", "refundStatus": "REFUNDED",
                                      "amount": {"value": "24.99", "currency": "GBP"}}]},
      "lineItems": [{"sku": "KETTLE", "quantity": 1,
                     "lineItemCost": {"value": "24.99", "currency": "GBP"}}]
    })";
    const ImportedOrder imported = Parse(body.c_str());
    CHECK(imported.cancelled);
    CHECK(imported.paid);
    CHECK_FALSE(imported.has_shipping_address);
    REQUIRE(imported.refunds.size() == 1);
    CHECK(imported.refunds[0].amount == money::Money(2499, {"GBP", 2}));
    CHECK(imported.order.attention.empty());  // no address is expected once cancelled

    const std::string requested = R"({
      "orderId": "09-00000-00010", "creationDate": "2025-11-28T14:02:11.000Z",
      "orderPaymentStatus": "PAID", "cancelStatus": {"cancelState": "IN_PROGRESS"},
      "pricingSummary": {"total": {"value": "24.99", "currency": "GBP"}},
      "fulfillmentStartInstructions": [{"shippingStep": {"shipTo": {
        "contactAddress": {"addressLine1": "1 High Street"}}}}],
      "lineItems": [{"sku": "KETTLE", "quantity": 1,
                     "lineItemCost": {"value": "24.99", "currency": "GBP"}}]
    })";
    const ImportedOrder open = Parse(requested.c_str());
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
