#include "tillbook/pos/office/office_desk.hpp"

#include <fmt/format.h>

#include <memory>

#include "tillbook/pos/office/office_credit.hpp"
#include "tillbook/pos/office/office_desk_api.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/pos/till_schema.hpp"

namespace tillbook::pos::office {

namespace {

// The office could not be asked: no link, no answer, or busy. The cashier's words.
std::string Unreached(const std::string& why) {
    return "The office cannot be reached (" + why + ")";
}

bool Reached(const OfficeFailure& failure) {
    return failure.kind == FailureKind::kRefused;
}

// The office's reason when it answered, else why it could not be reached.
std::string Why(const OfficeFailure& failure) {
    return Reached(failure) ? failure.error.message : Unreached(failure.error.message);
}

// A redemption made or given back (`call` asks the office), reported as `action`.
template <class Office, class Call>
void PostCreditAnswer(app::ReportQueue& reports, std::uint64_t id, app::CreditAction action,
                      const Office& office, Call call) {
    app::CreditRedemptionReport report;
    report.request = id;
    report.action = action;
    report.message = Unreached(office.problem);
    if (office.client != nullptr) {
        auto done = call();
        report.reached = done || Reached(done.error());
        report.accepted = done.has_value();
        if (done) {
            report.message.clear();
            report.redemption_id = done->redemption_id;
            report.card_number = done->card_number;
            report.amount_minor = done->amount_minor;
            report.balance_minor = done->balance_minor;
        } else {
            report.message = Why(done.error());
        }
    }
    reports.Post(std::move(report));
}

}  // namespace

OfficeDesk::OfficeDesk(std::string db_path, ClientTimeouts timeouts, app::ReportQueue& reports)
    : m_db_path(std::move(db_path)), m_timeouts(timeouts), m_reports(reports) {}

OfficeDesk::~OfficeDesk() {
    Stop();
}

std::uint64_t OfficeDesk::LookupOrder(std::string code) {
    return Queue(Lookup{0, std::move(code)});
}

std::uint64_t OfficeDesk::SendReturn(app::OfficeReturn goods_back) {
    return Queue(GoodsBack{0, std::move(goods_back)});
}

std::uint64_t OfficeDesk::CheckCredit(std::string card_number) {
    return Queue(CreditCheck{0, std::move(card_number)});
}

std::uint64_t OfficeDesk::RedeemCredit(app::CreditRedemptionRequest redemption) {
    return Queue(CreditRedeem{0, std::move(redemption)});
}

std::uint64_t OfficeDesk::CancelRedemption(std::string redemption_id, std::string staff_id) {
    return Queue(CreditCancel{0, std::move(redemption_id), std::move(staff_id)});
}

std::uint64_t OfficeDesk::SearchOrders(app::OrderSearchRequest search) {
    return Queue(Search{0, std::move(search)});
}

std::uint64_t OfficeDesk::Queue(Request request) {
    std::uint64_t id = 0;
    {
        std::lock_guard lock(m_mutex);
        id = ++m_last_id;
        std::visit([&](auto& r) { r.id = id; }, request);
        m_queue.push_back(std::move(request));
        if (!m_thread.joinable()) {
            m_stop = false;
            m_thread = std::thread([this] { Run(); });
        }
    }
    m_wake.notify_all();
    return id;
}

void OfficeDesk::Stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        if (m_client != nullptr) m_client->Interrupt();
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void OfficeDesk::Run() {
    std::unique_ptr<OfficeClient> client;
    while (true) {
        Request request;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || !m_queue.empty(); });
            if (m_stop) return;
            request = std::move(m_queue.front());
            m_queue.pop_front();
        }
        // The link is read afresh each time: the till may have been paired again meanwhile.
        std::string problem;
        std::optional<OfficeLink> link;
        if (auto db = OpenTillDatabase(m_db_path); !db) {
            problem = "the till's database: " + db.error().message;
        } else if (auto loaded = LoadOfficeLink(*db); !loaded) {
            problem = "the till's database: " + loaded.error().message;
        } else if (!*loaded) {
            problem = "this till is not paired";
        } else {
            link = std::move(**loaded);
        }
        if (link && (!client || client->Url() != link->url)) {
            auto made = OfficeClient::Connect(link->url, link->trust, m_timeouts);
            if (made) {
                client = std::make_unique<OfficeClient>(std::move(*made));
            } else {
                problem = made.error().message;
                client.reset();
            }
        }
        {
            std::lock_guard lock(m_mutex);
            m_client = problem.empty() ? client.get() : nullptr;
        }
        const Office office{problem.empty() ? client.get() : nullptr,
                            link ? link->token : std::string(), problem};
        std::visit([&](const auto& r) { Answer(r, office); }, request);
        std::lock_guard lock(m_mutex);
        m_client = nullptr;
    }
}

