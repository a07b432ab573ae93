#include <doctest/doctest.h>

#include "tillbook/orders/discount.hpp"
#include "tillbook/orders/tender_settlement.hpp"

using namespace tillbook;

namespace {

const money::Currency kGbp{"GBP", 2};

money::Money Gbp(std::int64_t minor) {
    return money::Money(minor, kGbp);
}

}  // namespace

TEST_CASE("a typed discount is an amount or a percentage, and nonsense is refused") {
    auto amount = orders::ParseDiscount("1.50", kGbp);
    REQUIRE(amount);
    CHECK(amount->kind == orders::DiscountKind::kAmount);
    CHECK(amount->amount.Minor() == 150);
    auto percent = orders::ParseDiscount("12.5%", kGbp);
    REQUIRE(percent);
    CHECK(percent->kind == orders::DiscountKind::kPercent);
    CHECK(percent->basis_points == 1250);
    CHECK(orders::ParseDiscount("100%", kGbp)->basis_points == 10000);
    for (const char* bad : {"", "%", "-1.00", "-5%", "101%", "1.234%", "1e3", "10 %", ".5%", "5.%",
                            "1.999", "0x10", "abc", "10%%", "1000%"}) {
        INFO(bad);
        CHECK_FALSE(orders::ParseDiscount(bad, kGbp));
    }
    CHECK(orders::FormatPercent(1250) == "12.5%");
    CHECK(orders::FormatPercent(2000) == "20%");
}

TEST_CASE("a percentage off rounds half away from zero, and an amount cannot exceed its base") {
    const orders::Discount ten{orders::DiscountKind::kPercent, Gbp(0), 1000};
    CHECK(orders::DiscountOff(ten, Gbp(650))->Minor() == 65);
    CHECK(orders::DiscountOff(ten, Gbp(5))->Minor() == 1);  // 0.5p -> 1p
    CHECK(orders::DiscountOff(ten, Gbp(4))->Minor() == 0);
    const orders::Discount two{orders::DiscountKind::kAmount, Gbp(200), 0};
    CHECK(orders::DiscountOff(two, Gbp(650))->Minor() == 200);
    CHECK_FALSE(orders::DiscountOff(two, Gbp(150)));
    CHECK(orders::PercentOf(Gbp(130), Gbp(650)) == 2000);
    CHECK(orders::PercentOf(Gbp(131), Gbp(650)) == 2016);  // 20.15..% rounds up
    CHECK(orders::PercentOf(Gbp(1), Gbp(0)) == 0);
}

TEST_CASE("an order discount is spread exactly, never more than a line holds") {
    const std::vector<money::Money> lines{Gbp(650), Gbp(495), Gbp(295)};
    auto parts = orders::SpreadDiscount(Gbp(100), lines);
    REQUIRE(parts);
    CHECK((*parts)[0].Minor() + (*parts)[1].Minor() + (*parts)[2].Minor() == 100);
    auto all = orders::SpreadDiscount(Gbp(1440), lines);
    REQUIRE(all);
    for (std::size_t i = 0; i < lines.size(); ++i)
        CHECK((*all)[i] == lines[i]);
    CHECK_FALSE(orders::SpreadDiscount(Gbp(1441), lines));
    auto none = orders::SpreadDiscount(Gbp(0), lines);
    REQUIRE(none);
    CHECK((*none)[1].IsZero());
    // Many odd lines: the parts always add up and stay within their lines.
    std::vector<money::Money> odd;
    for (int i = 1; i <= 37; ++i)
        odd.push_back(Gbp(i * 7 % 23 + 1));
    for (std::int64_t total = 0; total <= 300; total += 17) {
        auto spread = orders::SpreadDiscount(Gbp(total), odd);
        REQUIRE(spread);
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < odd.size(); ++i) {
            CHECK((*spread)[i].Minor() <= odd[i].Minor());
            sum += (*spread)[i].Minor();
        }
        CHECK(sum == total);
    }
}

TEST_CASE("tenders settle a sale: card at most what is due, cash over only as the last payment") {
    using orders::Tender;
    const std::vector<orders::TenderedPayment> split{{Tender::kCard, Gbp(500), "4821"},
                                                     {Tender::kCash, Gbp(1000), ""}};
    auto settled = orders::SettleTenders(Gbp(1145), split);
    REQUIRE(settled);
    CHECK(settled->Covered());
    CHECK(settled->payments[0].amount.Minor() == 500);
    CHECK(settled->payments[1].amount.Minor() == 645);
    CHECK(settled->payments[1].tendered.Minor() == 1000);
    CHECK(settled->change.Minor() == 355);

    const std::vector<orders::TenderedPayment> card_over{{Tender::kCard, Gbp(1200), "1"}};
    CHECK_FALSE(orders::SettleTenders(Gbp(1145), card_over));
    const std::vector<orders::TenderedPayment> cash_then_card{{Tender::kCash, Gbp(2000), ""},
                                                              {Tender::kCard, Gbp(100), "1"}};
    CHECK_FALSE(orders::SettleTenders(Gbp(1145), cash_then_card));
    const std::vector<orders::TenderedPayment> zero{{Tender::kCash, Gbp(0), ""}};
    CHECK_FALSE(orders::SettleTenders(Gbp(1145), zero));
    const std::vector<orders::TenderedPayment> euros{
        {Tender::kCash, money::Money(100, money::Currency{"EUR", 2}), ""}};
    CHECK_FALSE(orders::SettleTenders(Gbp(1145), euros));
    const std::vector<orders::TenderedPayment> part{{Tender::kCard, Gbp(100), "1"}};
    auto partial = orders::SettleTenders(Gbp(1145), part);
    REQUIRE(partial);
    CHECK_FALSE(partial->Covered());
    CHECK(partial->remaining.Minor() == 1045);
}
