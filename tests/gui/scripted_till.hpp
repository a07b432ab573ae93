#pragma once
// A small stand-in for the till's controllers (one layer faked, for the window's tests and its
// benchmark): it answers the intents the window sends with a view the way TillApp would, over a
// two-product catalogue, and records every intent it got.
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "tillbook/money/money.hpp"
#include "tillbook/pos/app/till_model.hpp"

namespace tillbook::testing {

struct ScriptedProduct {
    std::string name;
    std::int64_t pence = 0;
};

class ScriptedTill : public pos::app::TillModel {
  public:
    ScriptedTill() {
        m_view.status_bar = {"S01-T1",   "", true, "Online",        0,
                             "All sent", 0,  true, "Printer ready", 0};
        m_view.sale.categories = {{"Tea", ""}, {"Biscuits", ""}};
        m_view.sale.discount_limit_text = "Discounts up to 20% or £10.00";
        m_view.open_shift.amount_hint = "100.00";
        m_view.status.reprints = {{41, "Receipt S01-T1-000041", "out of paper"},
                                  {42, "Receipt S01-T1-000042", "out of paper"}};
        m_view.status.last_sync_text = "Last pushed 14:05, last pulled 14:05";
        m_view.status.catalogue_text = "2 products";
        m_view.can_reprint_last = true;
        Refresh();
    }

    void Tick(ids::UtcMillis) override {
        ++m_ticks;
        // A clock in the status bar that moves every frame, so every frame has something to paint.
        if (m_change_every_frame) m_view.status_bar.unsent_text = "tick " + std::to_string(m_ticks);
        // The sync worker sends what is unsent a few frames later.
        if (m_view.status_bar.unsent > 0 && m_ticks >= m_send_at) {
            m_view.status_bar.unsent = 0;
            m_view.status_bar.unsent_text = "All sent";
        }
    }

    [[nodiscard]] const pos::app::TillView& View() const override { return m_view; }

    void Apply(const pos::app::Intents& intents) override {
        for (const auto& intent : intents) {
            got.push_back(intent);
            std::visit([this](const auto& one) { On(one); }, intent);
        }
        Refresh();
    }

    // Lines added straight away (the benchmark's cart).
    void AddLines(int count) {
        for (int i = 0; i < count; ++i)
            AddLine(ScriptedProduct{"Line " + std::to_string(m_lines.size() + 1), 100});
        Refresh();
    }
    // Offline with sales waiting, one rejected, the printer out of paper.
    void HaveTrouble() {
        auto& bar = m_view.status_bar;
        bar.online = false;
        bar.office_text = "Offline since 14:02 (retrying in 8 s)";
        bar.unsent = 12;
        bar.unsent_text = "12 unsent, oldest 9 min";
        bar.rejected = 1;
        bar.printer_ok = false;
        bar.printer_text = "Printer: out of paper";
        bar.reprints_waiting = 2;
        m_send_at = std::numeric_limits<std::int64_t>::max();
        m_view.status.rejected = {
            {"Sale S01-T1-000017", "14:03", "The office has no staff member 7: ask a manager"}};
    }
    void StartOnPairingScreen() {
        m_view.screen = pos::app::Screen::kPairing;
        m_view.pairing.office_url = "http://127.0.0.1:8080";
        m_view.pairing.till_name = "T1";
    }
    void ChangeEveryFrame() { m_change_every_frame = true; }
    void StartOnSaleScreen() {
        m_view.screen = pos::app::Screen::kSale;
        m_view.status_bar.cashier = "Zoë Smith";
    }
    // Codes 9000000000001, 9000000000002, ... that add "Scanned 1", "Scanned 2", ...
    void AddScannableCodes(int count) {
        for (int i = 1; i <= count; ++i)
            catalogue[std::to_string(9000000000000 + i)] = {"Scanned " + std::to_string(i), 199};
    }
    // The frame (its Tick count) after which the last scan was applied, and what it added.
    [[nodiscard]] std::int64_t LastScanAppliedAt() const { return m_scanned_at; }
    [[nodiscard]] const std::string& LastScanned() const { return m_last_scanned; }

