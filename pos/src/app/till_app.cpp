#include "tillbook/pos/app/till_app.hpp"

#include "approval_controller.hpp"
#include "cash_controller.hpp"
#include "cash_up_controller.hpp"
#include "catalogue_loader.hpp"
#include "park_controller.hpp"
#include "receipt_controller.hpp"
#include "returns_controller.hpp"
#include "sale_controller.hpp"
#include "shift_controller.hpp"
#include "sign_in_controller.hpp"
#include "status_controller.hpp"
#include "tender_controller.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::pos::app {

struct TillApp::Parts {
    Parts(store::Database& db, const ids::Clock& clock, ids::IdSource& ids, DevicePort& devices,
          SyncPort& sync)
        : context{db, clock, ids,   devices, sync, std::nullopt, {}, {"GBP", 2},
                  {}, {},    "UTC", {},      {}},
          sign_in(context),
          shift(context),
          sale(context, approval),
          park(context, sale),
          receipts(context),
          tender(context, sale, receipts),
          status(context),
          approval(context),
          returns(context, sale, approval, receipts),
          cash(context, approval),
          cash_up(context, approval, cash) {}

    // The shop's currency, tax classes, discount limits and the store's zone: small, read at once.
    Status LoadSettings();
    // The SKU index: read on its own thread and connection, so the PIN pad shows at once and a
    // pull never stalls a frame (a database in memory has no second connection: read at once).
    Status LoadCatalogue();
    void ReloadReferenceData();
    void TakeCatalogue();
    // The till is paired: its journal, its reference data, then the PIN pad.
    Status OpenJournal();
    void SignedIn(const SignedIn& who);
    void Go(Screen screen) { context.view.screen = screen; }
    [[nodiscard]] Screen On() const { return context.view.screen; }
    void Scan(const std::string& code);
    // The status bar's "Returns" and "Drawer": on the sale screen (so signed in with a shift open),
    // the cart empty.
    void ShowCounterButtons() {
        const bool selling = On() == Screen::kSale && context.cashier.has_value();
        context.view.status_bar.can_open_returns = selling && context.view.sale.lines.empty();
        context.view.status_bar.can_open_cash = selling && context.view.sale.lines.empty();
    }

    void Handle(const PairTill& intent);
    void Handle(const SubmitPin& intent) {
        if (On() == Screen::kSignIn) sign_in.Submit(intent.pin);
    }
    void Handle(const LockTill& intent);
    void Handle(const OpenShift& intent);
    void Handle(const ScanCode& intent) { Scan(intent.code); }
    void Handle(const SearchChanged& intent) { sale.Search(intent.text); }
    void Handle(const AddSku& intent);
    void Handle(const ChooseCategory& intent) { sale.ChooseCategory(intent.category); }
    void Handle(const SelectLine& intent) {
        OnCart([&] { sale.Select(intent.line_no); });
    }
    void Handle(const ChangeQuantity& intent) {
        const auto change = [this, intent] {
            sale.ChangeQuantity(intent.line_no, intent.delta_units);
        };
        if (intent.delta_units < 0) {
            ChangeAfterPayment("Take one off a line", change);
        } else {
            OnCart(change);
        }
    }
    void Handle(const SetQuantity& intent) {
        ChangeAfterPayment("Change a line's quantity", [this, intent] {
            sale.SetQuantity(intent.line_no, intent.quantity_text);
        });
    }
    void Handle(const RemoveLine& intent) {
        ChangeAfterPayment("Void a line", [this, intent] { sale.Remove(intent.line_no); });
    }
    // On the sale screen with payments already taken (the cashier went back from the tender), a
    // line voided or made smaller needs a manager's approval; otherwise (and in an exchange's
    // cart) it is the cashier's.
    void ChangeAfterPayment(const std::string& what, const std::function<void()>& change) {
        if (On() != Screen::kSale || !tender.HasPayments()) {
            OnCart(change);
            return;
        }
        approval.Ask(what + " after payment started",
                     "Payments are taken: voiding goods now needs a manager",
                     [this, change](const Approver& approver) {
                         change();
                         sale.VoidApproved(approver.staff_id);
                     });
    }
    void Handle(const DiscountLine& intent) {
        OnSale([&] { sale.DiscountLine(intent.line_no, intent.discount_text); });
    }
    void Handle(const DiscountOrder& intent) {
        OnSale([&] { sale.DiscountOrder(intent.discount_text); });
    }
    void Handle(const OverridePrice& intent) {
        OnSale([&] { sale.OverridePrice(intent.line_no, intent.price_text); });
    }
    void Handle(const ClearSale&) {
        if (On() == Screen::kSale && tender.HasPayments()) {
            context.view.sale.message = "Payments are taken: remove them on the Pay screen first";
            return;
        }
        OnSale([&] { sale.Clear(); });
    }
    void Handle(const StartTender&) {
        if (On() != Screen::kSale) return;
        sale.BeforePay([this] {
            if (tender.Start()) Go(Screen::kTender);
        });
    }
    void Handle(const ChooseTender& intent) {
        OnTender([&] { tender.Choose(intent.tender); });
    }
    void Handle(const AddPayment& intent) {
        OnTender([&] { tender.AddPayment(intent.amount_text, intent.card_reference); });
    }
    void Handle(const RemovePayment& intent) {
        OnTender([&] { tender.RemovePayment(intent.index); });
    }
    void Handle(const CheckStoreCredit& intent) {
        OnTender([&] { tender.CheckCredit(intent.card_text); });
    }
    void Handle(const CompleteSale& intent) {
        OnTender([&] {
            if (tender.Complete(intent)) status.ReadBacklog();
        });
    }
    void Handle(const ParkSale&);
    void Handle(const RecallSale& intent) {
        OnSale([&] { park.Recall(intent.id); });
    }
    void Handle(const OpenGiftCard&) {
        OnSale([&] { sale.OpenGiftCard(); });
    }
    void Handle(const AddGiftCard& intent) {
        OnSale([&] { sale.AddGiftCard(intent.card_text, intent.amount_text); });
    }
    void Handle(const CancelGiftCard&) {
        OnSale([&] { sale.CancelGiftCard(); });
    }
    void Handle(const BackToSale&);
    void Handle(const NewSale&);
    void Handle(const ShowStatus&);
    void Handle(const CloseStatus&) {
        if (On() == Screen::kStatus) Go(m_status_return);
    }
    // Printing needs someone signed in: a locked till does nothing.
    void Handle(const ReprintLast&) {
        if (context.cashier) receipts.ReprintLast();
    }
    void Handle(const Reprint& intent) {
        if (context.cashier) receipts.Reprint(intent.job_id);
    }

