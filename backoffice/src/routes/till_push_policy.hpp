#pragma once
// What a till may push (docs/sync-protocol.md, "What a till may push"), in one place: the kinds a
// till makes, and each event's content against the till that sent it — its own store, its own
// drawer, an active member of staff whose role may do it. The ledger's rules come after this.
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/ledger/event.hpp"
#include "tillbook/ledger/state.hpp"
#include "tillbook/office/http/api.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office::routes {

// The till a push comes from, as the policy sees it.
struct PushingTill {
    std::string origin;       // "terminal:S01-T1", also the terminal its shifts name
    std::string channel;      // "store:S01", its store's sales channel
    std::string location_id;  // its store's location
};

// The till behind `caller` (a terminal), with its store's location read from `db`.
[[nodiscard]] Result<PushingTill> PushingTillOf(const http::Caller& caller, store::Database& db);

// Whether a till may push events of `kind` at all (kForbidden naming the kind when not), before
// anything is read: CheckTillPush asks it too.
[[nodiscard]] Status CheckTillMayPushKind(ledger::EventKind kind);

// Whether `till` may push `event`, read against the state at the event's turn (`state`, and the
// staff table in `db`): kForbidden with a reason naming the field and its value when it may not.
// What the ledger's rules refuse anyway (an unknown order, shift or return) is left to them.
[[nodiscard]] Status CheckTillPush(const PushingTill& till, const ledger::Event& event,
                                   ledger::LedgerState& state, store::Database& db);

// Whether `staff_id` (a staff id or username) may work a till: an active cashier or manager. For
// what a till asks of the back office online in its staff's name (a store-credit redemption);
// their staff id when so, kForbidden naming the field "staff_id" when not.
[[nodiscard]] Result<std::string> CheckTillStaff(const std::string& staff_id, store::Database& db);

}  // namespace tillbook::office::routes