    std::vector<pos::app::Intent> got;
    std::map<std::string, ScriptedProduct> catalogue{
        {"5060123450019", {"Earl Grey loose leaf tea 125 g", 650}},
        {"5060456110017", {"Oat & honey biscuits (Zoë's)", 495}},
    };

  private:
    struct Line {
        ScriptedProduct product;
        std::int64_t quantity = 1;
    };

    static std::string Pounds(std::int64_t pence) {
        return "£" + money::FormatMoney(money::Money(pence, money::Currency{"GBP", 2}));
    }
    static std::string Plain(std::int64_t pence) {
        return money::FormatMoney(money::Money(pence, money::Currency{"GBP", 2}));
    }
    [[nodiscard]] std::int64_t Total() const {
        std::int64_t total = 0;
        for (const auto& line : m_lines)
            total += line.product.pence * line.quantity;
        return total;
    }
    [[nodiscard]] std::int64_t Paid() const {
        std::int64_t paid = 0;
        for (const auto pence : m_payments)
            paid += pence;
        return paid;
    }
    [[nodiscard]] std::int64_t ParsePence(const std::string& text) const {
        auto amount = money::ParseMoney(text, money::Currency{"GBP", 2});
        return amount ? amount->Minor() : -1;
    }
    void AddLine(ScriptedProduct product) {
        m_lines.push_back(Line{std::move(product), 1});
        m_selected = static_cast<int>(m_lines.size());
    }

    void On(const pos::app::PairTill&) {
        m_view.pairing.busy = true;
        m_view.pairing.message.clear();
    }
    void On(const pos::app::SubmitPin& pin) {
        if (pin.pin == "1111") {
            m_view.screen = pos::app::Screen::kOpenShift;
            m_view.status_bar.cashier = "Zoë Smith";
            m_view.open_shift.cashier = "Zoë Smith";
            m_view.sign_in.message.clear();
        } else {
            m_view.sign_in.message = "Wrong PIN";
        }
    }
    void On(const pos::app::OpenShift& shift) {
        if (ParsePence(shift.amount_text) < 0) {
            m_view.open_shift.message = "Type the float in pounds, like 100.00";
            return;
        }
        m_view.screen = pos::app::Screen::kSale;
    }
    void On(const pos::app::ScanCode& scan) {
        const auto found = catalogue.find(scan.code);
        if (found == catalogue.end()) {
            m_view.sale.message = "No product with barcode " + scan.code;
            return;
        }
        AddLine(found->second);
        m_scanned_at = m_ticks;
        m_last_scanned = found->second.name;
    }
    void On(const pos::app::SelectLine& select) { m_selected = select.line_no; }
    void On(const pos::app::SearchChanged& search) {
        m_view.sale.hits.clear();
        if (search.text.empty()) return;
        for (const auto& [code, product] : catalogue) {
            if (product.name.find(search.text) != std::string::npos)
                m_view.sale.hits.push_back({code, product.name, Pounds(product.pence), code});
        }
    }
    void On(const pos::app::ChooseCategory& choose) {
        m_view.sale.category = choose.category;
        m_view.sale.quick_keys.clear();
        if (choose.category == "Biscuits")
            m_view.sale.quick_keys = {{"Oat & honey", "5060456110017"}};
    }
    void On(const pos::app::AddSku& add) {
        const auto found = catalogue.find(add.sku);
        if (found != catalogue.end()) AddLine(found->second);
    }
    void On(const pos::app::SetQuantity& set) {
        if (set.line_no >= 1 && set.line_no <= static_cast<int>(m_lines.size()))
            m_lines[static_cast<std::size_t>(set.line_no - 1)].quantity =
                std::stoll(set.quantity_text);
    }
    void On(const pos::app::ChangeQuantity& change) {
        if (change.line_no >= 1 && change.line_no <= static_cast<int>(m_lines.size()))
            m_lines[static_cast<std::size_t>(change.line_no - 1)].quantity += change.delta_units;
    }
    void On(const pos::app::StartTender&) {
        m_view.screen = pos::app::Screen::kTender;
        m_view.tender = {};
    }
    void On(const pos::app::ChooseTender& choose) {
        m_view.tender.entering = choose.tender;
        m_view.tender.amount_prefill = Plain(Total() - Paid());
        ++m_view.tender.entry_generation;
        m_view.tender.quick_amounts.clear();
        if (choose.tender == pos::app::TenderKind::kCash)
            m_view.tender.quick_amounts = {Plain(Total() - Paid()), "15.00", "20.00", "50.00"};
    }
    void On(const pos::app::AddPayment& payment) {
        const auto pence = ParsePence(payment.amount_text);
        if (pence <= 0) {
            m_view.tender.message = "Type an amount like 20.00";
            return;
        }
        m_payments.push_back(pence);
        m_view.tender.entering.reset();
    }
    void On(const pos::app::CompleteSale& complete) {
        if (m_view.tender.entering) On(pos::app::AddPayment{complete.amount_text, {}});
        if (Paid() < Total()) {
            m_view.tender.message = Pounds(Total() - Paid()) + " still due";
            return;
        }
        m_view.tender.completed = true;
        m_view.tender.entering.reset();
        if (Paid() > Total()) m_view.tender.change_text = "Change " + Pounds(Paid() - Total());
        m_view.tender.receipt_text = complete.print_receipt ? "Receipt printed" : "No receipt";
        m_view.status_bar.unsent = 1;
        m_view.status_bar.unsent_text = "1 unsent, oldest 0 min";
        m_send_at = m_ticks + 5;
    }
    void On(const pos::app::BackToSale&) { m_view.screen = pos::app::Screen::kSale; }
    void On(const pos::app::NewSale&) {
        m_lines.clear();
        m_payments.clear();
        m_view.tender = {};
        m_view.screen = pos::app::Screen::kSale;
    }
    void On(const pos::app::ShowStatus&) {
        m_before_status = m_view.screen;
        m_view.screen = pos::app::Screen::kStatus;
    }
    void On(const pos::app::CloseStatus&) { m_view.screen = m_before_status; }
    void On(const pos::app::LockTill&) {
        m_view.screen = pos::app::Screen::kSignIn;
        m_view.status_bar.cashier.clear();
    }
    template <class Other>
    void On(const Other&) {}

