#include "ledger/validate_drawer.hpp"

#include <fmt/format.h>

namespace tillbook::ledger {

namespace {

std::unexpected<Error> Refused(ErrorCode code, std::string message, std::string field) {
    return std::unexpected(MakeError(code, std::move(message), std::move(field)));
}

}  // namespace

Status ValidateDrawerOpened(const DrawerOpened& e, LedgerState& state) {
    if (e.shift_id.empty() || e.terminal.empty()) {
        return Refused(ErrorCode::kInvalidInput,
                       "a drawer opened names its till and the shift open on it", "shift_id");
    }
    if (e.reason.empty())
        return Refused(ErrorCode::kInvalidInput, "a drawer opened says why", "reason");
    auto shift = state.FindShift(e.shift_id);
    if (!shift) return std::unexpected(shift.error());
    if (!*shift) {
        return Refused(ErrorCode::kNotFound, fmt::format("shift {} does not exist", e.shift_id),
                       "shift_id");
    }
    if ((*shift)->terminal != e.terminal) {
        return Refused(ErrorCode::kInvariantViolated,
                       fmt::format("shift {} is the drawer of {}, not of {}", e.shift_id,
                                   (*shift)->terminal, e.terminal),
                       "shift_id");
    }
    if ((*shift)->closed) {
        return Refused(
            ErrorCode::kInvariantViolated,
            fmt::format("shift {} is closed: the drawer is opened in an open shift", e.shift_id),
            "shift_id");
    }
    return {};
}

}  // namespace tillbook::ledger
