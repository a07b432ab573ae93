#include "routes/till_push_policy.hpp"

#include <fmt/format.h>

#include <optional>
#include <span>
#include <string_view>

#include "staff_store.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/orders/till_sale.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::routes {

namespace {

using ledger::LedgerState;
using text::QuoteForMessage;

std::unexpected<Error> Forbidden(std::string reason, std::string field) {
    return std::unexpected(MakeError(ErrorCode::kForbidden, std::move(reason), std::move(field)));
}

// A sale the till makes: of its store's channel, at its store.
Status NeedOwnSale(const PushingTill& till, const orders::Order& order, const std::string& field) {
    if (order.channel != till.channel) {
        return Forbidden(fmt::format("{}.channel: this till sells for {}, not {}", field,
                                     till.channel, QuoteForMessage(order.channel)),
                         field + ".channel");
    }
    if (order.location_id != till.location_id) {
        return Forbidden(fmt::format("{}.location_id: this till sells at its store's location {}, "
                                     "not {}",
                                     field, till.location_id, QuoteForMessage(order.location_id)),
                         field + ".location_id");
    }
    return {};
}

// An order already recorded that is a sale of the till's store. An unknown one is the rules' to
// refuse.
Status NeedStoreSale(const PushingTill& till, const std::string& order_id, LedgerState& state) {
    auto order = state.FindOrder(order_id);
    if (!order) return std::unexpected(order.error());
    if (*order && (*order)->channel != till.channel) {
        return Forbidden(fmt::format("order_id: order {} is of channel {}; a till pays and refunds "
                                     "only sales of its store ({}), and a refund of another "
                                     "channel's order needs a return received here",
                                     order_id, QuoteForMessage((*order)->channel), till.channel),
                         "order_id");
    }
    return {};
}

// Money through a drawer goes through the till's own (an unknown shift is the rules' to refuse).
Status NeedOwnShift(const PushingTill& till, const std::string& shift_id, const std::string& field,
                    LedgerState& state) {
    if (shift_id.empty()) return {};  // cash with no shift: the rules refuse it
    auto shift = state.FindShift(shift_id);
    if (!shift) return std::unexpected(shift.error());
    if (*shift && (*shift)->terminal != till.origin) {
        return Forbidden(
            fmt::format("{}: shift {} is the drawer of {}, not of this till ({})", field, shift_id,
                        QuoteForMessage((*shift)->terminal), till.origin),
            field);
    }
    return {};
}

Status NeedOwnStore(const PushingTill& till, const orders::Return& ret) {
    if (ret.location_id != till.location_id) {
        return Forbidden(fmt::format("ret.location_id: a till receives returns at its own store's "
                                     "location {}, not {}",
                                     till.location_id, QuoteForMessage(ret.location_id)),
                         "ret.location_id");
    }
    return {};
}

// A payment by store credit at a till spends a redemption the back office made for it (online, at
// the tender screen); its amount, and that it is unspent, are the ledger's rules.
Status NeedRedemptions(std::span<const orders::Payment> payments, const std::string& field,
                       LedgerState& state) {
    for (const orders::Payment& payment : payments) {
        if (payment.tender != orders::Tender::kStoreCredit || payment.reference.empty()) continue;
        auto redemption = state.FindRedemption(payment.reference);
        if (!redemption) return std::unexpected(redemption.error());
        if (!*redemption) {
            return Forbidden(fmt::format("{}.reference: redemption {} was not made at the back "
                                         "office; store credit is taken online at the tender "
                                         "screen first",
                                         field, QuoteForMessage(payment.reference)),
                             field + ".reference");
        }
    }
    return {};
}

// What an event asks of its actor's role.
// kManager: a return or refund with no receipt, a drawer opened with no sale.
enum class TillWork { kCashier, kManager };

struct Checked {
    TillWork work = TillWork::kCashier;
    // Why the work is a manager's, as NeedActor says it to a cashier with no approver.
    std::string why = "a return or refund with no receipt needs a manager's approval";
};

// A sale with a price changed at the till is a manager's work (a cashier's needs an approver).
// The price itself is not checked against the catalogue: the till's catalogue may lag the
// office's, and its sales are priced as the till had them.
Checked SaleWork(const orders::Order& order, const std::string& field) {
    for (const orders::OrderLine& line : order.lines) {
        if (!line.price_overridden_from) continue;
        return Checked{TillWork::kManager,
                       fmt::format("{}.lines: line {} has a price changed at the till ({} from "
                                   "{}), which needs a manager's approval",
                                   field, line.line_no, money::FormatMoney(line.unit_price),
                                   money::FormatMoney(*line.price_overridden_from))};
    }
    return Checked{};
}

Result<Checked> Check(const PushingTill& till, const ledger::OrderPlaced& e, LedgerState& state) {
    if (auto ok = NeedOwnSale(till, e.order, "order"); !ok) return std::unexpected(ok.error());
    if (!e.handed_over)
        return Forbidden("handed_over: a till's sale is handed over at the counter", "handed_over");
    for (const orders::Payment& payment : e.payments) {
        if (auto ok = NeedOwnShift(till, payment.shift_id, "payments.shift_id", state); !ok)
            return std::unexpected(ok.error());
    }
    if (auto ok = NeedRedemptions(e.payments, "payments", state); !ok)
        return std::unexpected(ok.error());
    return SaleWork(e.order, "order");
}

Result<Checked> Check(const PushingTill& till, const ledger::PaymentTaken& e, LedgerState& state) {
    if (auto ok = NeedStoreSale(till, e.order_id, state); !ok) return std::unexpected(ok.error());
    if (auto ok = NeedOwnShift(till, e.payment.shift_id, "payment.shift_id", state); !ok)
        return std::unexpected(ok.error());
    if (auto ok = NeedRedemptions(std::span(&e.payment, 1), "payment", state); !ok)
        return std::unexpected(ok.error());
    return Checked{};
}

Result<Checked> Check(const PushingTill& till, const ledger::ReturnReceived& e, LedgerState&) {
    if (auto ok = NeedOwnStore(till, e.ret); !ok) return std::unexpected(ok.error());
    return Checked{e.ret.no_receipt ? TillWork::kManager : TillWork::kCashier};
}

Result<Checked> Check(const PushingTill& till, const ledger::RefundIssued& e, LedgerState& state) {
    if (auto ok = NeedOwnShift(till, e.refund.shift_id, "refund.shift_id", state); !ok)
        return std::unexpected(ok.error());
    if (!e.return_id.empty()) {
        auto ret = state.FindReturn(e.return_id);
        if (!ret) return std::unexpected(ret.error());
        if (*ret && (*ret)->location_id != till.location_id) {
            return Forbidden(fmt::format("return_id: return {} was received at location {}; a "
                                         "till refunds only returns received at its store ({})",
                                         e.return_id, (*ret)->location_id, till.location_id),
                             "return_id");
        }
    } else if (!e.order_id.empty()) {
        if (auto ok = NeedStoreSale(till, e.order_id, state); !ok)
            return std::unexpected(ok.error());
    }
    return Checked{e.order_id.empty() ? TillWork::kManager : TillWork::kCashier};
}

Result<Checked> Check(const PushingTill& till, const ledger::ExchangeCompleted& e,
                      LedgerState& state) {
    if (auto ok = NeedOwnStore(till, e.ret); !ok) return std::unexpected(ok.error());
    if (auto ok = NeedOwnSale(till, e.new_order, "new_order"); !ok)
        return std::unexpected(ok.error());
    for (const orders::Payment& payment : e.payments) {
        if (auto ok = NeedOwnShift(till, payment.shift_id, "payments.shift_id", state); !ok)
            return std::unexpected(ok.error());
    }
    for (const orders::Refund& refund : e.refunds) {
        if (auto ok = NeedOwnShift(till, refund.shift_id, "refunds.shift_id", state); !ok)
            return std::unexpected(ok.error());
    }
    if (auto ok = NeedRedemptions(e.payments, "payments", state); !ok)
        return std::unexpected(ok.error());
    if (e.ret.no_receipt) return Checked{TillWork::kManager};
    return SaleWork(e.new_order, "new_order");
}

Result<Checked> Check(const PushingTill& till, const ledger::ShiftOpened& e, LedgerState&) {
    if (e.terminal != till.origin) {
        return Forbidden(fmt::format("terminal: this till is {}; it cannot open a shift for {}",
                                     till.origin, QuoteForMessage(e.terminal)),
                         "terminal");
    }
    if (e.location_id != till.location_id) {
        return Forbidden(fmt::format("location_id: this till's shifts are at its store's location "
                                     "{}, not {}",
                                     till.location_id, QuoteForMessage(e.location_id)),
                         "location_id");
    }
    return Checked{};
}

Result<Checked> Check(const PushingTill& till, const ledger::CashMoved& e, LedgerState& state) {
    if (auto ok = NeedOwnShift(till, e.shift_id, "shift_id", state); !ok)
        return std::unexpected(ok.error());
    return Checked{};
}

Result<Checked> Check(const PushingTill& till, const ledger::ShiftClosed& e, LedgerState& state) {
    if (auto ok = NeedOwnShift(till, e.shift_id, "shift_id", state); !ok)
        return std::unexpected(ok.error());
    return Checked{};
}

// A no-sale: the till's own drawer, in its own open shift; a cashier's needs a manager.
Result<Checked> Check(const PushingTill& till, const ledger::DrawerOpened& e, LedgerState& state) {
    if (e.terminal != till.origin) {
        return Forbidden(fmt::format("terminal: this till is {}; it cannot open the drawer of {}",
                                     till.origin, QuoteForMessage(e.terminal)),
                         "terminal");
    }
    if (auto ok = NeedOwnShift(till, e.shift_id, "shift_id", state); !ok)
        return std::unexpected(ok.error());
    return Checked{TillWork::kManager,
                   "opening the drawer with no sale needs a manager's approval"};
}

// Kinds TerminalsMayPush refuses never get here.
template <typename Payload>
Result<Checked> Check(const PushingTill&, const Payload&, LedgerState&) {
    return Forbidden("a terminal cannot push this kind of event", "kind");
}

// A member of staff by id, or by the username the till's command line records; active.
Result<staff::StaffMember> NeedActiveStaff(const std::string& who, std::string_view field,
                                           store::Database& db) {
    auto member = FindStaffById(db, who);
    if (!member) return std::unexpected(member.error());
    if (!*member) {
        member = FindStaff(db, who);
        if (!member) return std::unexpected(member.error());
    }
    if (!*member) {
        return Forbidden(
            fmt::format("{}: {} is not a member of staff", field, QuoteForMessage(who)),
            std::string(field));
    }
    if (!(*member)->active) {
        return Forbidden(fmt::format("{}: {} ({}) is no longer active", field, (*member)->username,
                                     (*member)->id),
                         std::string(field));
    }
    return std::move(**member);
}

// The actor is an active member of staff working the shop floor: a cashier, or a manager for what
// needs one. A cashier may do a manager's work with a manager's approval (the event's approver,
// an active manager). An admin's and a fulfilment account are the back office's.
Status NeedActor(const ledger::Event& event, const Checked& checked, store::Database& db) {
    auto who = NeedActiveStaff(event.actor, "actor", db);
    if (!who) return std::unexpected(who.error());
    std::optional<staff::StaffMember> approver;
    if (!event.approver.empty()) {
        auto found = NeedActiveStaff(event.approver, "approver", db);
        if (!found) return std::unexpected(found.error());
        if (found->role != staff::Role::kManager) {
            return Forbidden(fmt::format("approver: {} is {}; approvals at a till are a manager's",
                                         found->username, staff::ToString(found->role)),
                             "approver");
        }
        approver = std::move(*found);
    }
    switch (who->role) {
        case staff::Role::kManager:
            return {};
        case staff::Role::kCashier:
            if (checked.work == TillWork::kCashier || approver) return {};
            return Forbidden(fmt::format("actor: {} is a cashier; {}", who->username, checked.why),
                             "actor");
        case staff::Role::kFulfilment:
        case staff::Role::kAdmin:
            break;
    }
    return Forbidden(fmt::format("actor: {} is {}; at a till staff act as a cashier or a manager",
                                 who->username, staff::ToString(who->role)),
                     "actor");
}

}  // namespace

