#include "tillbook/office/channels/outbox_delivery.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <iostream>
#include <vector>

#include "tillbook/office/channels/channel_stock.hpp"
#include "tillbook/store/catalogue_store.hpp"

namespace tillbook::office::channels {

namespace {
struct Due {
    std::int64_t id = 0;
    std::string channel;
    std::string topic;
    std::string body;
    std::int64_t attempts = 0;
};

constexpr std::int64_t kFirstRetryMs = 500;
constexpr std::int64_t kMaxRetryMs = 5 * 60 * 1000;
}  // namespace

void OutboxDelivery::Start() {
    m_thread = std::thread([this] {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            lock.unlock();
            (void)DeliverDue();
            lock.lock();
            m_wake.wait_for(lock, std::chrono::milliseconds(100), [this] { return m_stopping; });
        }
    });
}

void OutboxDelivery::Stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

int OutboxDelivery::DeliverDue() {
    // First turn the stock that moved into channel updates (coalesced across many sales).
    auto published = m_context.writer.Run([&](WriteContext& w) -> Status {
        auto count = PublishStockChanges(w, m_context.clock, m_context.ids);
        if (!count) return std::unexpected(count.error());
        return {};
    });
    if (!published) std::cerr << "outbox: " << published.error().message << "\n";
    auto db = m_context.ReadDb();
    if (!db) return 0;
    const std::int64_t now = m_context.clock.Now();
    std::vector<Due> due;
    {
        auto q = (*db)->Prepare(
            "SELECT id, channel, topic, body, attempts FROM outbox WHERE delivered_at IS NULL AND "
            "next_attempt_at <= ? "
            "ORDER BY id LIMIT 100");
        if (!q) return 0;
        q->Bind(1, now);
        while (true) {
            auto row = q->Step();
            if (!row || !*row) break;
            due.push_back({q->Int64(0), q->Text(1), q->Text(2), q->Text(3), q->Int64(4)});
        }
    }
    int delivered = 0;
    for (const Due& item : due) {
        auto base_url = store::GetSetting(**db, fmt::format("channel.{}.base_url", item.channel));
        std::string error;
        bool done = false;
        if (!base_url || !*base_url || (*base_url)->empty()) {
            done = true;
            error = "no base URL configured for the channel; not sent";
        } else {
            httplib::Client client(**base_url);
            client.set_connection_timeout(2);
            client.set_read_timeout(5);
            client.set_write_timeout(5);
            client.set_tcp_nodelay(true);
            auto response =
                client.Post(fmt::format("/{}", item.topic), item.body, "application/json");
            if (response && response->status >= 200 && response->status < 300) {
                done = true;
            } else {
                error = response ? fmt::format("HTTP {}", response->status)
                                 : httplib::to_string(response.error());
            }
        }
        const std::int64_t attempts = item.attempts + 1;
        const std::int64_t wait =
            std::min(kMaxRetryMs, kFirstRetryMs << std::min<std::int64_t>(attempts - 1, 20));
        auto written = m_context.writer.Run([&](WriteContext& w) -> Status {
            auto q = w.db.Prepare(
                "UPDATE outbox SET attempts = ?, delivered_at = ?, next_attempt_at = ?, last_error "
                "= ? "
                "WHERE id = ? AND delivered_at IS NULL");
            if (!q) return std::unexpected(q.error());
            const std::int64_t at = m_context.clock.Now();
            if (done) {
                q->Bind(2, at);
            } else {
                q->BindNull(2);
            }
            return q->Bind(1, attempts).Bind(3, at + wait).Bind(4, error).Bind(5, item.id).Run();
        });
        if (!written) std::cerr << "outbox: " << written.error().message << "\n";
        if (done && error.empty()) ++delivered;
        if (!done)
            std::cerr << fmt::format("outbox: {} {} attempt {} failed: {}\n", item.channel,
                                     item.topic, attempts, error);
    }
    return delivered;
}

}  // namespace tillbook::office::channels
