#pragma once
// sync_bench's baseline: the sales the tills push, without the server. The very events of the push
// bodies, decoded and serialised beforehand as the office does on its request threads, appended
// through the ledger on one connection in as many transactions as the server's writer committed
// them in, every result checked; and what either side left in its database, to compare.
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/ledger/ledger.hpp"
#include "tillbook/office/office_schema.hpp"
#include "tillbook/store/schema.hpp"
#include "tillbook/store/sqlite.hpp"
#include "tillbook/sync/push_json.hpp"

namespace tillbook::bench {

// What a run left in its database, read after its clock stopped: the rows of every projection
// table, and the tills' ledger rows and their payload bytes. Both sides of a sample must match.
inline std::map<std::string, std::int64_t> Written(const std::string& db_path) {
    auto db = store::Database::Open(db_path);
    if (!db) throw std::runtime_error(db.error().message);
    std::map<std::string, std::int64_t> written;
    const auto count = [&](const std::string& name, const std::string& sql) {
        auto q = db->Prepare(sql);
        if (!q || !q->Step().value_or(false)) throw std::runtime_error("cannot read " + name);
        written[name] = q->Int64(0);
    };
    for (const std::string_view table : store::ProjectionTables())
        count(std::string(table), fmt::format("SELECT count(*) FROM {}", table));
    count("ledger", "SELECT count(*) FROM ledger WHERE origin LIKE 'terminal:%'");
    count("ledger payload bytes",
          "SELECT coalesce(sum(length(payload)), 0) FROM ledger WHERE origin LIKE 'terminal:%'");
    return written;
}

// The events of `terminals` tills' pushes as the office reads them (sync::ReadPushedEvents) and
// their payloads as it stores them, made beforehand: the server does both on its request threads.
struct DecodedPushes {
    std::vector<ledger::Event> events;
    std::vector<std::string> payloads;
};

inline DecodedPushes Decode(const std::vector<std::vector<std::string>>& bodies, int batches) {
    DecodedPushes decoded;
    for (int b = 0; b < batches; ++b) {  // the tills' pushes interleaved, as they reach the writer
        for (const auto& till_bodies : bodies) {
            auto received = sync::ReadPushedEvents(
                nlohmann::json::parse(till_bodies[static_cast<std::size_t>(b)]));
            if (!received) throw std::runtime_error(received.error().message);
            for (auto& [id, event] : *received) {
                if (!event) throw std::runtime_error(event.error().message);
                auto payload = ledger::Ledger::SerializePayload(*event);
                if (!payload) throw std::runtime_error(payload.error().message);
                decoded.payloads.push_back(std::move(*payload));
                decoded.events.push_back(std::move(*event));
            }
        }
    }
    return decoded;
}

// Appends `pushes` through the ledger on one connection at synchronous=FULL, as the writer opens
// its own, in `commits` transactions of as even a size as can be; throws on any error, rejection
// or duplicate. Returns the seconds it took.
inline double AppendInTransactions(const std::string& path, const DecodedPushes& pushes,
                                   std::int64_t commits) {
    const auto sales = static_cast<std::int64_t>(pushes.events.size());
    if (commits < 1 || commits > sales)
        throw std::runtime_error(fmt::format("{} commits for {} sales", commits, sales));
    auto db = office::OpenOfficeDatabase(
        path, store::OpenOptions{store::Durability::kFull, 10000, false});
    if (!db) throw std::runtime_error(db.error().message);
    ledger::Ledger ledger(*db);
    const std::span events(pushes.events);
    const std::span payloads(pushes.payloads);
    const auto start = std::chrono::steady_clock::now();
    std::size_t next = 0;
    for (std::int64_t c = 0; c < commits; ++c) {
        const auto size = static_cast<std::size_t>(sales / commits + (c < sales % commits ? 1 : 0));
        auto tx = store::Transaction::Begin(*db);
        if (!tx) throw std::runtime_error(tx.error().message);
        auto each = ledger.AppendEachInCurrentTransaction(events.subspan(next, size),
                                                          payloads.subspan(next, size));
        if (!each) throw std::runtime_error(each.error().message);
        for (std::size_t k = 0; k < each->size(); ++k) {
            const auto& appended = (*each)[k];
            if (!appended)
                throw std::runtime_error(fmt::format("the plain loop's event {} was refused: {}",
                                                     events[next + k].id,
                                                     appended.error().message));
            if (appended->duplicate)
                throw std::runtime_error(
                    fmt::format("the plain loop's event {} was a duplicate", events[next + k].id));
        }
        if (auto ok = tx->Commit(); !ok) throw std::runtime_error(ok.error().message);
        next += size;
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace tillbook::bench