void OfficeDesk::Answer(const Lookup& lookup, const Office& office) {
    app::OrderLookupReport report{lookup.id, false, std::nullopt, Unreached(office.problem)};
    if (office.client != nullptr) {
        auto found = LookupOrderAtOffice(*office.client, office.token, lookup.code);
        report.reached = found || Reached(found.error());
        if (found) {
            report.order = std::move(*found);
            report.message.clear();
        } else {
            report.message = Why(found.error());
        }
    }
    m_reports.Post(std::move(report));
}

void OfficeDesk::Answer(const GoodsBack& back, const Office& office) {
    app::OfficeReturnReport report{back.id, false, false, Unreached(office.problem), 0, 0};
    if (office.client != nullptr) {
        const app::OfficeReturn& g = back.goods_back;
        auto received = ReceiveReturnAtOffice(
            *office.client, office.token, ReturnForOffice{g.ret, g.actor, g.approver, g.refund});
        report.reached = received || Reached(received.error());
        report.accepted = received.has_value();
        if (received) {
            report.message.clear();
            report.value_minor = received->value_minor;
            report.refunded_minor = received->refunded_minor;
        } else {
            report.message = Why(received.error());
        }
    }
    m_reports.Post(std::move(report));
}

void OfficeDesk::Answer(const CreditCheck& check, const Office& office) {
    app::CreditBalanceReport report;
    report.request = check.id;
    report.message = Unreached(office.problem);
    if (office.client != nullptr) {
        auto balance = office::CheckCredit(*office.client, office.token, check.card_number);
        report.reached = balance || Reached(balance.error());
        report.found = balance.has_value();
        if (balance) {
            report.message.clear();
            report.card_number = balance->card_number;
            report.currency = balance->currency;
            report.balance_minor = balance->balance_minor;
        } else {
            report.message = Why(balance.error());
        }
    }
    m_reports.Post(std::move(report));
}

void OfficeDesk::Answer(const CreditRedeem& redeem, const Office& office) {
    const app::CreditRedemptionRequest& r = redeem.redemption;
    PostCreditAnswer(m_reports, redeem.id, app::CreditAction::kRedeem, office, [&] {
        return office::RedeemCredit(*office.client, office.token, r.card_number, r.amount,
                                    r.staff_id, r.note);
    });
}

void OfficeDesk::Answer(const CreditCancel& cancel, const Office& office) {
    PostCreditAnswer(m_reports, cancel.id, app::CreditAction::kCancel, office, [&] {
        return office::CancelRedemption(*office.client, office.token, cancel.redemption_id,
                                        cancel.staff_id);
    });
}

void OfficeDesk::Answer(const Search& search, const Office& office) {
    app::OrderSearchReport report;
    report.request = search.id;
    report.message = Unreached(office.problem);
    if (office.client != nullptr) {
        auto found = SearchOrdersAtOffice(*office.client, office.token, search.search);
        report.reached = found || Reached(found.error());
        report.answered = found.has_value();
        if (found) {
            report.orders = std::move(*found);
            report.message.clear();
        } else {
            report.message = Why(found.error());
        }
    }
    m_reports.Post(std::move(report));
}

}  // namespace tillbook::pos::office