    void Handle(const SubmitApprovalPin& intent) { approval.Submit(intent.pin); }
    void Handle(const CancelApproval&) { approval.Cancel(); }
    void Handle(const OpenCash&);
    void Handle(const LeaveCash&) {
        if (On() == Screen::kCash && !cash_up.Closed()) Go(Screen::kSale);
    }
    void Handle(const MoveCash& intent) {
        OnCashPage(CashPage::kDrawer, [&] { cash.Move(intent); });
    }
    void Handle(const PrintXReport&) {
        OnCashPage(CashPage::kDrawer, [&] { cash.PrintX(); });
    }
    void Handle(const NoSale&) {
        OnCashPage(CashPage::kDrawer, [&] { cash.NoSale(); });
    }
    void Handle(const StartCashUp&) {
        OnCashPage(CashPage::kDrawer, [&] { cash_up.Start(); });
    }
    void Handle(const CountDenomination& intent);
    void Handle(const FinishCount&) {
        OnCashPage(CashPage::kCount, [&] { cash_up.Finish(); });
    }
    void Handle(const FinishCashUp&);
    void Handle(const OpenReturns&);
    void Handle(const CloseReturns&);
    void Handle(const FindOrder& intent) {
        OnReturns([&] { returns.Find(intent.code); });
    }
    void Handle(const BackToFind&) {
        OnReturns([&] { returns.BackToFind(); });
    }
    void Handle(const SelectReturnLine& intent) {
        OnReturns([&] { returns.Select(intent.line_no); });
    }
    void Handle(const ChangeReturnQuantity& intent) {
        OnReturns([&] { returns.ChangeQuantity(intent.line_no, intent.delta_units); });
    }
    void Handle(const ChooseReturnReason& intent) {
        OnReturns([&] { returns.ChooseReason(intent.line_no, intent.reason); });
    }
    void Handle(const ChooseReturnCondition& intent) {
        OnReturns([&] { returns.ChooseCondition(intent.line_no, intent.condition); });
    }
    void Handle(const ChooseRefundTender& intent) {
        OnReturns([&] { returns.ChooseTender(intent.tender); });
    }
    void Handle(const ConfirmRefund&) {
        OnReturns([&] { returns.ConfirmRefund(); });
    }
    void Handle(const StartExchange&) {
        OnReturns([&] { returns.StartExchange(); });
    }
    void Handle(const ConfirmExchange&) {
        OnReturns([&] { returns.ConfirmExchange(); });
    }
    void Handle(const StartNoReceipt&) {
        OnReturns([&] { returns.StartNoReceipt(); });
    }
    void Handle(const SelectNoReceiptLine& intent) {
        OnReturns([&] { returns.SelectNoReceipt(intent.index); });
    }
    void Handle(const SetNoReceiptValue& intent) {
        OnReturns([&] { returns.SetNoReceiptValue(intent.index, intent.value_text); });
    }
    void Handle(const ChangeNoReceiptQuantity& intent) {
        OnReturns([&] { returns.ChangeNoReceiptQuantity(intent.index, intent.delta_units); });
    }
    void Handle(const ConfirmNoReceipt&) {
        OnReturns([&] { returns.ConfirmNoReceipt(); });
    }
    void Handle(const NextReturn&) {
        OnReturns([&] { returns.Next(); });
    }
    void Handle(const ChooseOrderMatch& intent) {
        OnReturns([&] { returns.ChooseMatch(intent.order_id); });
    }

