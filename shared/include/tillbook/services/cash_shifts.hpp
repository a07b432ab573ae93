#pragma once
// A till's drawer over a shift: opened with a float, cash paid in and out with a reason, closed
// with the counted cash against what the ledger expects.
#include <cstdint>
#include <string>

#include "tillbook/ledger/event.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/services/ledger_session.hpp"

namespace tillbook::services {

struct ShiftStart {
    std::string location_id;
    std::string terminal;  // the till's origin: "terminal:S01-T1"
    money::Money opening_float;
};

// The open shift of `terminal` (a till's origin), or kNotFound in words.
[[nodiscard]] Result<ledger::ShiftState> NeedOpenShift(LedgerSession& session,
                                                       std::string_view terminal);

// Answers the new shift's id. A till has at most one open shift (the ledger's rule).
[[nodiscard]] Result<std::string> OpenShift(EventSink& sink, const ledger::Actor& actor,
                                            const ShiftStart& start);

// Paid in or out of the open shift of `terminal`; a reason is required.
[[nodiscard]] Result<std::int64_t> MoveCash(EventSink& sink, const ledger::Actor& actor,
                                            std::string_view terminal,
                                            ledger::CashMovementKind kind,
                                            const money::Money& amount, const std::string& reason);

// The drawer of the open shift of `terminal` opened with no money moving (`reason`: "No sale"),
// journalled before the drawer opens; `actor` carries the manager who approved a cashier's.
[[nodiscard]] Result<std::int64_t> RecordDrawerOpened(EventSink& sink, const ledger::Actor& actor,
                                                      std::string_view terminal,
                                                      const std::string& reason);

struct CashUp {
    std::string shift_id;
    money::Money expected;
    money::Money counted;
    money::Money variance;  // counted - expected: + over, - short
};

// Closes the open shift of `terminal` with the cash counted in its drawer.
[[nodiscard]] Result<CashUp> CloseShift(EventSink& sink, const ledger::Actor& actor,
                                        std::string_view terminal, const money::Money& counted);

}  // namespace tillbook::services
