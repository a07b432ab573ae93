#pragma once
// Minimal orders in each channel's own format (field names as in docs/channels.md), one
// line of `sku`, for the API tests. The parsers' own tests cover the formats in depth.
#include <nlohmann/json.hpp>
#include <string>

namespace tillbook::testing {

inline nlohmann::json ShopifyOrder(long id, const std::string& sku, int quantity,
                                   const std::string& unit_price, const std::string& line_tax,
                                   const std::string& total) {
    return {{"id", id},
            {"name", "#" + std::to_string(id)},
            {"currency", "GBP"},
            {"presentment_currency", "GBP"},
            {"created_at", "2026-11-20T10:00:00-05:00"},
            {"updated_at", "2026-11-20T10:00:00-05:00"},
            {"taxes_included", true},
            {"financial_status", "paid"},
            {"cancelled_at", nullptr},
            {"email", "ada@example.com"},
            {"total_price", total},
            {"shipping_address",
             {{"address1", "1 High Street"},
              {"city", "Leeds"},
              {"zip", "LS1 1AA"},
              {"country_code", "GB"}}},
            {"line_items",
             {{{"id", 1},
               {"sku", sku},
               {"title", "Item " + sku},
               {"quantity", quantity},
               {"price", unit_price},
               {"gift_card", false},
               {"requires_shipping", true},
               {"tax_lines", {{{"price", line_tax}, {"title", "VAT"}}}},
               {"discount_allocations", nlohmann::json::array()}}}},
            {"shipping_lines", nlohmann::json::array()},
            {"refunds", nlohmann::json::array()}};
}

// A Shopify order #<id> of three lines: 2 Earl Grey 125 g at 6.50, 1 English breakfast 80 bags at
// 8.95 and 1 Earl Grey 250 g at 11.50 (33.45, prices with VAT, zero-rated tea).
inline nlohmann::json ShopifyThreeLineOrder(long id) {
    nlohmann::json order = ShopifyOrder(id, "TEA-EARL-125G", 2, "6.50", "0.00", "33.45");
    order["line_items"][0]["title"] = "Earl Grey 125 g";
    nlohmann::json second = order["line_items"][0];
    second["id"] = 2;
    second["sku"] = "TEA-ENGB-80BAGS";
    second["title"] = "English breakfast 80 bags";
    second["quantity"] = 1;
    second["price"] = "8.95";
    nlohmann::json third = second;
    third["id"] = 3;
    third["sku"] = "TEA-EARL-250G";
    third["title"] = "Earl Grey 250 g";
    third["price"] = "11.50";
    order["line_items"].push_back(second);
    order["line_items"].push_back(third);
    return order;
}

inline nlohmann::json WooOrder(long id, const std::string& sku, int quantity,
                               const std::string& net, const std::string& tax,
                               const std::string& total) {
    return {{"id", id},
            {"number", std::to_string(id)},
            {"currency", "GBP"},
            {"status", "processing"},
            {"date_created", "2026-11-20T10:00:00"},
            {"date_created_gmt", "2026-11-20T10:00:00"},
            {"date_modified_gmt", "2026-11-20T10:00:00"},
            {"date_paid_gmt", "2026-11-20T10:01:00"},
            {"prices_include_tax", false},
            {"total", total},
            {"billing", {{"email", "bob@example.com"}}},
            {"shipping",
             {{"address_1", "2 Market Square"},
              {"city", "York"},
              {"postcode", "YO1 1AA"},
              {"country", "GB"}}},
            {"line_items",
             {{{"id", 11},
               {"sku", sku},
               {"name", "Item " + sku},
               {"quantity", quantity},
               {"subtotal", net},
               {"subtotal_tax", tax},
               {"total", net},
               {"total_tax", tax}}}},
            {"shipping_lines", nlohmann::json::array()},
            {"fee_lines", nlohmann::json::array()},
            {"refunds", nlohmann::json::array()}};
}

inline nlohmann::json EbayOrder(const std::string& id, const std::string& sku, int quantity,
                                const std::string& line_cost, const std::string& total) {
    return {
        {"orderId", id},
        {"creationDate", "2026-11-20T10:00:00.000Z"},
        {"lastModifiedDate", "2026-11-20T10:00:00.000Z"},
        {"orderPaymentStatus", "PAID"},
        {"orderFulfillmentStatus", "NOT_STARTED"},
        {"cancelStatus", {{"cancelState", "NONE_REQUESTED"}}},
        {"pricingSummary",
         {{"priceSubtotal", {{"value", line_cost}, {"currency", "GBP"}}},
          {"total", {{"value", total}, {"currency", "GBP"}}}}},
        {"fulfillmentStartInstructions",
         {{{"shippingStep",
            {{"shipTo",
              {{"fullName", "Cy Buyer"},
               {"contactAddress",
                {{"addressLine1", "3 Bridge Road"},
                 {"city", "Hull"},
                 {"postalCode", "HU1 1AA"},
                 {"countryCode", "GB"}}}}}}},
           {"maxEstimatedDeliveryDate", "2026-11-25T22:59:59.000Z"}}}},
        {"lineItems",
         {{{"lineItemId", "10001"},
           {"sku", sku},
           {"title", "Item " + sku},
           {"quantity", quantity},
           {"lineItemCost", {{"value", line_cost}, {"currency", "GBP"}}},
           {"total", {{"value", line_cost}, {"currency", "GBP"}}},
           {"lineItemFulfillmentInstructions", {{"shipByDate", "2026-11-21T22:59:59.000Z"}}}}}}};
}

inline nlohmann::json AmazonOrder(const std::string& id, const std::string& sku, int quantity,
                                  const std::string& item_price, const std::string& total) {
    return {{"order",
             {{"AmazonOrderId", id},
              {"PurchaseDate", "2026-11-20T10:00:00Z"},
              {"LastUpdateDate", "2026-11-20T10:00:00Z"},
              {"OrderStatus", "Unshipped"},
              {"FulfillmentChannel", "MFN"},
              {"OrderTotal", {{"CurrencyCode", "GBP"}, {"Amount", total}}},
              {"LatestShipDate", "2026-11-21T23:59:59Z"},
              {"LatestDeliveryDate", "2026-11-26T23:59:59Z"},
              {"BuyerInfo", {{"BuyerEmail", "dee@marketplace.amazon.co.uk"}}},
              {"ShippingAddress",
               {{"Name", "Dee"},
                {"AddressLine1", "4 Quay Street"},
                {"City", "Bristol"},
                {"PostalCode", "BS1 1AA"},
                {"CountryCode", "GB"}}}}},
            {"items",
             {{{"ASIN", "B000TEST01"},
               {"SellerSKU", sku},
               {"OrderItemId", "1" + id},
               {"Title", "Item " + sku},
               {"QuantityOrdered", quantity},
               {"ItemPrice", {{"CurrencyCode", "GBP"}, {"Amount", item_price}}},
               {"ItemTax", {{"CurrencyCode", "GBP"}, {"Amount", "0.00"}}}}}}};
}

}  // namespace tillbook::testing