    void Take(const SyncReport& report);
    void Take(const PairingReport& report);
    void Take(const OrderLookupReport& report) { returns.OnLookup(report); }
    void Take(const OfficeReturnReport& report) { returns.OnOfficeReturn(report); }
    void Take(const OrderSearchReport& report) { returns.OnSearch(report); }
    void Take(const CreditBalanceReport& report) { tender.OnCreditBalance(report); }
    void Take(const CreditRedemptionReport& report) { tender.OnCreditRedemption(report); }
    void Take(const Scanned& report) { Scan(report.code); }
    void Take(const PrinterReport& report) { status.OnPrinter(report); }
    void Take(const PrintJobReport& report) {
        receipts.OnJob(report);
        cash.OnJob(report);
        tender.Refresh();
        OnReturns([&] { returns.Refresh(); });
    }

    template <class Action>
    void OnSale(Action action) {
        if (On() == Screen::kSale) action();
    }
    // The sale's cart: on the sale screen, and for an exchange's new goods at the returns desk.
    template <class Action>
    void OnCart(Action action) {
        if (On() == Screen::kSale) action();
        if (On() == Screen::kReturns && returns.Exchanging()) {
            action();
            returns.Refresh();
        }
    }
    template <class Action>
    void OnReturns(Action action) {
        if (On() == Screen::kReturns) action();
    }
    template <class Action>
    void OnCashPage(CashPage page, Action action) {
        if (On() == Screen::kCash && context.view.cash.page == page) action();
    }
    template <class Action>
    void OnTender(Action action) {
        if (On() == Screen::kTender) action();
    }

    TillContext context;
    SignInController sign_in;
    ShiftController shift;
    SaleController sale;
    ParkController park;
    ReceiptController receipts;
    TenderController tender;
    StatusController status;
    ApprovalController approval;
    ReturnsController returns;
    CashController cash;
    CashUpController cash_up;
    CatalogueLoader catalogue_loader;
    Screen m_resume = Screen::kSale;  // where a sign-in goes back to
    Screen m_status_return = Screen::kSale;
};

Status TillApp::Parts::LoadSettings() {
    auto currency = store::ShopCurrency(context.db);
    if (!currency) return std::unexpected(currency.error());
    context.currency = *currency;
    auto tax_classes = store::ListTaxClasses(context.db);
    if (!tax_classes) return std::unexpected(tax_classes.error());
    context.tax_classes = std::move(*tax_classes);
    context.discount_limits = DiscountLimits::Load(context.db, context.currency);
    if (context.journal) {
        auto location =
            store::FindLocationByCode(context.db, context.journal->Identity().store_code);
        if (location && *location) context.time_zone = (*location)->time_zone;
    }
    sale.Refresh();
    return {};
}

Status TillApp::Parts::LoadCatalogue() {
    const std::string& path = context.db.Path();
    if (!path.empty() && path != ":memory:" && !path.starts_with("file::memory:")) {
        catalogue_loader.Start(path);
        return {};
    }
    auto catalogue = SkuIndex::Load(context.db);
    if (!catalogue) return std::unexpected(catalogue.error());
    context.catalogue = std::move(*catalogue);
    sale.CatalogueChanged();
    return {};
}

void TillApp::Parts::ReloadReferenceData() {
    auto ok = LoadSettings();
    if (ok) ok = LoadCatalogue();
    if (!ok)
        context.view.sale.message = "The new catalogue could not be read: " + ok.error().message;
}

