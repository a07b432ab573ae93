#include <doctest/doctest.h>

#include "app_till.hpp"
#include "tillbook/barcode/embedded_price.hpp"

using namespace tillbook;
using namespace tillbook::pos::app;
using testing::AppTill;

TEST_CASE("a sale is rung up by scan, by search and by category quick key, with its totals") {
    AppTill till("app-sale");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(ScanCode{"5060456110017"});
    const SaleView& sale = till.View().sale;
    REQUIRE(sale.lines.size() == 2);
    CHECK(sale.total_text == "£11.45");
    CHECK(sale.items_text == "2 items");
    CHECK(sale.can_pay);

    till.Do(SearchChanged{"sourdough 800"});
    REQUIRE(!sale.hits.empty());
    CHECK(sale.hits[0].sku == "BAK-SOUR-800GLOAF");
    CHECK(sale.hits[0].price_text == "£4.20");
    CHECK(sale.hits[0].barcode == "5060912340019");
    till.Do(AddSku{sale.hits[0].sku});
    REQUIRE(sale.lines.size() == 3);
    CHECK(sale.lines[2].description == "White sourdough 800 g loaf");
    CHECK(sale.selected_line == sale.lines[2].line_no);

    REQUIRE_FALSE(sale.categories.empty());
    till.Do(ChooseCategory{"Bakery"});
    CHECK(sale.category == "Bakery");
    const auto croissant =
        std::find_if(sale.quick_keys.begin(), sale.quick_keys.end(),
                     [](const QuickKeyView& key) { return key.sku == "BAK-CROI-EACH"; });
    REQUIRE(croissant != sale.quick_keys.end());
    till.Do(AddSku{croissant->sku});
    till.Do(AddSku{croissant->sku});  // the same item again goes onto its line
    REQUIRE(sale.lines.size() == 4);
    CHECK(sale.lines[3].quantity_text == "2");
    CHECK(sale.lines[3].total_text == "£3.70");
    CHECK(sale.total_text == "£19.35");  // 6.50 + 4.95 + 4.20 + 2 x 1.85
    CHECK(sale.items_text == "5 items");

    // Quantity keys on the selected line, then remove.
    till.Do(ChangeQuantity{sale.lines[0].line_no, +1});
    CHECK(sale.lines[0].quantity_text == "2");
    till.Do(SetQuantity{sale.lines[0].line_no, "3"});
    CHECK(sale.lines[0].total_text == "£19.50");
    till.Do(SetQuantity{sale.lines[0].line_no, "2.5"});
    CHECK(sale.message == "Type a whole number of items, like 3");
    till.Do(ChangeQuantity{sale.lines[3].line_no, -2});  // down to nothing: the line goes
    CHECK(sale.lines.size() == 3);
    till.Do(RemoveLine{sale.lines[0].line_no});
    CHECK(sale.lines.size() == 2);
    CHECK(sale.total_text == "£9.15");
    CHECK(sale.vat_text == "VAT £0.00");  // tea and bread are zero-rated
    till.Do(ScanCode{"5060912340101"});   // digestives, standard-rated: 2.95 holds 0.49 VAT
    CHECK(sale.total_text == "£12.10");
    CHECK(sale.vat_text == "VAT £0.49");
}

TEST_CASE("a code the catalogue does not know is refused with a clear message and nothing added") {
    AppTill till("app-unknown");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"4006381333931"});
    CHECK(till.View().sale.message == "No product with barcode 4006381333931");
    till.Do(ScanCode{"5060123450018"});
    CHECK(till.View().sale.message == "Barcode 5060123450018 did not read right: scan it again");
    till.Do(ScanCode{"NOT-A-SKU"});
    CHECK(till.View().sale.message == "No product with the code NOT-A-SKU");
    CHECK(till.View().sale.lines.empty());
    CHECK_FALSE(till.View().sale.can_pay);
    // A SKU typed as a code is found, and a good scan clears the message.
    till.Do(ScanCode{"BAK-BAGU", ScanSource::kTyped});
    CHECK(till.View().sale.lines.size() == 1);
    CHECK(till.View().sale.message.empty());
}

TEST_CASE("the scanner's reports ring items up like a typed scan") {
    AppTill till("app-scanner");
    till.SignInAndOpenShift();
    till.Post(Scanned{"5060123450019", ScanSource::kScanner});
    REQUIRE(till.View().sale.lines.size() == 1);
    CHECK(till.View().sale.lines[0].total_text == "£6.50");
}

