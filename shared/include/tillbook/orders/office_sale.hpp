#pragma once
// The numbers of orders the back office makes itself, such as the new goods of an exchange at the
// desk (priced and taxed as a till sale is: orders::BuildStoreSale): the office's own series, so
// that they never take a till's number.
#include <cstdint>
#include <string>
#include <string_view>

namespace tillbook::orders {

// "S01-BO000042": the location, then "BO" (back office) and the sequence. A till's numbers end in
// a segment of digits only ("S01-T2-004217"), whatever its store and terminal are called, so the
// two series can never produce the same number.
[[nodiscard]] std::string OfficeOrderNumber(std::string_view location_code, std::int64_t sequence);
// What every office number of a location starts with, the digits following: "S01-BO".
[[nodiscard]] std::string OfficeOrderNumberPrefix(std::string_view location_code);

}  // namespace tillbook::orders
