#pragma once
// What the till's two workers tell the UI thread, and how the UI thread asks them for work.
//
// The sync worker (pos/src/office) pushes the journal and pulls from the back office; the device
// worker (pos/src/devices) drives the printer, the drawer and the scanners. Each posts reports to
// a ReportQueue that the UI thread drains once per frame (TillApp::TakeReports); neither ever
// touches the UI's state, and the UI thread never waits for either: a command only queues work.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "tillbook/drivers/receipt_renderer.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/money/money.hpp"
#include "tillbook/orders/order.hpp"
#include "tillbook/orders/returns.hpp"
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/queries/order_detail.hpp"
#include "tillbook/queries/order_search.hpp"

namespace tillbook::pos::app {

// ---- from the sync worker ----

struct SyncReport {
    bool online = false;                          // the last request reached the office
    std::optional<ids::UtcMillis> offline_since;  // set while offline
    std::optional<ids::UtcMillis> next_try_at;    // while offline: when it tries again
    std::string problem;                          // "connection refused", "office says: …"
    std::int64_t unsent = 0;                      // events the office has not accepted
    std::optional<ids::UtcMillis> oldest_unsent_at;
    std::int64_t rejected = 0;
    std::optional<ids::UtcMillis> last_push_at;
    std::optional<ids::UtcMillis> last_pull_at;
    bool reference_data_changed = false;  // a pull brought SKUs, staff, settings or tax classes
};

// The answer to a pairing asked for on the pairing screen.
struct PairingReport {
    bool paired = false;
    std::string message;  // why not, in the cashier's words
};

// The office's answer to the returns desk's lookup of an order the till did not make.
struct OrderLookupReport {
    std::uint64_t request = 0;                  // what SyncPort::LookupOrder answered
    bool reached = false;                       // false: the office could not be reached (offline)
    std::optional<queries::OrderDetail> order;  // reached and found
    std::string message;  // why not, in the cashier's words: "No order #1042", "Office offline"
};

// The office's answer to SyncPort::SendReturnToOffice: the goods were received back there (or
// not, with its reason), valued as the office values them.
struct OfficeReturnReport {
    std::uint64_t request = 0;
    bool reached = false;
    bool accepted = false;
    std::string message;              // the office's reason when not accepted
    std::int64_t value_minor = 0;     // what the goods are worth
    std::int64_t refunded_minor = 0;  // what the office refunded itself (to the channel)
};

// The office's answer to SyncPort::CheckCredit: what a store-credit note or gift card holds.
struct CreditBalanceReport {
    std::uint64_t request = 0;
    bool reached = false;  // false: the office could not be reached
    bool found = false;    // reached and the card is the office's
    std::string card_number;
    std::string currency;  // "GBP"
    std::int64_t balance_minor = 0;
    std::string message;  // why not, in the office's words
};

enum class CreditAction : int { kRedeem = 1, kCancel = 2 };

// The office's answer to SyncPort::RedeemCredit (credit taken off a card for the sale at the
// tender screen) or SyncPort::CancelCreditRedemption (a redemption given back).
struct CreditRedemptionReport {
    std::uint64_t request = 0;
    CreditAction action = CreditAction::kRedeem;
    bool reached = false;
    bool accepted = false;
    std::string message;  // the office's reason when not accepted
    std::string redemption_id;
    std::string card_number;
    std::int64_t amount_minor = 0;
    std::int64_t balance_minor = 0;  // the card's balance after it
};

// The office's answer to SyncPort::SearchOrders: the orders of every channel placed with an
// e-mail or on a day, newest first (at most queries::kOrderSearchLimit).
struct OrderSearchReport {
    std::uint64_t request = 0;
    bool reached = false;   // false: the office could not be reached
    bool answered = false;  // reached, and the office searched (else `message` says why not)
    std::vector<queries::OrderSearchHit> orders;
    std::string message;
};

// ---- from the device worker ----

struct Scanned {
    std::string code;
    ScanSource source = ScanSource::kScanner;
};

struct PrinterReport {
    bool ready = false;
    std::string text;               // "Printer ready", "Printer: out of paper", "Printer offline"
    bool drawer_left_open = false;  // the drawer behind it has been open too long
};

struct PrintJobReport {
    std::uint64_t job_id = 0;
    std::string label;  // "Receipt S01-T1-000017"
    bool printed = false;
    std::string problem;  // in the cashier's words when it failed
    std::optional<std::uint64_t> reprint_of;
};

using WorkerReport = std::variant<SyncReport, PairingReport, OrderLookupReport, OfficeReturnReport,
                                  CreditBalanceReport, CreditRedemptionReport, Scanned,
                                  PrinterReport, PrintJobReport, OrderSearchReport>;

// Many writers, one reader (the UI thread, once per frame). Posting never blocks for long.
class ReportQueue {
  public:
    void Post(WorkerReport report) {
        std::lock_guard lock(m_mutex);
        m_reports.push_back(std::move(report));
    }
    [[nodiscard]] std::vector<WorkerReport> Drain() {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_reports, {});
    }

  private:
    std::mutex m_mutex;
    std::vector<WorkerReport> m_reports;
};

// ---- to the workers: they only queue work and return at once ----

