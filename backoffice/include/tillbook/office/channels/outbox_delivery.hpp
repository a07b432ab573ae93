#pragma once
// Publishes the stock changes the writer marked (channel_stock.hpp) and delivers the outbox to the
// channels over HTTP: POST {base_url}/{topic} with the stored JSON,
// retried with exponential backoff (0.5 s doubling to 5 minutes) until the channel answers 2xx.
// Stock figures for the same SKU supersede each other, so a retry never sends an old figure.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "tillbook/office/office_context.hpp"

namespace tillbook::office::channels {

class OutboxDelivery {
  public:
    explicit OutboxDelivery(OfficeContext& context) : m_context(context) {}
    ~OutboxDelivery() { Stop(); }
    OutboxDelivery(const OutboxDelivery&) = delete;
    OutboxDelivery& operator=(const OutboxDelivery&) = delete;

    void Start();
    void Stop();
    // One pass over what is due now; answers how many were delivered. (The thread calls it.)
    [[nodiscard]] int DeliverDue();

  private:
    OfficeContext& m_context;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

}  // namespace tillbook::office::channels
