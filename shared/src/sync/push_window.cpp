#include "tillbook/sync/push_window.hpp"

#include <fmt/format.h>

namespace tillbook::sync {

Status CheckOccurredAt(std::int64_t occurred_at, std::int64_t now) {
    if (occurred_at < kEarliestOccurredAt) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("occurred_at {} is before 2020; check the till's clock", occurred_at),
            "occurred_at"));
    }
    if (occurred_at > now && occurred_at - now > kMostAheadMillis) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("occurred_at {} is more than a day ahead of the back office's clock ({}); "
                        "check the till's clock",
                        occurred_at, now),
            "occurred_at"));
    }
    return {};
}

Status CheckOriginSeq(std::int64_t origin_seq, std::int64_t highest) {
    if (origin_seq > highest && origin_seq - highest > kOriginSeqWindow) {
        return std::unexpected(MakeError(
            ErrorCode::kInvalidInput,
            fmt::format("origin_seq {} is more than {} past {}, the highest the back office holds "
                        "of this till",
                        origin_seq, kOriginSeqWindow, highest),
            "origin_seq"));
    }
    return {};
}

}  // namespace tillbook::sync
