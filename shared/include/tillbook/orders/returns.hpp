#pragma once
// Returns against any order of any channel, received at any location.
#include <cstdint>
#include <string>
#include <vector>

#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"

namespace tillbook::orders {

enum class ReturnReason : int {
    kChangedMind = 1,
    kFaulty = 2,
    kWrongItemSent = 3,
    kDamagedInTransit = 4,
    kNotAsDescribed = 5,
    kOther = 6,
};

enum class ItemCondition : int {
    kRestock = 1,   // back on the shelf: on hand goes up at the receiving location
    kDamaged = 2,   // kept aside, not sellable
    kWriteOff = 3,  // thrown away
};

struct ReturnLine {
    int order_line_no = 0;  // the line of the original order; 0 for a no-receipt return
    std::string sku;
    std::int64_t quantity = 0;  // milli-units
    money::Money unit_value;    // no-receipt returns only: the value per unit agreed at the desk
    ReturnReason reason = ReturnReason::kChangedMind;
    ItemCondition condition = ItemCondition::kRestock;
    friend bool operator==(const ReturnLine&, const ReturnLine&) = default;
};

struct Return {
    std::string id;
    std::string order_id;     // empty when no_receipt
    std::string location_id;  // where the goods were received
    bool no_receipt = false;
    std::string currency;
    std::vector<ReturnLine> lines;
    friend bool operator==(const Return&, const Return&) = default;
};

struct Refund {
    Tender tender = Tender::kCash;
    money::Money amount;  // > 0: what goes back to the customer
    std::string reference;
    std::string shift_id;  // the till shift whose drawer pays out cash
    friend bool operator==(const Refund&, const Refund&) = default;
};

}  // namespace tillbook::orders
