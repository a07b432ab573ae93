// A price changed at the till (issue 14, point 5): the line is priced at it and keeps the price it
// replaced, which the journal carries only when set, so events without it read as before.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "tillbook/ledger/event.hpp"
#include "tillbook/ledger/event_json.hpp"
#include "tillbook/orders/till_sale.hpp"

using namespace tillbook;

namespace {

const money::Currency kGbp{"GBP", 2};

money::Money Gbp(std::int64_t minor) {
    return money::Money(minor, kGbp);
}

const std::vector<catalogue::TaxClass> kTaxes{
    {"standard", 2000, money::TaxMode::kInclusive},
};

catalogue::Sku Tea() {
    catalogue::Sku sku;
    sku.code = "TEA-EARL-125G";
    sku.product_name = "Earl Grey loose leaf tea";
    sku.variant_name = "125 g";
    sku.price = Gbp(650);
    sku.cost_price = Gbp(300);
    sku.tax_class = "standard";
    return sku;
}

catalogue::Sku Cheddar() {
    catalogue::Sku sku = Tea();
    sku.code = "CHEESE-CHEDDAR";
    sku.product_name = "Cheddar";
    sku.variant_name = "";
    sku.price = Gbp(1200);  // per kg
    sku.sold_by = catalogue::SoldBy::kWeight;
    return sku;
}

orders::Order SaleOf(std::vector<orders::OrderLine> lines) {
    orders::Order order;
    order.id = "0192f0c4-0000-7000-8000-000000000002";
    order.number = "S01-T1-000007";
    order.channel = "store:S01";
    order.location_id = "S01";
    order.currency = "GBP";
    order.placed_at = 1763800000000;
    order.lines = std::move(lines);
    return order;
}

}  // namespace

TEST_CASE("a price set at the till prices the line and keeps the catalogue's or label's price") {
    std::vector<orders::SaleItem> items{
        {Tea(), 2000, std::nullopt, Gbp(500)},      // two at 5.00 instead of 6.50
        {Tea(), 1000, Gbp(325), Gbp(300)},          // a label's 3.25, made 3.00
        {Cheddar(), 250, std::nullopt, Gbp(1000)},  // 10.00/kg instead of 12.00/kg
        {Tea(), 1000, std::nullopt, std::nullopt},  // as the catalogue says
    };
    auto lines = orders::PriceSaleItems(items, kTaxes);
    REQUIRE(lines.has_value());
    REQUIRE(lines->size() == 4);
    CHECK((*lines)[0].unit_price == Gbp(500));
    CHECK((*lines)[0].price_overridden_from == Gbp(650));
    CHECK((*lines)[0].quantity == 2000);
    CHECK((*lines)[1].unit_price == Gbp(300));
    CHECK((*lines)[1].price_overridden_from == Gbp(325));
    CHECK((*lines)[1].quantity == 1000);
    CHECK((*lines)[2].unit_price == Gbp(1000));
    CHECK((*lines)[2].price_overridden_from == Gbp(1200));
    CHECK_FALSE((*lines)[3].price_overridden_from.has_value());
    auto totals = orders::ComputeTotals(SaleOf(*lines));
    REQUIRE(totals.has_value());
    CHECK(totals->total == Gbp(1000 + 300 + 250 + 650));
}

TEST_CASE("a price set at the till of zero, below zero or in another currency is refused") {
    for (const money::Money& price :
         {Gbp(0), Gbp(-100), money::Money(500, money::Currency{"EUR", 2})}) {
        const std::vector<orders::SaleItem> items{{Tea(), 1000, std::nullopt, price}};
        auto lines = orders::PriceSaleItems(items, kTaxes);
        REQUIRE_FALSE(lines.has_value());
        CHECK(lines.error().field == "price_override");
        CHECK(lines.error().message ==
              "item 1 (TEA-EARL-125G): a price set at the till must be above zero, in GBP");
    }
}

TEST_CASE("the price a line was changed from is journalled only when set, and read back") {
    const std::vector<orders::SaleItem> items{{Tea(), 1000, std::nullopt, Gbp(500)},
                                              {Tea(), 1000, std::nullopt, std::nullopt}};
    auto lines = orders::PriceSaleItems(items, kTaxes);
    REQUIRE(lines.has_value());
    ledger::Event event;
    event.id = "0192f0c4-0000-7000-8000-000000000001";
    event.origin = "terminal:S01-T1";
    event.origin_seq = 7;
    event.actor = "staff-zoe";
    event.approver = "staff-tom";
    event.occurred_at = 1763800000123;
    event.payload = ledger::OrderPlaced{SaleOf(*lines), true};

    const nlohmann::json json = ledger::EventToJson(event);
    const auto& written = json["payload"]["order"]["lines"];
    CHECK(written[0]["price_overridden_from"] ==
          nlohmann::json{{"currency", "GBP"}, {"minor", 650}});
    CHECK_FALSE(written[1].contains("price_overridden_from"));
    const auto read = ledger::ParseEvent(json.dump());
    REQUIRE(read.has_value());
    CHECK(*read == event);

    // An event written before the key existed reads as a line whose price was not changed.
    nlohmann::json old = json;
    old["payload"]["order"]["lines"][0].erase("price_overridden_from");
    const auto old_read = ledger::ParseEvent(old.dump());
    REQUIRE(old_read.has_value());
    const auto& placed = std::get<ledger::OrderPlaced>(old_read->payload);
    CHECK_FALSE(placed.order.lines[0].price_overridden_from.has_value());
    CHECK(placed.order.lines[0].unit_price == Gbp(500));

    // Not money: refused naming the field.
    nlohmann::json bad = json;
    bad["payload"]["order"]["lines"][0]["price_overridden_from"] = "6.50";
    const auto bad_read = ledger::ParseEvent(bad.dump());
    REQUIRE_FALSE(bad_read.has_value());
    CHECK(bad_read.error().field.find("lines[0].price_overridden_from") != std::string::npos);
}

TEST_CASE("a line's price before an override is in the order's currency and not negative") {
    const std::vector<orders::SaleItem> items{{Tea(), 1000, std::nullopt, Gbp(500)}};
    auto lines = orders::PriceSaleItems(items, kTaxes);
    REQUIRE(lines.has_value());
    orders::Order order = SaleOf(*lines);
    CHECK(orders::CheckWellFormed(order).has_value());
    order.lines[0].price_overridden_from = Gbp(-1);
    CHECK(orders::CheckWellFormed(order).error().field == "lines.price_overridden_from");
    order.lines[0].price_overridden_from = money::Money(650, money::Currency{"EUR", 2});
    CHECK(orders::CheckWellFormed(order).error().field == "lines.price_overridden_from");
}