Result<PushingTill> PushingTillOf(const http::Caller& caller, store::Database& db) {
    auto store = store::FindLocationByCode(db, caller.store_code);
    if (!store) return std::unexpected(store.error());
    if (!*store) {
        return std::unexpected(
            MakeError(ErrorCode::kNotFound,
                      fmt::format("this till's store {} is unknown", caller.store_code)));
    }
    return PushingTill{caller.origin, orders::StoreChannel(caller.store_code), (*store)->id};
}

namespace {

// What a till may push; a new kind must be decided here (-Wswitch).
bool TerminalsMayPush(ledger::EventKind kind) {
    switch (kind) {
        case ledger::EventKind::kOrderPlaced:
        case ledger::EventKind::kPaymentTaken:
        case ledger::EventKind::kReturnReceived:
        case ledger::EventKind::kRefundIssued:
        case ledger::EventKind::kExchangeCompleted:
        case ledger::EventKind::kShiftOpened:
        case ledger::EventKind::kCashMoved:
        case ledger::EventKind::kShiftClosed:
        case ledger::EventKind::kDrawerOpened:
            return true;
        // No till flow makes these: a till sale is handed over in its one OrderPlaced, and stock,
        // fulfilment and an order's state are the back office's and the channels' work.
        case ledger::EventKind::kStockReserved:
        case ledger::EventKind::kOrderStatusChanged:
        case ledger::EventKind::kOrderDispatched:
        case ledger::EventKind::kOrderCancelled:
        case ledger::EventKind::kStockAdjusted:
        case ledger::EventKind::kStockTransferred:
        case ledger::EventKind::kOrderFlagged:
        case ledger::EventKind::kReferenceChanged:
        case ledger::EventKind::kOrderAmended:
        // Credit is issued and redeemed at the back office, online (POST /credit/...): a till
        // never makes a balance of its own.
        case ledger::EventKind::kCreditIssued:
        case ledger::EventKind::kCreditRedeemed:
            return false;
    }
    return false;
}

}  // namespace

Status CheckTillMayPushKind(ledger::EventKind kind) {
    if (TerminalsMayPush(kind)) return {};
    return Forbidden(fmt::format("a terminal cannot push {} events", ledger::ToString(kind)),
                     "kind");
}

Status CheckTillPush(const PushingTill& till, const ledger::Event& event,
                     ledger::LedgerState& state, store::Database& db) {
    if (auto ok = CheckTillMayPushKind(ledger::KindOf(event.payload)); !ok) return ok;
    auto checked =
        std::visit([&](const auto& payload) { return Check(till, payload, state); }, event.payload);
    if (!checked) return std::unexpected(checked.error());
    return NeedActor(event, *checked, db);
}

Result<std::string> CheckTillStaff(const std::string& staff_id, store::Database& db) {
    auto who = NeedActiveStaff(staff_id, "staff_id", db);
    if (!who) return std::unexpected(who.error());
    if (who->role != staff::Role::kCashier && who->role != staff::Role::kManager) {
        return Forbidden(fmt::format("staff_id: {} is {}; at a till staff act as a cashier or a "
                                     "manager",
                                     who->username, staff::ToString(who->role)),
                         "staff_id");
    }
    return who->id;
}

}  // namespace tillbook::office::routes
