#include "tillbook/orders/office_sale.hpp"

#include <fmt/format.h>

namespace tillbook::orders {

std::string OfficeOrderNumberPrefix(std::string_view location_code) {
    return fmt::format("{}-BO", location_code);
}

std::string OfficeOrderNumber(std::string_view location_code, std::int64_t sequence) {
    return fmt::format("{}{:06}", OfficeOrderNumberPrefix(location_code), sequence);
}

}  // namespace tillbook::orders