TEST_CASE("a weighed label is sold by its weight and a price-embedded label at its price") {
    AppTill till("app-labels");
    // A price-embedded label for the baguette, registered as its zero-value form.
    testing::RegisterBaguetteLabel(till.till.db);
    const auto layouts = barcode::DefaultEmbeddedLayouts();
    till.SignInAndOpenShift();

    auto cheese = barcode::EncodeEmbedded(layouts[1], "10001", 250);  // Montgomery's, 250 g
    REQUIRE(cheese);
    till.Do(ScanCode{*cheese});
    auto bread = barcode::EncodeEmbedded(layouts[0], "00042", 325);  // £3.25 on the label
    REQUIRE(bread);
    till.Do(ScanCode{*bread});
    const SaleView& sale = till.View().sale;
    REQUIRE(sale.lines.size() == 2);
    CHECK(sale.lines[0].quantity_text == "0.250 kg");
    CHECK(sale.lines[0].unit_price_text == "£34.00/kg");
    CHECK(sale.lines[0].total_text == "£8.50");
    CHECK(sale.lines[1].quantity_text == "1");
    CHECK(sale.lines[1].total_text == "£3.25");
    CHECK(sale.total_text == "£11.75");

    // A weighed line takes a weight, not +1; a priced label takes neither.
    till.Do(ChangeQuantity{sale.lines[0].line_no, +1});
    CHECK(sale.message == "Weighed goods: set the weight in kg");
    till.Do(SetQuantity{sale.lines[0].line_no, "0.5"});
    CHECK(sale.lines[0].total_text == "£17.00");
    till.Do(SetQuantity{sale.lines[1].line_no, "2"});
    CHECK(sale.message == "A priced label is one item: scan another");

    till.PayCash("30.00");
    REQUIRE(till.View().tender.completed);
    CHECK(till.View().tender.change_text == "Change £9.75");
    CHECK(till.Count("SELECT quantity FROM order_lines WHERE line_no = 1") == 500);
    CHECK(till.Count("SELECT unit_price_minor FROM order_lines WHERE line_no = 2") == 325);
}

namespace {

// A pantry SKU as a pull would bring it, priced like the Earl Grey.
void SavePulledSku(AppTill& till, const std::string& code, const std::string& name) {
    auto tea = store::FindSku(till.till.db, "TEA-EARL-125G");
    REQUIRE(tea);
    REQUIRE(*tea);
    catalogue::Sku sku = **tea;
    sku.code = code;
    sku.product_id = code;
    sku.product_name = name;
    sku.variant_name = "250 g";
    sku.category = "Pantry";
    sku.barcodes = {};
    REQUIRE(store::SaveSku(till.till.db, sku));
}

SyncReport Pulled() {
    SyncReport pulled;
    pulled.online = true;
    pulled.reference_data_changed = true;
    return pulled;
}

}  // namespace

TEST_CASE("new SKUs from a pull are found once the catalogue is read again, off the UI thread") {
    AppTill till("app-reload");
    till.SignInAndOpenShift();
    till.Do(SearchChanged{"quince"});
    CHECK(till.View().sale.hits.empty());
    // The sync worker writes a pulled SKU, then reports that reference data changed.
    SavePulledSku(till, "PAN-QUIN-250G", "Quince paste");
    till.Post(Pulled());
    CHECK(till.app->LoadingCatalogue());  // the frame did not wait for it
    CHECK(till.View().sale.hits.empty());
    till.WaitForCatalogue();
    REQUIRE(!till.View().sale.hits.empty());  // the search as typed runs again on the new index
    CHECK(till.View().sale.hits[0].sku == "PAN-QUIN-250G");
    CHECK(till.View().sale.hits[0].name == "Quince paste 250 g");

    // A second pull while the first is read: the index ends up with both.
    SavePulledSku(till, "PAN-QUAT-250G", "Quatre épices");
    till.Post(Pulled());
    SavePulledSku(till, "PAN-QUEN-250G", "Quenelle mix");
    till.Post(Pulled());
    till.WaitForCatalogue();
    till.Do(SearchChanged{"qu 250"});
    CHECK(till.View().sale.hits.size() == 3);
}

TEST_CASE(
    "a typed quantity is whole units, or kg to the gram for weighed goods, and nothing else") {
    AppTill till("app-quantity");
    till.SignInAndOpenShift();
    till.Do(ScanCode{"5060123450019"});
    till.Do(AddSku{"DELI-MONT-KG"});  // weighed, picked by hand: 1 kg until the weight is set
    const SaleView& sale = till.View().sale;
    REQUIRE(sale.lines.size() == 2);
    CHECK(sale.message == "Set the weight of Montgomery's Cheddar in kg");
    CHECK(sale.lines[1].quantity_text == "1.000 kg");
    const int unit = sale.lines[0].line_no;
    const int weighed = sale.lines[1].line_no;
    for (const char* bad :
         {"", "0", "-1", "+2", " 3", "3 ", "1e3", "0x10", "2.", ".5", "1,5", "10000", "３"}) {
        INFO(bad);
        till.Do(SetQuantity{unit, bad});
        CHECK_FALSE(sale.message.empty());
        CHECK(sale.lines[0].quantity_text == "1");
    }
    for (const char* bad : {"", "0", "0.000", "0.2505", "-0.250", "100.000", "1.2.3", "kg"}) {
        INFO(bad);
        till.Do(SetQuantity{weighed, bad});
        CHECK_FALSE(sale.message.empty());
        CHECK(sale.lines[1].quantity_text == "1.000 kg");
    }
    till.Do(SetQuantity{weighed, "0.125"});
    CHECK(sale.message.empty());
    CHECK(sale.lines[1].quantity_text == "0.125 kg");
    CHECK(sale.lines[1].total_text == "£4.25");
    till.Do(SetQuantity{weighed, "2"});
    CHECK(sale.lines[1].quantity_text == "2.000 kg");
    till.Do(SetQuantity{unit, "9999"});
    CHECK(sale.lines[0].quantity_text == "9999");
    till.Do(ChangeQuantity{unit, +1});
    CHECK(sale.message == "That quantity is too large for one line");
}
