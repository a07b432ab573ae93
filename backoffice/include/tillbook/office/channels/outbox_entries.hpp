#pragma once
// The stock outbox as staff see it (the web app's Channels page): what is waiting to go to each
// channel, what failed and why, and a re-send that makes an undelivered entry due at once.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office::channels {

// pending: not delivered, not tried yet; failed: not delivered, tried at least once; delivered:
// done (sent, or closed without sending: superseded by a newer figure, or no base URL).
enum class OutboxState { kPending, kFailed, kDelivered };
[[nodiscard]] std::optional<OutboxState> ParseOutboxState(std::string_view text);
[[nodiscard]] std::string_view ToString(OutboxState state);

struct OutboxEntry {
    std::int64_t id = 0;
    std::string channel;
    std::string topic;    // "stock"
    std::string subject;  // the SKU
    std::string body;     // the JSON sent
    std::int64_t created_at = 0;
    std::int64_t attempts = 0;
    std::int64_t next_attempt_at = 0;
    std::optional<std::int64_t> delivered_at;
    std::string last_error;

    [[nodiscard]] OutboxState State() const;
};

struct OutboxFilter {
    std::string channel;  // "": every channel
    std::optional<OutboxState> state;
    std::int64_t limit = 100;
};
// Newest first.
[[nodiscard]] Result<std::vector<OutboxEntry>> ListOutbox(store::Database& db,
                                                          const OutboxFilter& filter);

struct OutboxCounts {
    std::int64_t pending = 0;
    std::int64_t failed = 0;
};
[[nodiscard]] Result<OutboxCounts> CountOutbox(store::Database& db, std::string_view channel);

// Makes entry `id` due at `now` (the delivery thread polls every 100 ms). kNotFound for no such
// entry; kConflict, in words, for one already delivered or closed.
[[nodiscard]] Result<OutboxEntry> ResendOutboxEntry(store::Database& db, std::int64_t id,
                                                    std::int64_t now);

}  // namespace tillbook::office::channels