// A receipt to print: the order as journalled and what the receipt needs beyond it.
struct ReceiptRequest {
    orders::Order order;
    std::vector<orders::Payment> payments;
    std::string cashier;    // display name
    std::string date_time;  // in the store's zone, "06/12/2026 14:03"
    bool copy = false;      // a reprint of an earlier sale
    // A refund at the returns desk: the paper says what came back and where the money went
    // (drivers::LayOutRefundReceipt) instead of the sale; `order` is unused.
    std::optional<drivers::RefundReceipt> refund{};
};

// "Receipt S01-T1-000017", "Refund S01-T1-000017", "Refund without receipt": how a print job is
// named on the till (the device worker adds " (copy)" to a copy).
[[nodiscard]] inline std::string ReceiptName(const ReceiptRequest& receipt) {
    if (!receipt.refund) return "Receipt " + receipt.order.number;
    return "Refund " + (receipt.refund->order_number.empty() ? std::string("without receipt")
                                                             : receipt.refund->order_number);
}

// An X reading or Z report to print: the figures as the drivers lay them out.
struct CashUpRequest {
    drivers::CashUpReport report;
    std::string label;  // "X report 14:05", "Z report": how the job is named on the till
};

// A credit note: the card a refund went to (its number printed as a Code 128 barcode for the
// tender screen's scanner), what the refund put on it and what it holds now.
struct CreditNoteRequest {
    std::string card_number;   // 16 digits (credit::NewCardNumber for a new card)
    money::Money amount;       // put on the card by this refund
    money::Money balance;      // the card's balance after it
    std::string order_number;  // the order refunded; may be empty
    std::string cashier;       // display name
    std::string date_time;     // in the store's zone
    // A gift card sold (its amount loaded by the sale `order_number`), not a refund: the note
    // says GIFT CARD and prints no balance (a pre-printed card may hold more than the till knows).
    bool gift_card_sold = false;
};

class DevicePort {
  public:
    virtual ~DevicePort() = default;
    // Queues the receipt; its outcome comes back as a PrintJobReport.
    virtual void PrintReceipt(ReceiptRequest receipt) = 0;
    // Queues an X reading or Z report (the shop's header is the worker's); its outcome comes
    // back as a PrintJobReport labelled as the request is.
    virtual void PrintCashUp(CashUpRequest report) = 0;
    virtual void KickDrawer() = 0;
    // Queues a failed receipt again (PrintJobReport with reprint_of).
    virtual void Reprint(std::uint64_t job_id) = 0;
    // Queues a credit note; its outcome comes back as a PrintJobReport ("Credit note …5670").
    virtual void PrintCreditNote(CreditNoteRequest note) = 0;
};

// Store credit taken off a card for the sale at the tender screen.
struct CreditRedemptionRequest {
    std::string card_number;  // 16 digits, checked by credit::ValidCardNumber
    money::Money amount;
    std::string staff_id;  // the cashier signed in
    std::string note;      // "sale"
};

// The returns desk's search at the office: by the customer's e-mail (lower case, checked), or
// by the day an order was placed in the store's time zone.
struct OrderSearchRequest {
    std::string email;
    std::optional<queries::CalendarDay> day;
    std::string time_zone;  // "Europe/London"
};

// Goods of an order this till did not make, received back at the till: the office records the
// return (ReturnReceived, its id made here) and, for a refund to the channel the order was paid
// on, that refund too; money the till pays out itself is then journalled here
// (services::RefundReturnReceivedAtOffice).
struct OfficeReturn {
    orders::Return ret;
    std::optional<orders::Refund> refund;  // Tender::kChannel only
    std::string actor;                     // the cashier's staff id
    std::string approver;                  // the approving manager's, when one approved
};

class SyncPort {
  public:
    virtual ~SyncPort() = default;
    // Something new is in the journal: push soon (a worker asleep in its backoff stays asleep).
    virtual void Nudge() = 0;
    // Pairs with the office (PairingReport), then pulls everything.
    virtual void Pair(PairTill request) = 0;
    // The returns desk: the office looks up an order by what the customer brought (a receipt's
    // or packing slip's barcode, an order number of any channel), answered by an
    // OrderLookupReport; and receives back goods of an order this till did not make
    // (OfficeReturnReport). Each answers the request's id, which its report carries; 0: the till
    // has no office link to ask.
    virtual std::uint64_t LookupOrder(std::string code) {
        (void)code;
        return 0;
    }
    virtual std::uint64_t SendReturnToOffice(OfficeReturn goods_back) {
        (void)goods_back;
        return 0;
    }
    // The tender screen's store credit: a card's balance (CreditBalanceReport), credit taken off
    // it (CreditRedemptionReport, kRedeem) and a redemption given back (kCancel). Each needs the
    // office: 0 when the till has no office link to ask.
    virtual std::uint64_t CheckCredit(std::string card_number) {
        (void)card_number;
        return 0;
    }
    virtual std::uint64_t RedeemCredit(CreditRedemptionRequest redemption) {
        (void)redemption;
        return 0;
    }
    virtual std::uint64_t CancelCreditRedemption(std::string redemption_id, std::string staff_id) {
        (void)redemption_id;
        (void)staff_id;
        return 0;
    }
    // The returns desk's search by e-mail or date, answered by an OrderSearchReport; 0 when the
    // till has no office link to ask.
    virtual std::uint64_t SearchOrders(OrderSearchRequest search) {
        (void)search;
        return 0;
    }
};

}  // namespace tillbook::pos::app
