#pragma once
// The returns desk (issue 14, points 1 to 3): one flow for every order.
//
//  - Find: the code scanned or typed is looked up in this till's journal first (its own sales:
//    queries::FindOrderByCode); any other order is asked of the office (SyncPort::LookupOrder),
//    and while the office is offline the desk says plainly that only this till's own sales can
//    come back, offering nothing it would refuse later.
//  - Search (returns_search.cpp): an e-mail or a day typed (ReadDeskQuery) lists the orders of
//    every channel the office finds (SyncPort::SearchOrders), a day's own sales from this till's
//    journal with them (and alone while offline; e-mail search needs the office). One match
//    opens at once; several are listed (kMatches) to tap; none is said with what was searched.
//  - The order: a quantity, reason and condition per line (ReturnChoice), valued by the ledger's
//    own rule; the refund goes to a tender the store's policy allows (RefundPolicy); above
//    `till.refund_approval_above` a manager approves (ApprovalController).
//  - Journal: an own sale's return at once (TillJournal::ReceiveReturn). Any other order's goods
//    come back at the office (SyncPort::SendReturnToOffice, OfficeReturnReport), which refunds
//    to the order's channel itself; a refusal is shown with the office's reason; cash or card the
//    till pays out is journalled once the office has the goods
//    (TillJournal::RefundReturnReceivedAtOffice). Then the drawer (cash only), the receipt and a
//    nudge to sync.
//  - Exchange (this till's own sales): the chosen lines pay for new goods scanned into the sale
//  screen's own cart
//    (SaleController); one ExchangeCompleted settles the difference
//    (TillJournal::CompleteExchange).
//  - No receipt: SKUs scanned at an agreed value (at most their price; in all at most
//    `till.no_receipt_limit`), refunded to cash, always with a manager's approval.
//
// One class; its parts are in returns_controller.cpp (find, order, refund, the office's check,
// finishing), returns_exchange.cpp, returns_no_receipt.cpp and returns_refresh.cpp (the view).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "approval_controller.hpp"
#include "receipt_controller.hpp"
#include "refund_policy.hpp"
#include "return_choice.hpp"
#include "sale_controller.hpp"
#include "till_context.hpp"
#include "tillbook/pos/app/desk_search.hpp"

namespace tillbook::pos::app {

// A line of a return without a receipt.
struct NoReceiptLine {
    catalogue::Sku sku;
    std::int64_t quantity = orders::kMilliPerUnit;
    money::Money unit_value;  // agreed at the desk: at most the price
    orders::ItemCondition condition = orders::ItemCondition::kRestock;
};

class ReturnsController {
  public:
    ReturnsController(TillContext& context, SaleController& sale, ApprovalController& approval,
                      ReceiptController& receipts)
        : m_context(context), m_sale(sale), m_approval(approval), m_receipts(receipts) {}

    // The status bar's "Returns": the desk, afresh, with the store's policy as pulled.
    void Open();
    // "Back to sale": whatever was chosen is dropped (an exchange's new goods too).
    void Close();
    [[nodiscard]] ReturnsStep Step() const { return m_step; }
    // Not while the office is receiving goods back: its answer says what this till must pay out.
    [[nodiscard]] bool CanClose() const { return m_office == 0; }
    // New goods go into the sale's cart while an exchange is open.
    [[nodiscard]] bool Exchanging() const { return m_step == ReturnsStep::kExchange; }

    void Find(const std::string& code);
    // A code from the scanner or the finder's box: a receipt on the desk, new goods in an
    // exchange, an item without a receipt.
    void Scan(const std::string& code);
    void AddSku(const std::string& code);
    void BackToFind();
    void Next();

    void Select(int line_no);
    void ChangeQuantity(int line_no, std::int64_t delta_units);
    void ChooseReason(int line_no, int reason);
    void ChooseCondition(int line_no, int condition);
    void ChooseTender(int tender);
    void ConfirmRefund();

    void StartExchange();
    void ConfirmExchange();