    void Refresh() {
        auto& sale = m_view.sale;
        sale.lines.clear();
        int line_no = 0;
        for (const auto& line : m_lines) {
            ++line_no;
            sale.lines.push_back(pos::app::CartLineView{
                line_no, line.product.name, std::to_string(line.quantity),
                Pounds(line.product.pence), "", Pounds(line.product.pence * line.quantity),
                line_no == m_selected, ""});
        }
        sale.selected_line = m_lines.empty() ? std::nullopt : std::optional<int>(m_selected);
        sale.items_text = std::to_string(m_lines.size()) + " items";
        sale.subtotal_text = Pounds(Total());
        sale.vat_text = "VAT " + Pounds(Total() / 6);
        sale.total_text = Pounds(Total());
        sale.can_pay = !m_lines.empty();
        auto& tender = m_view.tender;
        tender.due_text = Pounds(Total());
        tender.paid_text = Pounds(Paid());
        tender.remaining_text = Pounds(std::max<std::int64_t>(0, Total() - Paid()));
        tender.payments.clear();
        for (const auto pence : m_payments)
            tender.payments.push_back({"Cash", Pounds(pence)});
        tender.can_complete = Paid() >= Total() && !m_lines.empty();
    }

    pos::app::TillView m_view;
    std::vector<Line> m_lines;
    std::vector<std::int64_t> m_payments;
    int m_selected = 0;
    std::int64_t m_ticks = 0;
    std::int64_t m_send_at = 0;
    std::int64_t m_scanned_at = -1;
    std::string m_last_scanned;
    bool m_change_every_frame = false;
    pos::app::Screen m_before_status = pos::app::Screen::kSignIn;
};

// The intents of one kind the stand-in got, in order.
template <class T>
std::vector<T> IntentsOf(const ScriptedTill& till) {
    std::vector<T> found;
    for (const auto& intent : till.got) {
        if (const auto* one = std::get_if<T>(&intent)) found.push_back(*one);
    }
    return found;
}

}  // namespace tillbook::testing
