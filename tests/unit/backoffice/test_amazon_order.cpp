#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_data.hpp"
#include "tillbook/office/channels/imported_order.hpp"

using namespace tillbook;
using office::channels::ImportedOrder;
using office::channels::ParseAmazonOrder;

namespace {

std::string JpOrder(const std::string& amount) {
    return R"({"order": {"AmazonOrderId": "503-0000000-0000001",
      "PurchaseDate": "2025-11-28T16:42:31Z", "OrderStatus": "Unshipped",
      "MarketplaceId": "A1VC38T7YXB528",
      "OrderTotal": {"CurrencyCode": "JPY", "Amount": ")" +
           amount + R"("},
      "ShippingAddress": {"AddressLine1": "1-1 Chiyoda", "City": "Tokyo"}},
    "items": [{"ASIN": "B0JP000001", "SellerSKU": "TEA-JP", "QuantityOrdered": 1,
      "ItemPrice": {"CurrencyCode": "JPY", "Amount": ")" +
           amount + R"("}}]})";
}

ImportedOrder Parse(const std::string& body) {
    auto parsed = ParseAmazonOrder(body);
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

TEST_CASE("an Amazon ItemPrice is a line total and NumberOfItems never multiplies the quantity") {
    const ImportedOrder imported =
        Parse(testing::ReadTestData("channels/amazon/multipack-promotion-vat-inclusive.json"));
    const orders::Order& order = imported.order;
    CHECK(order.channel == "amazon");
    CHECK(order.external_id == "202-1234567-1234567");
    CHECK(order.number == "202-1234567-1234567");
    CHECK(order.currency == "GBP");
    // 39.98 for 2 (each a pack of 6): 2 x 19.99, less the 4.00 promotion. Shipping 3.99 + 3.00
    // less 2.00 as one line.
    CheckLines(order, {{orders::LineKind::kGoods, "SOAP-6PK", 2000, 1999, 400, 0},
                       {orders::LineKind::kGoods, "BRUSH-1", 1000, 500, 0, 0},
                       {orders::LineKind::kShipping, "", 1000, 699, 200, 0}});
    CHECK(order.lines[0].description == "Olive oil soap, pack of 6");
    CHECK(order.lines[2].description == "Std UK Dom_1");
    CHECK(Total(order) == 4597);
    CHECK(imported.channel_total == money::Money(4597, {"GBP", 2}));
    CHECK(order.placed_at == 1764348151000);
    CHECK(imported.updated_at == 1764349802000);
    CHECK(order.despatch_by == 1764633599000);
    CHECK(order.deliver_by == 1764892799000);
    CHECK(order.customer_email == "x7kq2n8m4p@marketplace.amazon.co.uk");
    CHECK(order.customer_name == "Ann Example");  // no BuyerName: ShippingAddress.Name
    CHECK(imported.paid);
    CHECK_FALSE(imported.cancelled);
    CHECK(imported.has_shipping_address);
    CHECK(imported.refunds.empty());
    CHECK(order.attention.empty());
}

TEST_CASE(
    "Amazon marketplace-facilitator tax stays out of the lines, and the seller's tax is kept") {
    const ImportedOrder imported =
        Parse(testing::ReadTestData("channels/amazon/marketplace-facilitator-tax.json"));
    // Item 1: 25.98 for 2, its 2.08 + 0.40 tax are Amazon's. Item 2: 12.00 + 0.99 tax, less the
    // 2.00 promotion and its 0.17 tax: paid 10.82 with 0.82 tax.
    CheckLines(imported.order, {{orders::LineKind::kGoods, "LP-791689", 2000, 1299, 0, 0},
                                {orders::LineKind::kGoods, "SLEEVE-2", 1000, 1299, 217, 82},
                                {orders::LineKind::kShipping, "", 1000, 499, 0, 0}});
    CHECK(Total(imported.order) == 4179);
    CHECK(imported.channel_total == money::Money(4427, {"USD", 2}));  // as Amazon states it
    CHECK(imported.order.despatch_by == 1764921599000);
    CHECK_FALSE(imported.order.deliver_by.has_value());
    CHECK(imported.paid);
    CHECK(imported.order.attention.empty());
}

TEST_CASE("a Pending Amazon order without OrderTotal or address imports with attention") {
    const ImportedOrder imported =
        Parse(testing::ReadTestData("channels/amazon/pending-no-total.json"));
    CHECK(imported.order.currency == "GBP");  // from the marketplace: no amount anywhere
    CheckLines(imported.order, {{orders::LineKind::kGoods, "SOAP-6PK", 1000, 0, 0, 0}});
    CHECK_FALSE(imported.paid);
    CHECK_FALSE(imported.has_shipping_address);
    CHECK_FALSE(imported.channel_total.has_value());
    CHECK(imported.order.attention ==
          std::vector<std::string>{"pending: wait for Unshipped", "OrderTotal: missing"});

    const std::string priced = R"({"order": {
        "AmazonOrderId": "304-1111111-2222222", "PurchaseDate": "2025-11-28T16:42:31Z",
        "OrderStatus": "PendingAvailability", "MarketplaceId": "A1PA6795UKMFR9"},
      "items": [{"ASIN": "B0DE000001", "SellerSKU": "KANNE", "QuantityOrdered": 1,
                 "ItemPrice": {"CurrencyCode": "EUR", "Amount": "19.99"}}]})";
    const ImportedOrder pending = Parse(priced);
    CHECK(pending.order.currency == "EUR");
    CheckLines(pending.order, {{orders::LineKind::kGoods, "KANNE", 1000, 1999, 0, 0}});
    CHECK_FALSE(pending.paid);
    CHECK(pending.order.attention ==
          std::vector<std::string>{"pending: wait for Unshipped", "OrderTotal: missing"});
}

