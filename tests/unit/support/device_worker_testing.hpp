#pragma once
// For the device worker's tests: a sale to print, and a bounded wait for the reports the worker
// posts to the till's ReportQueue.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "tillbook/money/money.hpp"
#include "tillbook/pos/app/worker_reports.hpp"

namespace tillbook::testing {

// A two-line cash sale, S01-T1-000017: 2 x £2.80 and 1 x £0.99, total £6.59, paid with a £10
// note.
inline pos::app::ReceiptRequest SampleReceipt(std::string number = "S01-T1-000017") {
    const money::Currency gbp{"GBP", 2};
    orders::Order order;
    order.id = "0193c2a0-0000-7000-8000-0000000000b7";
    order.number = std::move(number);
    order.channel = "store:S01";
    order.currency = "GBP";
    const auto line = [&](int line_no, std::string description, std::int64_t milli,
                          std::int64_t unit_minor) {
        orders::OrderLine item;
        item.line_no = line_no;
        item.sku = "SKU-" + std::to_string(line_no);
        item.description = std::move(description);
        item.quantity = milli;
        item.unit_price = money::Money{unit_minor, gbp};
        item.discount = money::Money{0, gbp};
        item.tax_rate = 2000;
        return item;
    };
    order.lines = {line(1, "Flat white", 2000, 280), line(2, "Shortbread", 1000, 99)};
    orders::Payment cash;
    cash.tender = orders::Tender::kCash;
    cash.amount = money::Money{659, gbp};
    cash.tendered = money::Money{1000, gbp};
    pos::app::ReceiptRequest request;
    request.order = std::move(order);
    request.payments = {cash};
    request.cashier = "Zoë";
    request.date_time = "06/12/2026 14:03";
    return request;
}
inline constexpr std::string_view kSampleReceiptTotal = "6.59";

// Drains the queue into a list, and waits (bounded) for a report of one kind that matches.
class ReportWatch {
  public:
    explicit ReportWatch(pos::app::ReportQueue& queue) : m_queue(queue) {}

    // The first report of kind T, not taken before, for which `matches` holds; waits at most
    // `timeout` for it and takes it (an empty `matches`: any). Empty when none came.
    template <class T>
    std::optional<T> Next(
        const std::function<bool(const T&)>& matches = [](const T&) { return true; },
        std::chrono::milliseconds timeout = std::chrono::seconds(8)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (true) {
            Drain();
            for (std::size_t i = 0; i < m_seen.size(); ++i) {
                if (m_taken[i]) continue;
                const T* report = std::get_if<T>(&m_seen[i]);
                if (report != nullptr && (!matches || matches(*report))) {
                    m_taken[i] = true;
                    return *report;
                }
            }
            if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    // Every report of kind T seen so far (taken or not), after draining the queue.
    template <class T>
    std::vector<T> All() {
        Drain();
        std::vector<T> all;
        for (const auto& report : m_seen) {
            if (const T* one = std::get_if<T>(&report)) all.push_back(*one);
        }
        return all;
    }

  private:
    void Drain() {
        for (auto& report : m_queue.Drain()) {
            m_seen.push_back(std::move(report));
            m_taken.push_back(false);
        }
    }

    pos::app::ReportQueue& m_queue;
    std::vector<pos::app::WorkerReport> m_seen;
    std::vector<bool> m_taken;
};

// The worker's log lines, kept for the test to read (DeviceWorkerOptions::log = Sink()).
class LogLines {
  public:
    std::function<void(const std::string&)> Sink() {
        return [this](const std::string& line) {
            const std::lock_guard lock(m_mutex);
            m_lines.push_back(line);
        };
    }
    [[nodiscard]] bool Contains(const std::string& part) const {
        const std::lock_guard lock(m_mutex);
        for (const std::string& line : m_lines) {
            if (line.find(part) != std::string::npos) return true;
        }
        return false;
    }

  private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_lines;
};

// The printer's state as the till last heard it, waiting (bounded) until it reads `text`.
inline bool PrinterSays(ReportWatch& watch, const std::string& text,
                        std::chrono::milliseconds timeout = std::chrono::seconds(8)) {
    return watch
        .Next<pos::app::PrinterReport>(
            [&](const pos::app::PrinterReport& report) { return report.text == text; }, timeout)
        .has_value();
}

}  // namespace tillbook::testing
