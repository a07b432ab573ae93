// The real tillbook-pos sells gift cards (issue 14, point 4): a new £20.00 card for cash at
// 1920x1080, then a pre-printed card typed in and loaded with £15.00 at 1024x768; store credit is
// refused for them; the office then holds both balances, each card's history naming its sale,
// and the printer (a file) got each card's note with its number as the barcode. Screenshots of the
// form, the cart, the refusal and the completed sale are kept as artefacts.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "till_under_test.hpp"
#include "xvfb_display.hpp"

using namespace tillbook;
using testing::CountOf;

namespace {

constexpr const char* kPrePrinted = "1234567812345670";

// The one card of the till's gift-card lines other than the pre-printed one.
std::string NewCardOf(store::Database& db) {
    auto q = db.Prepare("SELECT sku FROM order_lines WHERE kind = 3 AND sku <> ?");
    REQUIRE(q);
    q->Bind(1, std::string(kPrePrinted));
    auto row = q->Step();
    REQUIRE(row);
    REQUIRE(*row);
    return q->Text(0);
}

}  // namespace

TEST_CASE(
    "issue 14: the till's window sells a new gift card for cash and loads a pre-printed one") {
    testing::TillUnderTest till("till-gift-card");
    till.Pair();
    till.PrintToFile();
    testing::XvfbDisplay display;

    const auto shots = testing::TillArtefacts("gift-card-1920x1080");
    const std::string sale = R"script(# a new £20.00 gift card, paid in cash
login 1111
expect-text "Open shift"
type 100.00
tap "Open shift"
tap "Gift card"
expect-text "Sell a gift card"
screenshot gift-card-form.png
tap "Load"
type 20.00
tap "Add gift card"
expect-text "added: its note prints with the sale"
expect-text "£20.00"
screenshot gift-card-in-cart.png
tap "Pay"
tap "Store credit"
expect-text "Store credit cannot pay for a gift card"
screenshot gift-card-no-store-credit.png
tap "Cash"
type 20.00
tap "Complete sale"
expect-text "loaded: hand over the card with its note"
screenshot gift-card-sold.png
tap "New sale"
wait-sync
quit
)script";
    REQUIRE(till.RunScript(sale, "1920x1080", shots) == 0);
    for (const char* shot : {"gift-card-form.png", "gift-card-in-cart.png",
                             "gift-card-no-store-credit.png", "gift-card-sold.png"})
        CHECK_MESSAGE(std::filesystem::file_size(shots / shot) > 10'000, shot);

    // A pre-printed card, its number typed in groups, at the smaller screen.
    const auto small = testing::TillArtefacts("gift-card-1024x768");
    const std::string pre_printed = R"script(# a pre-printed card loaded with £15.00
login 1111
tap "Gift card"
type 1234 5678 1234 5670
tap "Load"
type 15.00
screenshot gift-card-typed.png
tap "Add gift card"
expect-text "Gift card …5670"
screenshot gift-card-pre-printed.png
tap "Pay"
tap "Cash"
type 15.00
tap "Complete sale"
expect-text "Gift card …5670 loaded"
wait-sync
quit
)script";
    REQUIRE(till.RunScript(pre_printed, "1024x768", small) == 0);
    CHECK(std::filesystem::file_size(small / "gift-card-typed.png") > 10'000);
    CHECK(std::filesystem::file_size(small / "gift-card-pre-printed.png") > 10'000);

    // The office: each card holds what was loaded, its history naming the till's sale.
    auto till_db = testing::ReadDatabase(till.till_db);
    const std::string card = NewCardOf(till_db);
    const auto shown = till.OfficeGet("/api/v1/credit/" + card);
    CHECK(shown["balance_minor"] == 2000);
    REQUIRE(shown["history"].size() == 1);
    CHECK(shown["history"][0]["kind"] == "sold");
    CHECK(shown["history"][0]["order_number"] == "S01-T1-000001");
    const auto pre = till.OfficeGet(std::string("/api/v1/credit/") + kPrePrinted);
    CHECK(pre["balance_minor"] == 1500);
    REQUIRE(pre["history"].size() == 1);
    CHECK(pre["history"][0]["order_number"] == "S01-T1-000002");
    auto office_db = testing::ReadDatabase(till.office.db);
    CHECK(CountOf(office_db, "SELECT count(*) FROM orders WHERE channel = 'store:S01'") == 2);
    CHECK(CountOf(office_db, "SELECT count(*) FROM stock_movements WHERE sku IN ('" + card +
                                 "', '" + kPrePrinted + "')") == 0);

    // The printer got both cards' notes: each number as its barcode's data, and GIFT CARD.
    const std::string paper = testing::PrintedBytes(till.printed);
    CHECK(paper.find(card) != std::string::npos);
    CHECK(paper.find(kPrePrinted) != std::string::npos);
    CHECK(paper.find("GIFT CARD") != std::string::npos);
    CHECK(testing::DrawerKicks(till.printed) == 2);  // the two cash sales
    testing::CheckVerifies({till.till_db, till.office.db});
}
