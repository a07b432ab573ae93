#pragma once
// A return as the back office shows it: where and by whom it was received, its lines and their
// values, what has been refunded of it and how, and for an exchange the new order. A read model
// over the ledger's projections; plain values, no JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/orders/returns.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

struct ReturnDetailLine {
    int line_no = 0;  // of the order
    std::string sku;
    std::int64_t quantity = 0;  // milli-units
    std::int64_t value_minor = 0;
    orders::ReturnReason reason = orders::ReturnReason::kChangedMind;
    orders::ItemCondition condition = orders::ItemCondition::kRestock;
};

struct ReturnRefund {
    std::int64_t seq = 0;                           // the ledger's
    orders::Tender tender = orders::Tender::kCash;  // an exchange's credit: kExchangeCredit
    std::int64_t amount_minor = 0;
    std::string reference;
};

// The order an exchange handed over in place of the goods that came back.
struct ExchangeOrder {
    std::string id;
    std::string number;
};

struct ReturnDetail {
    std::string id;
    std::string order_id;
    std::string order_number;  // "" when the order is not known
    std::string location_id;
    std::string location_code;  // where it was received
    bool no_receipt = false;
    std::string currency;
    std::int64_t value_minor = 0;
    std::int64_t refunded_minor = 0;
    std::int64_t received_seq = 0;
    std::string received_by;  // the actor of the event that received it
    ids::UtcMillis received_at = 0;
    std::optional<ExchangeOrder> exchange_order;
    std::vector<ReturnDetailLine> lines;  // as received
    std::vector<ReturnRefund> refunds;    // oldest first
};

// The return with id `id`; nullopt when there is none.
[[nodiscard]] Result<std::optional<ReturnDetail>> FindReturnDetail(store::Database& db,
                                                                   std::string_view id);

// The returns received against an order, oldest first.
[[nodiscard]] Result<std::vector<ReturnDetail>> ReturnsOfOrder(store::Database& db,
                                                               std::string_view order_id);

}  // namespace tillbook::queries
