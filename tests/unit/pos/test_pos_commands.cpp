#include <doctest/doctest.h>

#include "run_program.hpp"
#include "temp_dir.hpp"
#include "tillbook/barcode/embedded_price.hpp"

using namespace tillbook;

TEST_CASE("the till's sell command writes a weighed line in kilograms, as the receipt does") {
    testing::TempDir dir("pos-sell-weighed");
    const std::string db = dir.File("till.db");
    const auto init = testing::RunProgram(
        TILLBOOK_POS_EXE, {"init", "--db", db, "--store", "S01", "--terminal", "T1"});
    INFO(init.err);
    REQUIRE(init.code == 0);
    // Montgomery's Cheddar, scale item 10001, 34.00/kg: 250 g.
    auto label = barcode::EncodeEmbedded(barcode::DefaultEmbeddedLayouts()[1], "10001", 250);
    REQUIRE(label);
    const auto sold = testing::RunProgram(
        TILLBOOK_POS_EXE, {"sell", "--db", db, *label, "5060456110017x2", "--tender", "card"});
    INFO(sold.out, sold.err);
    REQUIRE(sold.code == 0);
    CHECK(sold.out.find("0.25 x Montgomery's Cheddar") != std::string::npos);
    CHECK(sold.out.find("2 x ") != std::string::npos);
}