    void StartNoReceipt();
    void SelectNoReceipt(int index);
    void SetNoReceiptValue(int index, const std::string& text);
    void ChangeNoReceiptQuantity(int index, std::int64_t delta_units);
    void ConfirmNoReceipt();

    // What the sync worker said of the office: a foreign order can be found only while online.
    void OnSync(bool online);
    void OnLookup(const OrderLookupReport& report);
    void OnOfficeReturn(const OfficeReturnReport& report);
    void OnSearch(const OrderSearchReport& report);
    // An order of the list found by e-mail or date: opened as a number found would be.
    void ChooseMatch(const std::string& order_id);
    // Fills in the returns view (and the exchange's difference, after the cart changed).
    void Refresh();

  private:
    // What was journalled, for the done step, the drawer and the receipt.
    struct Finished {
        std::string title;  // "Refunded £12.50 in cash"
        bool cash = false;  // the drawer opens
        std::optional<ReceiptRequest> receipt;
    };

    // An order found by e-mail or date (own: in this till's journal).
    struct Match {
        queries::OrderSearchHit hit;
        bool own = false;
    };

    void ShowOrder(queries::OrderDetail order, bool own);
    // An order of this till's journal by its id, shown (`label`: what the cashier knows it by).
    void OpenOwn(const std::string& order_id, const std::string& label);
    // An order only the office holds, asked for by `code` (`label` as above).
    void AskOffice(const std::string& code, const std::string& label);
    void Search(const DeskQuery& query);
    // The matches found (this till's own and the office's, merged): none, one or a list.
    void ShowMatches();
    void RefreshMatches();
    void ChooseOne(const Match& match);
    void Refund(const std::string& approver);
    // The refund is made: the done step, the drawer, the refund's receipt.
    // card: the store-credit card the refund went to ("" for other tenders): its credit note
    // prints.
    void Refunded(const orders::Return& ret, orders::Tender tender, const money::Money& refunded,
                  const std::string& card = "");
    void Exchange(const std::string& approver);
    void RefundNoReceipt(const std::string& approver);
    void Finish(Finished finished);
    // A refund's receipt: the paper's header and the refund.
    [[nodiscard]] ReceiptRequest RefundPaper(drivers::RefundReceipt slip) const;
    void Say(std::string message, bool problem = true);
    [[nodiscard]] std::optional<money::Money> ExchangeDifference() const;
    [[nodiscard]] std::vector<RefundTender> ExchangeTenders() const;
    [[nodiscard]] std::optional<services::DeskTender> Chosen(
        const std::vector<RefundTender>& offered) const;
    [[nodiscard]] money::Money NoReceiptTotal() const;
    void RefreshOrder();
    void RefreshExchange();
    void RefreshNoReceipt();

    TillContext& m_context;
    SaleController& m_sale;
    ApprovalController& m_approval;
    ReceiptController& m_receipts;
    RefundPolicy m_policy;
    bool m_online = false;
    ReturnsStep m_step = ReturnsStep::kFind;
    std::string m_message;
    bool m_problem = false;

    std::optional<ReturnChoice> m_choice;  // the order found
    bool m_own = false;                    // in this till's journal
    std::vector<orders::Tender> m_paid_with;
    std::optional<int> m_selected;
    std::optional<orders::Tender> m_tender;  // chosen for the refund or the difference

    std::uint64_t m_lookup = 0;  // the office's lookup awaited
    std::string m_looking_for;
    std::uint64_t m_office = 0;  // the office's answer to goods sent back there, awaited
    std::function<void(const OfficeReturnReport&)> m_after_office;

    // A search by e-mail or date: what was searched, in words; the office's answer awaited; the
    // orders found, newest first.
    std::string m_searched;  // "for ada@example.com", "placed on 06/12/2026"
    std::uint64_t m_search = 0;
    std::vector<Match> m_matches;
    bool m_by_email = false;
    bool m_own_only = false;  // listed from the journal alone: the office was not asked

    std::vector<NoReceiptLine> m_no_receipt;
    std::optional<int> m_no_receipt_selected;
    std::int64_t m_value_generation = 0;

    std::string m_done_title;
};

}  // namespace tillbook::pos::app