TEST_CASE("JPY amounts take their exponent from the ISO table: \"25.99\" is rejected") {
    const ImportedOrder good = Parse(JpOrder("2599"));
    CHECK(good.order.currency == "JPY");
    CheckLines(good.order, {{orders::LineKind::kGoods, "TEA-JP", 1000, 2599, 0, 0}});
    CHECK(good.channel_total == money::Money(2599, {"JPY", 0}));
    CHECK(good.order.attention.empty());

    const ImportedOrder bad =
        Parse(testing::ReadTestData("channels/amazon/jpy-with-decimals.json"));
    CheckLines(bad.order, {{orders::LineKind::kGoods, "TEA-JP", 1000, 0, 0, 0}});
    CHECK_FALSE(bad.channel_total.has_value());
    CHECK(bad.order.attention ==
          std::vector<std::string>{"line 1: ItemPrice: \"25.99\": JPY has no decimal places",
                                   "OrderTotal: \"25.99\": JPY has no decimal places"});
}

TEST_CASE("an Amazon buyer-requested cancel, a gift and a restricted address need attention") {
    const ImportedOrder imported =
        Parse(testing::ReadTestData("channels/amazon/gift-buyer-cancel-restricted-address.json"));
    CheckLines(imported.order, {{orders::LineKind::kGoods, "", 1000, 1999, 0, 0},
                                {orders::LineKind::kService, "", 1000, 299, 0, 0}});
    CHECK(imported.order.lines[1].description == "Gift wrap");
    CHECK(imported.channel_total == money::Money(2298, {"GBP", 2}));
    CHECK_FALSE(imported.cancelled);
    CHECK_FALSE(imported.has_shipping_address);
    CHECK(
        imported.order.attention ==
        std::vector<std::string>{"line 1: no SellerSKU (ASIN B0C1234567)",
                                 "line 1: buyer asked to cancel (\"Found a better price\")",
                                 "line 1: gift, no prices on the slip; message \"Happy birthday!\"",
                                 "no shipping address (restricted data)"});
}

