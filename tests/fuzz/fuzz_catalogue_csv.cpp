// libFuzzer target: the catalogue CSV import (seeds: assets/demo/catalogue.csv and
// tax_classes.csv). The input is read as catalogue.csv in GBP against the demo's tax classes, and
// as tax_classes.csv. A catalogue that imports writes back to a CSV that imports to the same
// catalogue (the promise in catalogue_csv.hpp).
#include <array>

#include "fuzz_check.hpp"
#include "tillbook/catalogue/catalogue_csv.hpp"
#include "tillbook/money/currency.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace tillbook;
    static const money::Currency kGbp = *money::FindCurrency("GBP");
    static const std::array kTaxClasses{
        catalogue::TaxClass{"standard", 2000, money::TaxMode::kInclusive},
        catalogue::TaxClass{"reduced", 500, money::TaxMode::kInclusive},
        catalogue::TaxClass{"zero", 0, money::TaxMode::kInclusive},
    };
    const std::string_view text = fuzz::AsText(data, size);
    (void)catalogue::ParseTaxClassesCsv(text, "tax_classes.csv");
    const auto parsed = catalogue::ParseCatalogueCsv(text, "catalogue.csv", kGbp, kTaxClasses);
    if (!parsed) return 0;
    const std::string written = catalogue::WriteCatalogueCsv(*parsed);
    const auto again = catalogue::ParseCatalogueCsv(written, "catalogue.csv", kGbp, kTaxClasses);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->skus == parsed->skus && again->tax_classes == parsed->tax_classes);
    return 0;
}
