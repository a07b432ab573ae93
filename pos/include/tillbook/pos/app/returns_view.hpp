#pragma once
// The returns desk at the till: find an order of any channel, choose what comes back, its reason
// and condition, and refund it; exchanges; no-receipt returns. (Issue 14, points 1 to 3.)
#include <string>
#include <variant>

namespace tillbook::pos::app {

struct ReturnsView {};

struct OpenReturns {};  // the status bar's "Returns" button

using ReturnsIntent = std::variant<OpenReturns>;

}  // namespace tillbook::pos::app
