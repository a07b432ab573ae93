#include "tillbook/orders/office_sale.hpp"

#include <fmt/format.h>

namespace tillbook::orders {

std::string OfficeOrderNumberPrefix(std::string_view location_code) {
    return fmt::format("{}-BO", location_code);
}

std::string OfficeOrderNumber(std::string_view location_code, std::int64_t sequence) {
    return fmt::format("{}{:06}", OfficeOrderNumberPrefix(location_code), sequence);
}

Result<Order> BuildOfficeSale(const OfficeSaleContext& context, std::span<const SaleItem> items,
                              std::span<const catalogue::TaxClass> tax_classes) {
    if (context.sequence < 1) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput,
                                         "an office order's sequence starts at 1", "sequence"));
    }
    return BuildStoreSale(
        {context.order_id, OfficeOrderNumber(context.location_code, context.sequence),
         context.location_code, context.location_id, context.placed_at},
        items, tax_classes);
}

}  // namespace tillbook::orders
