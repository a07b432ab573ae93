#include "tillbook/services/cash_shifts.hpp"

#include <fmt/format.h>

namespace tillbook::services {

Result<ledger::ShiftState> NeedOpenShift(LedgerSession& session, std::string_view terminal) {
    auto shift = session.State().OpenShiftOf(terminal);
    if (!shift) return std::unexpected(shift.error());
    if (!*shift) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound,
                      fmt::format("no shift is open on this till ({})", terminal), "shift"));
    }
    return **shift;
}

Result<std::string> OpenShift(EventSink& sink, const ledger::Actor& actor,
                              const ShiftStart& start) {
    std::string shift_id;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        shift_id = session.NewId();
        auto appended = session.Append(
            ledger::ShiftOpened{shift_id, start.location_id, start.terminal, start.opening_float});
        if (!appended) return std::unexpected(appended.error());
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return shift_id;
}

Result<std::int64_t> MoveCash(EventSink& sink, const ledger::Actor& actor,
                              std::string_view terminal, ledger::CashMovementKind kind,
                              const money::Money& amount, const std::string& reason) {
    std::int64_t seq = 0;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        auto shift = NeedOpenShift(session, terminal);
        if (!shift) return std::unexpected(shift.error());
        auto appended = session.Append(ledger::CashMoved{shift->id, kind, amount, reason});
        if (!appended) return std::unexpected(appended.error());
        seq = appended->seq;
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return seq;
}

Result<std::int64_t> RecordDrawerOpened(EventSink& sink, const ledger::Actor& actor,
                                        std::string_view terminal, const std::string& reason) {
    std::int64_t seq = 0;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        auto shift = NeedOpenShift(session, terminal);
        if (!shift) return std::unexpected(shift.error());
        auto appended =
            session.Append(ledger::DrawerOpened{shift->id, std::string(terminal), reason, ""});
        if (!appended) return std::unexpected(appended.error());
        seq = appended->seq;
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return seq;
}

Result<CashUp> CloseShift(EventSink& sink, const ledger::Actor& actor, std::string_view terminal,
                          const money::Money& counted) {
    std::optional<CashUp> cash_up;
    auto ok = sink.Run(actor, [&](LedgerSession& session) -> Status {
        auto shift = NeedOpenShift(session, terminal);
        if (!shift) return std::unexpected(shift.error());
        auto appended = session.Append(ledger::ShiftClosed{shift->id, counted});
        if (!appended) return std::unexpected(appended.error());
        const money::Money expected(shift->expected_cash_minor, counted.GetCurrency());
        auto variance = counted.Minus(expected);
        if (!variance) return std::unexpected(variance.error());
        cash_up = CashUp{shift->id, expected, counted, *variance};
        return {};
    });
    if (!ok) return std::unexpected(ok.error());
    return *cash_up;
}

}  // namespace tillbook::services
