#pragma once
// The next barcode from a scanner under test: the test fails if the read fails or nothing is
// scanned within the wait (generous: an emulated scanner's input arrives within milliseconds).
#include <doctest/doctest.h>

#include <chrono>

#include "tillbook/drivers/barcode_source.hpp"

namespace tillbook::testing {

inline drivers::ScannedBarcode NextScan(drivers::BarcodeSource& scanner,
                                        std::chrono::milliseconds wait = std::chrono::seconds(2)) {
    auto scan = scanner.Next(wait);
    REQUIRE_MESSAGE(scan.has_value(), scan.error().message);
    REQUIRE_MESSAGE(scan->has_value(), "no scan within the wait");
    return **scan;
}

}  // namespace tillbook::testing
