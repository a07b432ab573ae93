#pragma once
// The till's cash screens driven as the window drives them (tests/unit/pos/app/test_app_cash_*,
// tests/hw): a manager's PIN at the approval prompt, the drawer counted by denomination, and the
// ledger's own figures for the shift to compare with.
#include <string>
#include <vector>

#include "app_till.hpp"
#include "tillbook/ledger/ledger.hpp"
#include "tillbook/queries/shift_summary.hpp"

namespace tillbook::testing {

// Types `pin` at the approval prompt and runs frames until its check is done.
inline void ApprovalPin(AppTill& till, const std::string& pin) {
    till.Do(pos::app::SubmitApprovalPin{pin});
    REQUIRE(till.TickUntil([&] { return !till.View().approval.checking; }));
}

// The row of the count labelled `label` ("£20", "50p").
inline std::size_t RowOf(const pos::app::CashCountView& count, const std::string& label) {
    for (std::size_t row = 0; row < count.rows.size(); ++row)
        if (count.rows[row].label == label) return row;
    FAIL("no row ", label);
    return 0;
}

// Counts `label` x `how_many` on the screen showing a count (the float prompt or the close).
inline void CountNotes(AppTill& till, const std::string& label, const std::string& how_many) {
    const bool float_prompt = till.View().screen == pos::app::Screen::kOpenShift;
    const auto& count = float_prompt ? till.View().open_shift.count : till.View().cash.count;
    till.Do(pos::app::CountDenomination{RowOf(count, label), how_many});
}

// The figure labelled `label` on the cash screen; "" when it is not shown.
inline std::string Figure(const AppTill& till, const std::string& label) {
    for (const auto& figure : till.View().cash.figures)
        if (figure.label == label) return figure.amount_text;
    return {};
}

inline std::optional<queries::ShiftSummary> OpenShiftNow(AppTill& till) {
    auto shift = queries::OpenShiftSummary(till.till.db, "terminal:S01-T1");
    REQUIRE(shift);
    return *shift;
}

inline queries::ShiftSummary LastClosedShift(AppTill& till) {
    auto shift = queries::LastClosedShiftSummary(till.till.db, "terminal:S01-T1");
    REQUIRE(shift);
    REQUIRE(shift->has_value());
    return **shift;
}

// Every event of the journal of the kind `Payload`, in order.
template <class Payload>
std::vector<std::pair<ledger::Event, Payload>> EventsOf(store::Database& db) {
    std::vector<std::pair<ledger::Event, Payload>> found;
    ledger::Ledger ledger(db);
    REQUIRE(ledger.ForEach([&](std::int64_t, const ledger::Event& event) -> Status {
        if (const auto* payload = std::get_if<Payload>(&event.payload))
            found.emplace_back(event, *payload);
        return {};
    }));
    return found;
}

// Signed in as Zoë with a float of £100.00, the demo pair (£11.45) sold for cash and
// Earl Grey (£6.50) by card: the drawer should hold £111.45.
inline void ShiftWithSales(AppTill& till, const std::string& pin = "1111") {
    till.SignInAndOpenShift(pin);
    till.Do(pos::app::ScanCode{"5060123450019"});
    till.Do(pos::app::ScanCode{"5060456110017"});
    till.PayCash("20.00");
    REQUIRE(till.View().tender.completed);
    till.Do(pos::app::NewSale{});
    till.Do(pos::app::ScanCode{"5060123450019"});
    till.Do(pos::app::StartTender{});
    till.Do(pos::app::ChooseTender{pos::app::TenderKind::kCard});
    till.Do(pos::app::CompleteSale{"6.50", "4821", true});
    REQUIRE(till.View().tender.completed);
    till.Do(pos::app::NewSale{});
    REQUIRE(till.View().screen == pos::app::Screen::kSale);
}

}  // namespace tillbook::testing