TEST_CASE("Amazon getOrder and getOrderItems payload wrappers are accepted") {
    const std::string body = R"({
      "order": {"payload": {"AmazonOrderId": "202-1111111-3333333",
                            "PurchaseDate": "2025-11-28T16:42:31Z", "OrderStatus": "Shipped",
                            "OrderTotal": {"CurrencyCode": "GBP", "Amount": "30.00"},
                            "ShippingAddress": {"AddressLine1": "1 High Street"}}},
      "items": {"payload": {"AmazonOrderId": "202-1111111-3333333",
                            "NextToken": "MRgZW55IGNhcm5hbCBwbGVhc3VyZS4=",
                            "OrderItems": [{"ASIN": "B01", "SellerSKU": "A",
                                            "QuantityOrdered": 1,
                                            "ItemPrice": {"CurrencyCode": "GBP",
                                                          "Amount": "10.00"}}]}}})";
    const ImportedOrder imported = Parse(body);
    CHECK(imported.order.external_id == "202-1111111-3333333");
    CheckLines(imported.order, {{orders::LineKind::kGoods, "A", 1000, 1000, 0, 0}});
    CHECK(imported.paid);
    CHECK(
        imported.order.attention ==
        std::vector<std::string>{"items: NextToken present: more OrderItems pages were not fetched",
                                 "lines add up to 10.00 but OrderTotal is 30.00"});
}

TEST_CASE("a cancelled Amazon order and one Amazon fulfils") {
    const std::string cancelled = R"({"order": {
        "AmazonOrderId": "202-0000000-0000009", "PurchaseDate": "2025-11-28T16:42:31Z",
        "OrderStatus": "Canceled", "MarketplaceId": "A1F83G8C2ARO7P"},
      "items": [{"ASIN": "B01", "SellerSKU": "A", "QuantityOrdered": 0}]})";
    const ImportedOrder gone = Parse(cancelled);
    CHECK(gone.cancelled);
    CHECK_FALSE(gone.paid);
    CHECK(gone.order.attention.empty());

    const std::string afn = R"({"order": {
        "AmazonOrderId": "202-0000000-0000010", "PurchaseDate": "2025-11-28T16:42:31Z",
        "OrderStatus": "Shipped", "FulfillmentChannel": "AFN",
        "OrderTotal": {"CurrencyCode": "GBP", "Amount": "10.00"},
        "ShippingAddress": {"AddressLine1": "1 High Street"}},
      "items": [{"ASIN": "B01", "SellerSKU": "A", "QuantityOrdered": 1,
                 "ItemPrice": {"CurrencyCode": "GBP", "Amount": "10.00"}}]})";
    const ImportedOrder amazons = Parse(afn);
    CHECK(amazons.shipped_by_channel);
    CHECK(amazons.order.attention ==
          std::vector<std::string>{"fulfilled by Amazon (AFN): Amazon ships it, not us"});
    CHECK_FALSE(Parse(cancelled).shipped_by_channel);
}

TEST_CASE("an Amazon payload that is not an order object is rejected") {
    for (const char* body : {"{\"order\": ", "[1, 2]", R"({"items": []})", R"({"order": []})",
                             R"({"order": {}})", R"({"order": {"AmazonOrderId": "1"}})",
                             R"({"order": {"AmazonOrderId": "1",
                                 "OrderTotal": {"CurrencyCode": "ABC", "Amount": "1"}}})"}) {
        CAPTURE(body);
        auto parsed = ParseAmazonOrder(body);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().code == ErrorCode::kInvalidInput);
    }
    CHECK(ParseAmazonOrder("{\"order\": ").error().message == "Amazon order: not valid JSON");
    CHECK(ParseAmazonOrder("[1, 2]").error().message == "Amazon order: not a JSON object");
    CHECK(ParseAmazonOrder(R"({"items": []})").error().message ==
          "Amazon order: no \"order\" object");
}

TEST_CASE("an Amazon order's customer name is BuyerInfo.BuyerName before the shipping name") {
    auto payload = nlohmann::json::parse(
        testing::ReadTestData("channels/amazon/multipack-promotion-vat-inclusive.json"));
    payload["order"]["BuyerInfo"]["BuyerName"] = "Ann B. Example";
    CHECK(Parse(payload.dump()).order.customer_name == "Ann B. Example");
}