void TillApp::Parts::TakeCatalogue() {
    auto loaded = catalogue_loader.Poll();
    if (!loaded) return;
    if (!*loaded) {
        context.view.sale.message =
            "The new catalogue could not be read: " + loaded->error().message;
        return;
    }
    context.catalogue = std::move(**loaded);
    sale.CatalogueChanged();
    if (context.view.screen == Screen::kStatus) status.LoadStatusScreen();
}

Status TillApp::Parts::OpenJournal() {
    auto journal = TillJournal::Open(context.db, context.clock, context.ids);
    if (!journal) return std::unexpected(journal.error());
    context.journal.emplace(std::move(*journal));
    const TillIdentity& identity = context.journal->Identity();
    context.view.status_bar.till_name = identity.store_code + "-" + identity.terminal;
    if (auto ok = LoadSettings(); !ok) return ok;
    if (auto ok = LoadCatalogue(); !ok) return ok;
    park.Refresh();
    status.ReadBacklog();
    Go(Screen::kSignIn);
    return {};
}

void TillApp::Parts::SignedIn(const app::SignedIn& who) {
    context.cashier = who;
    context.view.status_bar.cashier = who.display_name;
    sale.Refresh();  // the discount limits are the signed-in person's
    if (!shift.HasOpenShift()) {
        shift.Prompt();
        Go(Screen::kOpenShift);
        return;
    }
    Go(m_resume);
}

void TillApp::Parts::Scan(const std::string& code) {
    if (approval.Open()) return;
    if (On() == Screen::kTender && tender.TakesCardNumber()) {
        tender.CheckCredit(code);  // a credit note's barcode
        return;
    }
    if (On() == Screen::kTender && tender.Completed()) Handle(NewSale{});
    if (On() == Screen::kSale) sale.Scan(code);
    if (On() == Screen::kReturns) returns.Scan(code);
}

void TillApp::Parts::Handle(const PairTill& intent) {
    if (On() != Screen::kPairing || context.view.pairing.busy) return;
    context.view.pairing.busy = true;
    context.view.pairing.message.clear();
    context.view.pairing.office_url = intent.office_url;
    context.view.pairing.till_name = intent.till_name;
    context.sync.Pair(intent);
}

void TillApp::Parts::Handle(const LockTill&) {
    if (On() == Screen::kPairing || On() == Screen::kSignIn) return;
    if (On() == Screen::kSale || On() == Screen::kTender || On() == Screen::kReturns)
        m_resume = On();
    if (On() == Screen::kStatus) m_resume = m_status_return;
    if (On() == Screen::kOpenShift) m_resume = Screen::kSale;
    if (m_resume == Screen::kCash) m_resume = Screen::kSale;  // the drawer is opened afresh
    approval.Cancel();
    sign_in.Lock();
    context.view.status_bar.cashier.clear();
    Go(Screen::kSignIn);
}

void TillApp::Parts::Handle(const OpenShift& intent) {
    if (On() == Screen::kOpenShift && shift.Open(intent.amount_text)) {
        status.ReadBacklog();
        Go(m_resume);
    }
}

// The drawer's screen from the sale screen with an empty cart (the status bar's "Drawer"), or
// back to its first page from the count.
void TillApp::Parts::Handle(const OpenCash&) {
    const bool from_sale = On() == Screen::kSale && context.view.sale.lines.empty();
    const bool from_count = On() == Screen::kCash && !cash_up.Closed();
    if ((from_sale || from_count) && cash.Open()) Go(Screen::kCash);
}

void TillApp::Parts::Handle(const CountDenomination& intent) {
    if (On() == Screen::kOpenShift) shift.Count(intent.row, intent.count_text);
    OnCashPage(CashPage::kCount, [&] { cash_up.Count(intent.row, intent.count_text); });
}

// After the Z report: the till locks, and whoever signs in next opens a new shift.
void TillApp::Parts::Handle(const FinishCashUp&) {
    if (On() != Screen::kCash || !cash_up.Closed()) return;
    cash_up.Reset();
    m_resume = Screen::kSale;
    Handle(LockTill{});
}

void TillApp::Parts::Handle(const AddSku& intent) {
    if (On() == Screen::kTender && tender.Completed()) Handle(NewSale{});
    OnSale([&] { sale.AddSku(intent.sku); });
    OnReturns([&] { returns.AddSku(intent.sku); });
}

// From the sale screen with the cart empty (the status bar's "Returns").
void TillApp::Parts::Handle(const OpenReturns&) {
    if (!context.view.status_bar.can_open_returns) return;
    returns.Open();
    Go(Screen::kReturns);
}

