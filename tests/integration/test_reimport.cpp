// Integration tests: channel orders changed after import, against the real server on loopback.
// A newer version of an order nothing of which is picked amends the same order; once it is too
// late, the order is only flagged; refunds inside a payload are recorded once.
#include <doctest/doctest.h>

#include "channel_payloads.hpp"
#include "office_fixture.hpp"

using namespace tillbook;
using nlohmann::json;
using testing::OfficeUnderTest;

namespace {

constexpr const char* kEarlGrey = "TEA-EARL-125G";
constexpr const char* kDarjeeling = "TEA-DARJ-100G";

json Post(httplib::Client& client, const std::string& channel, const json& body,
          int expected_status) {
    auto res =
        client.Post("/api/v1/channels/" + channel + "/orders", body.dump(), "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == expected_status);
    return json::parse(res->body);
}

json ShopifyLine(int id, const std::string& sku, int quantity, const std::string& price) {
    return {{"id", id},
            {"sku", sku},
            {"title", "Item " + sku},
            {"quantity", quantity},
            {"price", price},
            {"gift_card", false},
            {"requires_shipping", true},
            {"tax_lines", json::array()},
            {"discount_allocations", json::array()}};
}

std::int64_t Reserved(OfficeUnderTest& office, const std::string& sku,
                      const std::string& order_id = {}) {
    if (order_id.empty()) {
        return office.Scalar("SELECT coalesce(sum(reserved), 0) FROM stock_levels WHERE sku = '" +
                             sku + "'");
    }
    return office.Scalar("SELECT coalesce(sum(quantity), 0) FROM reservations WHERE order_id = '" +
                         order_id + "' AND sku = '" + sku + "'");
}

std::int64_t Amendments(OfficeUnderTest& office) {
    return office.Scalar("SELECT count(*) FROM ledger WHERE kind = 17");
}

// The order leaves the warehouse: the same event a despatch desk appends.
void Dispatch(OfficeUnderTest& office, const std::string& order_id) {
    office.AppendAsOffice(ledger::OrderDispatched{order_id, "JD0001"});
}

bool HasReasonContaining(const json& order, const std::string& words) {
    for (const auto& reason : order["attention"]) {
        if (reason.get<std::string>().find(words) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE(
    "a Shopify order changed before picking is amended in place: same order, new lines and total, "
    "reservations follow, and the same payload again changes nothing") {
    OfficeUnderTest office("reimport-shopify");
    auto client = office.Client(office.Manager());
    const json first = testing::ShopifyOrder(5001, kEarlGrey, 2, "6.50", "0.00", "13.00");
    const json placed = Post(*client, "shopify", first, 201);
    const std::string id = placed["id"];
    CHECK(Reserved(office, kEarlGrey, id) == 2000);
    const std::int64_t earl_grey_before = Reserved(office, kEarlGrey);
    const std::int64_t darjeeling_before = Reserved(office, kDarjeeling);
    const std::int64_t seq_before_amendment = office.Scalar("SELECT max(seq) FROM ledger");

    json edited = first;
    edited["updated_at"] = "2026-11-20T11:30:00-05:00";
    edited["total_price"] = "13.75";
    edited["line_items"] = {ShopifyLine(1, kEarlGrey, 1, "6.50"),
                            ShopifyLine(2, kDarjeeling, 1, "7.25")};
    const json amended = Post(*client, "shopify", edited, 200);
    CHECK(amended["id"] == id);
    CHECK(amended["total_minor"] == 1375);
    REQUIRE(amended["lines"].size() == 2);
    CHECK(amended["lines"][0]["sku"] == kEarlGrey);
    CHECK(amended["lines"][0]["quantity"] == 1);
    CHECK(amended["lines"][1]["sku"] == kDarjeeling);
    CHECK(amended["lines"][1]["total_minor"] == 725);
    CHECK(amended["status"] == "allocated");
    // Paid on Shopify: the 0.75 more is taken with the amendment.
    CHECK(amended["paid_minor"] == 1375);
    CHECK(Reserved(office, kEarlGrey, id) == 1000);
    CHECK(Reserved(office, kDarjeeling, id) == 1000);
    CHECK(Reserved(office, kEarlGrey) == earl_grey_before - 1000);
    CHECK(Reserved(office, kDarjeeling) == darjeeling_before + 1000);
    CHECK(Amendments(office) == 1);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'shopify'") == 1);
    auto list = client->Get("/api/v1/orders?channel=shopify");
    REQUIRE(list);
    CHECK(json::parse(list->body)["orders"].size() == 1);
    // The channels hear of both SKUs, one freed and one taken: the stock publisher follows the
    // amendment's movements.
    CHECK(office.Scalar("SELECT count(DISTINCT sku) FROM stock_movements WHERE seq > " +
                        std::to_string(seq_before_amendment) + " AND sku IN ('" +
                        std::string(kEarlGrey) + "', '" + kDarjeeling + "')") == 2);

    const auto before = office.AllRows();
    const json again = Post(*client, "shopify", edited, 200);
    CHECK(again["id"] == id);
    CHECK(office.AllRows() == before);
    // An older version arriving late changes nothing either.
    Post(*client, "shopify", first, 200);
    CHECK(office.AllRows() == before);
    CHECK(office.Verifies());
}

TEST_CASE("a Shopify order changed after dispatch is only flagged, with what changed") {
    OfficeUnderTest office("reimport-dispatched");
    auto client = office.Client(office.Manager());
    const json first = testing::ShopifyOrder(5002, kEarlGrey, 2, "6.50", "0.00", "13.00");
    const std::string id = Post(*client, "shopify", first, 201)["id"];
    Dispatch(office, id);

    json edited = first;
    edited["updated_at"] = "2026-11-21T09:00:00-05:00";
    edited["total_price"] = "6.50";
    edited["line_items"] = {ShopifyLine(1, kEarlGrey, 1, "6.50")};
    const json flagged = Post(*client, "shopify", edited, 200);
    CHECK(flagged["id"] == id);
    CHECK(flagged["status"] == "dispatched");
    REQUIRE(flagged["lines"].size() == 1);
    CHECK(flagged["lines"][0]["quantity"] == 2);
    CHECK(flagged["total_minor"] == 1300);
    CHECK(HasReasonContaining(flagged,
                              "changed on shopify after import, when it was already "
                              "dispatched: line 1 TEA-EARL-125G: 2 → 1"));
    CHECK(Amendments(office) == 0);
    CHECK(office.Verifies());
}

TEST_CASE(
    "a WooCommerce order cut down with a refund is amended once, and the refund is recorded once "
    "however often it is delivered") {
    OfficeUnderTest office("reimport-woo");
    auto client = office.Client(office.Manager());
    const json first = testing::WooOrder(7001, kEarlGrey, 3, "15.00", "3.00", "18.00");
    const json placed = Post(*client, "woocommerce", first, 201);
    const std::string id = placed["id"];
    CHECK(placed["paid_minor"] == 1800);
    CHECK(Reserved(office, kEarlGrey, id) == 3000);

    json edited = first;
    edited["date_modified_gmt"] = "2026-11-20T12:00:00";
    edited["total"] = "6.00";
    edited["line_items"][0]["quantity"] = 1;
    edited["line_items"][0]["subtotal"] = "5.00";
    edited["line_items"][0]["total"] = "5.00";
    edited["line_items"][0]["subtotal_tax"] = "1.00";
    edited["line_items"][0]["total_tax"] = "1.00";
    edited["refunds"] = {{{"id", 90}, {"reason", "two out of stock"}, {"total", "-12.00"}}};
    const json amended = Post(*client, "woocommerce", edited, 200);
    CHECK(amended["id"] == id);
    CHECK(amended["total_minor"] == 600);
    CHECK(amended["paid_minor"] == 1800);
    CHECK(amended["refunded_minor"] == 1200);
    CHECK(Reserved(office, kEarlGrey, id) == 1000);
    CHECK(Amendments(office) == 1);

    // WooCommerce builds the body at delivery time: a later delivery with the same state.
    json later = edited;
    later["date_modified_gmt"] = "2026-11-20T12:05:00";
    const json redelivered = Post(*client, "woocommerce", later, 200);
    CHECK(redelivered["refunded_minor"] == 1200);
    CHECK(office.Scalar("SELECT count(*) FROM refunds WHERE order_id = '" + id +
                        "' AND tender = 5 AND reference = '90'") == 1);
    CHECK(Amendments(office) == 1);
    CHECK(office.Scalar("SELECT count(*) FROM orders WHERE channel = 'woocommerce'") == 1);
    CHECK(office.Verifies());
}

TEST_CASE("an eBay order lowered without a refund is flagged, not amended below what was paid") {
    OfficeUnderTest office("reimport-ebay");
    auto client = office.Client(office.Manager());
    const json first = testing::EbayOrder("12-00001-00001", kEarlGrey, 2, "13.00", "13.00");
    const std::string id = Post(*client, "ebay", first, 201)["id"];
    json edited = first;
    edited["lastModifiedDate"] = "2026-11-20T12:00:00.000Z";
    edited["lineItems"][0]["quantity"] = 1;
    edited["lineItems"][0]["lineItemCost"]["value"] = "6.50";
    edited["lineItems"][0]["total"]["value"] = "6.50";
    edited["pricingSummary"]["priceSubtotal"]["value"] = "6.50";
    edited["pricingSummary"]["total"]["value"] = "6.50";
    const json flagged = Post(*client, "ebay", edited, 200);
    CHECK(flagged["total_minor"] == 1300);
    CHECK(HasReasonContaining(flagged, "not applied: 13.00"));
    CHECK(Amendments(office) == 0);

    // The refund arrives in the next version: now the order is amended.
    json refunded = edited;
    refunded["lastModifiedDate"] = "2026-11-20T13:00:00.000Z";
    refunded["orderPaymentStatus"] = "PARTIALLY_REFUNDED";
    refunded["paymentSummary"] = {{"refunds",
                                   {{{"refundId", "R-77"},
                                     {"refundStatus", "REFUNDED"},
                                     {"amount", {{"value", "6.5"}, {"currency", "GBP"}}}}}}};
    const json amended = Post(*client, "ebay", refunded, 200);
    CHECK(amended["total_minor"] == 650);
    CHECK(amended["refunded_minor"] == 650);
    CHECK(Reserved(office, kEarlGrey, id) == 1000);
    CHECK(Amendments(office) == 1);
    CHECK(office.Verifies());
}

TEST_CASE(
    "a Shopify edit as Shopify sends it, current_quantity and a refund, amends the order to what "
    "is still ordered") {
    OfficeUnderTest office("reimport-shopify-edit");
    auto client = office.Client(office.Manager());
    const json first = testing::ShopifyOrder(5003, kEarlGrey, 2, "6.50", "0.00", "13.00");
    const std::string id = Post(*client, "shopify", first, 201)["id"];

    // The edit keeps line 1 at quantity 2 with current_quantity 1, adds a line, and refunds 1.50.
    json edited = first;
    edited["updated_at"] = "2026-11-20T12:00:00-05:00";
    edited["financial_status"] = "partially_refunded";
    edited["current_total_price"] = "11.50";
    edited["line_items"][0]["current_quantity"] = 1;
    edited["line_items"].push_back(ShopifyLine(2, kDarjeeling, 1, "5.00"));
    edited["refunds"] = {
        {{"id", 900},
         {"transactions",
          {{{"kind", "refund"}, {"amount", "1.50"}, {"currency", "GBP"}, {"status", "success"}}}}}};
    const json amended = Post(*client, "shopify", edited, 200);
    CHECK(amended["id"] == id);
    REQUIRE(amended["lines"].size() == 2);
    CHECK(amended["lines"][0]["quantity"] == 1);
    CHECK(amended["total_minor"] == 1150);
    CHECK(amended["paid_minor"] == 1300);
    CHECK(amended["refunded_minor"] == 150);
    CHECK(amended["attention"].empty());
    CHECK(Reserved(office, kEarlGrey, id) == 1000);
    CHECK(Reserved(office, kDarjeeling, id) == 1000);
    CHECK(office.Verifies());
}
