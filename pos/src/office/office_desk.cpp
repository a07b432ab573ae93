#include "tillbook/pos/office/office_desk.hpp"

#include <fmt/format.h>

#include <memory>

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
        if (const auto* lookup = std::get_if<Lookup>(&request)) {
            app::OrderLookupReport report{lookup->id, false, std::nullopt, Unreached(problem)};
            if (problem.empty()) {
                auto found = LookupOrderAtOffice(*client, link->token, lookup->code);
                report.reached = found || Reached(found.error());
                if (found) {
                    report.order = std::move(*found);
                    report.message.clear();
                } else {
                    report.message = report.reached ? found.error().error.message
                                                    : Unreached(found.error().error.message);
                }
            }
            m_reports.Post(std::move(report));
        } else {
            const auto& back = std::get<GoodsBack>(request);
            app::OfficeReturnReport report{back.id, false, false, Unreached(problem), 0, 0};
            if (problem.empty()) {
                const app::OfficeReturn& g = back.goods_back;
                auto received = ReceiveReturnAtOffice(
                    *client, link->token, ReturnForOffice{g.ret, g.actor, g.approver, g.refund});
                report.reached = received || Reached(received.error());
                report.accepted = received.has_value();
                if (received) {
                    report.message.clear();
                    report.value_minor = received->value_minor;
                    report.refunded_minor = received->refunded_minor;
                } else {
                    report.message = report.reached ? received.error().error.message
                                                    : Unreached(received.error().error.message);
                }
            }
            m_reports.Post(std::move(report));
        }
        std::lock_guard lock(m_mutex);
        m_client = nullptr;
    }
}

}  // namespace tillbook::pos::office