void TillApp::Parts::Handle(const CloseReturns&) {
    if (On() != Screen::kReturns || !returns.CanClose()) return;
    returns.Close();
    Go(Screen::kSale);
}

// From the tender screen only while no payment is taken: a payment is money, a parked sale is not.
void TillApp::Parts::Handle(const ParkSale&) {
    if (On() == Screen::kTender && !tender.Completed()) {
        if (!context.view.tender.payments.empty()) {
            context.view.tender.message = "Payments taken: complete the sale or remove them first";
            return;
        }
        tender.Reset();
        Go(Screen::kSale);
    }
    OnSale([&] { park.Park(); });
}

// Payments taken stay with the sale (money is never dropped on the way back): the sale screen says
// so, and "Pay" brings them back.
void TillApp::Parts::Handle(const BackToSale&) {
    if (On() != Screen::kTender || tender.Completed()) return;
    if (tender.HasPayments()) {
        context.view.sale.message =
            context.view.tender.paid_text + " already paid: Pay to finish the sale";
    } else {
        tender.Reset();
    }
    Go(Screen::kSale);
}

void TillApp::Parts::Handle(const NewSale&) {
    if (On() != Screen::kTender || !tender.Completed()) return;
    sale.Clear();
    tender.Reset();
    m_resume = Screen::kSale;
    Go(Screen::kSale);
}

void TillApp::Parts::Handle(const ShowStatus&) {
    if (On() == Screen::kStatus) return;
    m_status_return = On();
    status.LoadStatusScreen();
    Go(Screen::kStatus);
}

void TillApp::Parts::Take(const SyncReport& report) {
    status.OnSync(report);
    returns.OnSync(report.online);  // what the desk can find depends on the office
    // A pull brought SKUs, staff, settings or tax classes: the catalogue in memory again.
    if (report.reference_data_changed && context.journal) ReloadReferenceData();
}

void TillApp::Parts::Take(const PairingReport& report) {
    context.view.pairing.busy = false;
    if (!report.paired) {
        context.view.pairing.message = report.message.empty() ? "Pairing failed" : report.message;
        return;
    }
    if (auto ok = OpenJournal(); !ok)
        context.view.pairing.message = "Paired, but the till could not open: " + ok.error().message;
}

TillApp::TillApp(ReportQueue& reports, std::unique_ptr<Parts> parts)
    : m_reports(reports), m_parts(std::move(parts)) {}

TillApp::~TillApp() = default;

Result<std::unique_ptr<TillApp>> TillApp::Open(store::Database& db, const ids::Clock& clock,
                                               ids::IdSource& ids, ReportQueue& reports,
                                               DevicePort& devices, SyncPort& sync,
                                               TillAppOptions options) {
    auto parts = std::make_unique<Parts>(db, clock, ids, devices, sync);
    parts->context.view.pairing.office_url = options.office_url;
    parts->context.view.pairing.till_name = options.till_name;
    auto identity = TillJournal::Open(db, clock, ids);
    if (identity) {
        if (auto ok = parts->OpenJournal(); !ok) return std::unexpected(ok.error());
    } else if (identity.error().code == ErrorCode::kNotFound) {
        parts->Go(Screen::kPairing);  // no till identity yet: pair first
    } else {
        return std::unexpected(identity.error());
    }
    std::unique_ptr<TillApp> app(new TillApp(reports, std::move(parts)));
    app->Tick(clock.Now());
    return app;
}

void TillApp::Tick(ids::UtcMillis now) {
    for (const WorkerReport& report : m_reports.Drain())
        std::visit([&](const auto& r) { m_parts->Take(r); }, report);
    m_parts->TakeCatalogue();
    if (auto who = m_parts->sign_in.Tick(now)) m_parts->SignedIn(*who);
    m_parts->approval.Tick();
    m_parts->status.Tick(now);
    m_parts->ShowCounterButtons();
}

const TillView& TillApp::View() const {
    return m_parts->context.view;
}

void TillApp::Apply(const Intents& intents) {
    for (const Intent& intent : intents) {
        // While a manager's approval is asked for, only the prompt and the lock act.
        std::visit(
            [&]<class One>(const One& i) {
                if (m_parts->approval.Open() && !kIsAlternativeOf<One, ApprovalIntent> &&
                    !std::is_same_v<One, LockTill>)
                    return;
                m_parts->Handle(i);
            },
            intent);
    }
    m_parts->ShowCounterButtons();
}

bool TillApp::CheckingPin() const {
    return m_parts->sign_in.Checking();
}

bool TillApp::LoadingCatalogue() const {
    return m_parts->catalogue_loader.Busy();
}

}  // namespace tillbook::pos::app
