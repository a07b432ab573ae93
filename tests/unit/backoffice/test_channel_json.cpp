#include <doctest/doctest.h>

#include <string>

#include "channels/channel_json.hpp"
#include "tillbook/money/currency.hpp"
#include "tillbook/office/channels/imported_order.hpp"

using namespace tillbook;
using money::Money;
using office::channels::AttentionList;

namespace channels = office::channels;

namespace {

money::Currency Gbp() {
    return *money::FindCurrency("GBP");
}

}  // namespace

TEST_CASE("Present: set, not null and not empty") {
    const auto json = nlohmann::json::parse(R"({"a": "x", "b": "", "c": null, "d": 0})");
    CHECK(channels::Present(json, "a"));
    CHECK_FALSE(channels::Present(json, "b"));
    CHECK_FALSE(channels::Present(json, "c"));
    CHECK(channels::Present(json, "d"));
    CHECK_FALSE(channels::Present(json, "e"));
}

TEST_CASE("OrZero, AddOrKeep and Magnitude") {
    const money::Currency gbp = Gbp();
    AttentionList attention;
    const Money five(500, gbp);
    CHECK(channels::OrZero(five.Plus(five), gbp, "sum", attention) == Money(1000, gbp));
    CHECK(attention.Reasons().empty());
    const Money huge(INT64_MAX, gbp);
    CHECK(channels::OrZero(huge.Plus(five), gbp, "sum", attention) == Money(0, gbp));
    REQUIRE(attention.Reasons().size() == 1);
    CHECK(attention.Reasons()[0].starts_with("sum: "));
    CHECK(channels::AddOrKeep(huge, five, attention) == huge);
    CHECK(attention.Reasons().size() == 2);
    CHECK(channels::Magnitude(Money(-250, gbp)) == Money(250, gbp));
    CHECK(channels::Magnitude(Money(250, gbp)) == Money(250, gbp));
}

TEST_CASE("ReadAmountObject: currency and size are checked") {
    const money::Currency gbp = Gbp();
    const channels::AmountKeys keys{"currency", "value"};
    const auto json = nlohmann::json::parse(
        R"({"ok": {"value": "4.50", "currency": "GBP"}, "usd": {"value": "1.00", "currency": "USD"},
            "big": {"value": "20000000000000.00"}})");
    AttentionList attention;
    CHECK(channels::ReadAmountObject(json, "ok", keys, gbp, "ok", attention) == Money(450, gbp));
    CHECK(attention.Reasons().empty());
    CHECK(channels::ReadAmountObject(json, "usd", keys, gbp, "usd", attention).IsZero());
    CHECK(channels::ReadAmountObject(json, "big", keys, gbp, "big", attention).IsZero());
    CHECK(channels::ReadAmountObject(json, "none", keys, gbp, "none", attention).IsZero());
    REQUIRE(attention.Reasons().size() == 2);
    CHECK(attention.Reasons()[0] == "usd: in \"USD\", not the order's GBP");
    CHECK(attention.Reasons()[1].starts_with("big: "));
}

TEST_CASE("ReadUnits and ReadLineItemUnits") {
    const auto json = nlohmann::json::parse(R"({"q": 3, "zero": 0, "many": 2000000, "text": "2"})");
    AttentionList attention;
    CHECK(channels::ReadUnits(json, "q", "line 1", attention) == 3);
    CHECK(channels::ReadUnits(json, "text", "line 1", attention) == 2);
    CHECK(attention.Reasons().empty());
    CHECK(channels::ReadUnits(json, "zero", "line 1", attention) == 1);
    CHECK(channels::ReadUnits(json, "many", "line 2", attention) == 1);
    REQUIRE(attention.Reasons().size() == 2);
    CHECK(attention.Reasons()[0] ==
          "line 1: zero 0 is not a whole number from 1 to 1000000; taken as 1");

    AttentionList items;
    CHECK(channels::ReadLineItemUnits(nlohmann::json::parse(R"({"quantity": 2000000})"), 1, "Mug",
                                      items) == 2000000);
    CHECK_FALSE(
        channels::ReadLineItemUnits(nlohmann::json::parse("{}"), 2, "Mug", items).has_value());
    REQUIRE(items.Reasons().size() == 1);
    CHECK(items.Reasons()[0].find("quantity missing is not a whole number above zero") !=
          std::string::npos);
}

TEST_CASE("MakeGrossLine: the checks asked for") {
    const money::Currency gbp = Gbp();
    const channels::GrossLine draft{
        orders::LineKind::kGoods, "MUG",         "Mug", 3, Money(1000, gbp),
        Money(2000, gbp),         Money(-1, gbp)};
    AttentionList clamped;
    const auto line = channels::MakeGrossLine(
        1, draft, channels::GrossLineChecks{.clamp_to_line = true}, clamped);
    CHECK(line.quantity == 3 * orders::kMilliPerUnit);
    CHECK(line.unit_price == Money(334, gbp));
    CHECK(line.discount == Money(1002, gbp));
    CHECK(line.tax_given_minor == 0);
    CHECK(clamped.Reasons().size() == 2);
    CHECK(orders::ComputeLineAmounts(line).has_value());

    AttentionList reported;
    const auto unchecked = channels::MakeGrossLine(
        1, draft, channels::GrossLineChecks{.zero_out_of_range = true, .report_invalid = true},
        reported);
    CHECK(unchecked.discount == Money(2002, gbp));
    REQUIRE(reported.Reasons().size() == 1);
    CHECK_FALSE(orders::ComputeLineAmounts(unchecked).has_value());

    orders::Order order;
    channels::AddGrossLine(order, draft, channels::GrossLineChecks{.clamp_to_line = true}, clamped);
    channels::AddGrossLine(order, draft, channels::GrossLineChecks{.clamp_to_line = true}, clamped);
    REQUIRE(order.lines.size() == 2);
    CHECK(order.lines[1].line_no == 2);
}

TEST_CASE("CompareWithChannelTotal") {
    const money::Currency gbp = Gbp();
    AttentionList attention;
    channels::ImportedOrder imported;
    channels::AddGrossLine(imported.order,
                           channels::GrossLine{orders::LineKind::kGoods, "MUG", "Mug", 1,
                                               Money(1000, gbp), Money(0, gbp), Money(0, gbp)},
                           channels::GrossLineChecks{}, attention);
    channels::CompareWithChannelTotal(imported, gbp, attention);
    CHECK(attention.Reasons().empty());
    imported.channel_total = Money(1000, gbp);
    channels::CompareWithChannelTotal(imported, gbp, attention);
    CHECK(attention.Reasons().empty());
    imported.channel_total = Money(1001, gbp);
    channels::CompareWithChannelTotal(imported, gbp, attention);
    imported.channel_total = Money(1500, gbp);
    channels::CompareWithChannelTotal(imported, gbp, attention);
    REQUIRE(attention.Reasons().size() == 2);
    CHECK(attention.Reasons()[0].starts_with("total differs from lines by "));
    CHECK(attention.Reasons()[1].starts_with("total "));
}
