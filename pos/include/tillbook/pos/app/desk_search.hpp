#pragma once
// What the cashier typed in the returns desk's one field, read as the desk means it: an e-mail
// address (it has an '@'), a day as the shop's staff write it (06/12/2026, 6/12/26, 06.12.2026,
// 2026-12-06, "today", "yesterday": day first, as the till prints dates), or else a code to look
// up as before (a receipt's or packing slip's barcode, an order number of any channel, an id).
#include <string>
#include <string_view>
#include <variant>

#include "tillbook/core/error.hpp"
#include "tillbook/queries/order_search.hpp"

namespace tillbook::pos::app {

struct DeskCode {
    std::string code;  // trimmed
};
struct DeskEmail {
    std::string email;  // lower case, checked (queries::CheckSearchEmail)
};
struct DeskDay {
    queries::CalendarDay day;
};
using DeskQuery = std::variant<DeskCode, DeskEmail, DeskDay>;

// `today`: the store's day now, for "today" and "yesterday". Errors (kInvalidInput, in the
// cashier's words): an e-mail that is not one, a date that is not in the calendar (31/02/2026),
// nothing typed.
[[nodiscard]] Result<DeskQuery> ReadDeskQuery(std::string_view typed,
                                              const queries::CalendarDay& today);

// "06/12/2026": a day as the desk shows it.
[[nodiscard]] std::string DayText(const queries::CalendarDay& day);

}  // namespace tillbook::pos::app
