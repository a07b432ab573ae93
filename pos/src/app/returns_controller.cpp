#include "returns_controller.hpp"

#include <fmt/format.h>

#include "shop_text.hpp"
#include "tillbook/credit/card_number.hpp"
#include "tillbook/queries/order_lookup.hpp"

namespace tillbook::pos::app {

namespace {

constexpr std::string_view kOfflineForeign =
    "The office is offline: only this till's own sales can be returned now";
constexpr std::string_view kNoLinkForeign =
    "This till has no link to the office: only its own sales can be returned";

std::string RefundedTo(orders::Tender tender, std::string_view channel) {
    switch (tender) {
        case orders::Tender::kCash:
            return "in cash";
        case orders::Tender::kCard:
            return "to card";
        case orders::Tender::kChannel:
            return "on " + TenderWord(tender, channel);
        case orders::Tender::kStoreCredit:
            return "to store credit";
        default:
            return "to " + TenderWord(tender);
    }
}

std::string Description(const queries::OrderDetail& order, int line_no) {
    for (const auto& line : order.lines) {
        if (line.line_no == line_no) return line.description.empty() ? line.sku : line.description;
    }
    return "";
}

}  // namespace

void ReturnsController::Say(std::string message, bool problem) {
    m_message = std::move(message);
    m_problem = problem;
}

void ReturnsController::OnSync(bool online) {
    m_online = online;
    if (m_step == ReturnsStep::kFind) Refresh();
}

void ReturnsController::Open() {
    m_policy = RefundPolicy::Load(m_context.db, m_context.currency);
    BackToFind();
}

void ReturnsController::Close() {
    if (m_step == ReturnsStep::kExchange) m_sale.Clear();
    m_approval.Cancel();
    m_step = ReturnsStep::kFind;
    m_choice.reset();
    m_no_receipt.clear();
    m_lookup = m_office = m_search = 0;
    m_after_office = nullptr;
    m_matches.clear();
    Say("", false);
}

void ReturnsController::BackToFind() {
    if (m_office != 0) return;  // the office is deciding: wait for its answer
    if (m_step == ReturnsStep::kOrder && m_matches.size() > 1) {  // back to the list found
        m_choice.reset();
        m_selected.reset();
        m_tender.reset();
        m_step = ReturnsStep::kMatches;
        Say("", false);
        Refresh();
        return;
    }
    if (m_step == ReturnsStep::kExchange) {  // back to the order, its choice kept
        m_sale.Clear();
        m_step = ReturnsStep::kOrder;
        m_tender.reset();
        const auto offered = m_policy.RefundTenders({m_choice->Order().channel, m_paid_with});
        if (!offered.empty()) m_tender = offered.front().tender;
        Say("", false);
        Refresh();
        return;
    }
    Close();
    m_selected.reset();
    m_tender.reset();
    m_no_receipt_selected.reset();
    Refresh();
}

void ReturnsController::Next() {
    if (m_step == ReturnsStep::kDone) BackToFind();
}

void ReturnsController::Find(const std::string& typed) {
    if (m_step == ReturnsStep::kMatches && m_lookup == 0 && m_search == 0) {
        m_step = ReturnsStep::kFind;  // another search from the list
        m_matches.clear();
    }
    if (m_step != ReturnsStep::kFind || m_lookup != 0 || m_search != 0) return;
    auto query = ReadDeskQuery(typed, queries::DayAt(m_context.clock.Now(), m_context.time_zone));
    if (!query) {
        Say(query.error().message);
        Refresh();
        return;
    }
    if (!std::holds_alternative<DeskCode>(*query)) {
        Search(*query);
        return;
    }
    const std::string code = std::get<DeskCode>(*query).code;
    auto found = queries::FindOrderByCode(m_context.db, code);
    if (!found) {
        Say("This till's journal could not be read: " + found.error().message);
    } else if (*found) {
        OpenOwn((*found)->id, code);
        return;
    } else if (!m_online) {
        Say(fmt::format("{} is not a sale of this till. {}", code, kOfflineForeign));
    } else {
        AskOffice(code, code);
        return;
    }
    Refresh();
}

void ReturnsController::OpenOwn(const std::string& order_id, const std::string& label) {
    auto detail = queries::FindOrderDetail(m_context.db, order_id);
    if (!detail || !*detail) {
        Say("Order " + label + " could not be read" +
            (detail ? std::string() : ": " + detail.error().message));
    } else if (!m_online && !m_policy.offline_own_returns) {
        Say("The office is offline, and this store takes returns only while it is online");
    } else {
        ShowOrder(std::move(**detail), true);
        return;
    }
    Refresh();
}

void ReturnsController::ChooseOne(const Match& match) {
    if (match.own) {
        OpenOwn(match.hit.id, match.hit.number);
    } else if (!m_online) {
        Say(fmt::format("{} is not a sale of this till. {}", match.hit.number, kOfflineForeign));
        Refresh();
    } else {
        AskOffice(match.hit.id, match.hit.number);
    }
}

void ReturnsController::AskOffice(const std::string& code, const std::string& label) {
    if (const std::uint64_t request = m_context.sync.LookupOrder(code); request == 0) {
        Say(fmt::format("{} is not a sale of this till. {}", label, kNoLinkForeign));
    } else {
        m_lookup = request;
        m_looking_for = label;
        Say("Looking up " + label + " at the office…", false);
    }
    Refresh();
}

void ReturnsController::Scan(const std::string& code) {
    switch (m_step) {
        case ReturnsStep::kFind:
        case ReturnsStep::kMatches:
            Find(code);
            return;
        case ReturnsStep::kExchange:
            m_sale.Scan(code);
            Refresh();
            return;
        case ReturnsStep::kNoReceipt:
            AddSku(code);
            return;
        case ReturnsStep::kOrder:
        case ReturnsStep::kDone:
            return;
    }
}

void ReturnsController::OnLookup(const OrderLookupReport& report) {
    if (report.request == 0 || report.request != m_lookup) return;
    m_lookup = 0;
    if (!report.reached) {
        Say(std::string(kOfflineForeign));
    } else if (!report.order) {
        Say(report.message.empty() ? "No order " + m_looking_for : report.message);
    } else {
        ShowOrder(*report.order, false);
        return;
    }
    Refresh();
}

void ReturnsController::ShowOrder(queries::OrderDetail order, bool own) {
    if (!orders::HasReachedCustomer(order.status)) {
        Say(fmt::format("Order {} is {}: only what reached the customer can come back",
                        order.number, orders::ToString(order.status)));
        Refresh();
        return;
    }
    m_paid_with.clear();
    if (own && m_context.journal) {
        if (auto tenders = m_context.journal->TendersOf(order.id)) m_paid_with = *tenders;
    }
    m_own = own;
    m_choice.emplace(std::move(order));
    m_selected.reset();
    m_tender.reset();
    m_step = ReturnsStep::kOrder;
    bool any = false;
    for (const auto& line : m_choice->Order().lines)
        any = any || m_choice->Returnable(line.line_no);
    any ? Say("", false) : Say("Everything on this order has come back already");
    const auto offered = m_policy.RefundTenders({m_choice->Order().channel, m_paid_with});
    if (!offered.empty()) m_tender = offered.front().tender;
    Refresh();
}

void ReturnsController::Select(int line_no) {
    if (m_step != ReturnsStep::kOrder || !m_choice) return;
    if (m_choice->Returnable(line_no) <= 0) {
        Say("Nothing more of that line can come back");
    } else {
        m_selected = line_no;
        // A line chosen is one coming back: the first tap takes one.
        if (!m_choice->Chosen(line_no)) m_choice->Change(line_no, +1);
        Say("", false);
    }
    Refresh();
}

void ReturnsController::ChangeQuantity(int line_no, std::int64_t delta_units) {
    if (m_step != ReturnsStep::kOrder || !m_choice) return;
    if (!m_choice->Change(line_no, delta_units) && delta_units > 0)
        Say("No more of that line can come back");
    else
        Say("", false);
    m_selected = line_no;
    Refresh();
}

void ReturnsController::ChooseReason(int line_no, int reason) {
    if (m_step != ReturnsStep::kOrder || !m_choice || reason < 1 || reason > 6) return;
    m_choice->SetReason(line_no, static_cast<orders::ReturnReason>(reason));
    Refresh();
}

void ReturnsController::ChooseCondition(int line_no, int condition) {
    if (condition < 1 || condition > 3) return;
    const auto chosen = static_cast<orders::ItemCondition>(condition);
    if (m_step == ReturnsStep::kOrder && m_choice) m_choice->SetCondition(line_no, chosen);
    if (m_step == ReturnsStep::kNoReceipt && line_no >= 0 &&
        static_cast<std::size_t>(line_no) < m_no_receipt.size())
        m_no_receipt[static_cast<std::size_t>(line_no)].condition = chosen;
    Refresh();
}

void ReturnsController::ChooseTender(int tender) {
    const std::vector<RefundTender> offered =
        m_step == ReturnsStep::kExchange ? ExchangeTenders()
        : m_step == ReturnsStep::kOrder && m_choice
            ? m_policy.RefundTenders({m_choice->Order().channel, m_paid_with})
            : std::vector<RefundTender>{};
    for (const RefundTender& one : offered) {
        if (static_cast<int>(one.tender) == tender) m_tender = one.tender;
    }
    Refresh();
}

std::optional<services::DeskTender> ReturnsController::Chosen(
    const std::vector<RefundTender>& offered) const {
    for (const RefundTender& one : offered) {
        if (m_tender == one.tender) return services::DeskTender{one.tender, ""};
    }
    return std::nullopt;
}

void ReturnsController::ConfirmRefund() {
    if (m_step != ReturnsStep::kOrder || !m_choice || m_choice->Empty() || m_office != 0) return;
    auto value = m_choice->Value();
    if (!value) {
        Say("This return cannot be valued: " + value.error().message);
        Refresh();
        return;
    }
    if (!Chosen(m_policy.RefundTenders({m_choice->Order().channel, m_paid_with}))) {
        Say("Choose how the refund goes back");
        Refresh();
        return;
    }
    if (value->Minor() > m_policy.approval_above.Minor()) {
        m_approval.Ask("Refund " + Amount(*value) + " for order " + m_choice->Order().number,
                       "Refunds above " + Amount(m_policy.approval_above) + " need a manager",
                       [this](const Approver& approver) { Refund(approver.staff_id); });
        return;
    }
    Refund("");
}

void ReturnsController::Refund(const std::string& approver) {
    if (!m_choice || !m_context.journal || !m_context.cashier) return;
    const auto tender = Chosen(m_policy.RefundTenders({m_choice->Order().channel, m_paid_with}));
    auto value = m_choice->Value();
    if (!tender || !value) return;
    const orders::Return ret = m_choice->ToReturn(m_context.ids.NextString(),
                                                  m_context.journal->Identity().store_location_id);
    const ledger::Actor actor(m_context.cashier->staff_id, approver);
    // Store credit goes onto a new card, its number made here: the credit note carries it.
    const std::string card =
        tender->tender == orders::Tender::kStoreCredit ? credit::NewCardNumber() : std::string();
    if (m_own) {
        services::DeskTender to = *tender;
        to.card_number = card;
        auto received = m_context.journal->ReceiveReturn(ret, to, actor);
        if (!received) {
            Say("The return was not saved: " + received.error().message);
            Refresh();
            return;
        }
        Refunded(ret, tender->tender, received->refund.value_or(received->value), card);
        return;
    }
    // Any other order's goods come back at the office, which refunds to its channel itself; the
    // money this till pays out is journalled here once the office has the goods.
    std::optional<orders::Refund> on_channel;
    if (tender->tender == orders::Tender::kChannel)
        on_channel = orders::Refund{orders::Tender::kChannel, *value, "", ""};
    const std::uint64_t request = m_context.sync.SendReturnToOffice(
        OfficeReturn{ret, on_channel, m_context.cashier->staff_id, approver});
    if (request == 0) {
        Say(std::string(m_online ? kNoLinkForeign : kOfflineForeign));
        Refresh();
        return;
    }
    m_office = request;
    m_after_office = [this, ret, tender = tender->tender, actor,
                      card](const OfficeReturnReport& report) {
        const money::Money worth(report.value_minor, m_context.currency);
        if (tender == orders::Tender::kChannel) {
            Refunded(ret, tender, money::Money(report.refunded_minor, m_context.currency));
            return;
        }
        auto refunded = m_context.journal->RefundReturnReceivedAtOffice(
            ret.order_id, ret.id, orders::Refund{tender, worth, card, ""}, actor);
        if (!refunded) {
            m_choice.reset();
            m_step = ReturnsStep::kFind;
            Say("The goods are back at the office, but this till's refund was not saved (" +
                refunded.error().message + "): refund " + Amount(worth) + " from the back office");
            Refresh();
            return;
        }
        Refunded(ret, tender, worth, card);
    };
    Say("Sending the return to the office…", false);
    Refresh();
}

void ReturnsController::OnOfficeReturn(const OfficeReturnReport& report) {
    if (report.request == 0 || report.request != m_office) return;
    m_office = 0;
    auto after = std::move(m_after_office);
    m_after_office = nullptr;
    if (!report.reached) {
        Say(std::string(kOfflineForeign));
    } else if (!report.accepted) {
        Say("The office refused this return: " +
            (report.message.empty() ? std::string("no reason given") : report.message));
    } else if (after) {
        after(report);
        return;
    }
    Refresh();
}

void ReturnsController::Refunded(const orders::Return& ret, orders::Tender tender,
                                 const money::Money& refunded, const std::string& card) {
    if (!m_choice) return;
    const queries::OrderDetail& order = m_choice->Order();
    std::string title = "Refunded " + Amount(refunded) + " " + RefundedTo(tender, order.channel);
    if (!card.empty()) {
        // A new card holds exactly this refund. The note is the customer's only copy of the number.
        m_context.devices.PrintCreditNote({card, refunded, refunded, order.number,
                                           m_context.cashier ? m_context.cashier->display_name : "",
                                           DateTime(m_context.clock.Now(), m_context.time_zone)});
        title += ": card " + credit::CardNumberTail(card) + ", its credit note is printing";
    }
    drivers::RefundReceipt slip{order.number, {}, {{tender, refunded, "", ""}}};
    for (const orders::ReturnLine& line : ret.lines) {
        auto value = m_choice->LineValue(line.order_line_no);
        slip.lines.push_back({Description(order, line.order_line_no), line.quantity,
                              value ? *value : money::Money()});
    }
    Finish({std::move(title), tender == orders::Tender::kCash, RefundPaper(std::move(slip))});
}

ReceiptRequest ReturnsController::RefundPaper(drivers::RefundReceipt slip) const {
    ReceiptRequest paper;
    paper.cashier = m_context.cashier ? m_context.cashier->display_name : "";
    paper.date_time = DateTime(m_context.clock.Now(), m_context.time_zone);
    paper.refund = std::move(slip);
    return paper;
}

void ReturnsController::Finish(Finished finished) {
    // The journal holds it (synchronous=FULL): now the drawer, the receipt, the office.
    if (finished.cash) m_context.devices.KickDrawer();
    if (finished.receipt) m_receipts.SaleCompleted(std::move(*finished.receipt), true);
    m_context.sync.Nudge();
    m_done_title = std::move(finished.title);
    m_step = ReturnsStep::kDone;
    m_choice.reset();
    m_no_receipt.clear();
    Say(finished.cash ? "Give the customer the cash from the drawer" : "", false);
    Refresh();
}

}  // namespace tillbook::pos::app
