#include "tillbook/pos/office/sync_round.hpp"

#include <fmt/format.h>

#include "tillbook/pos/office/office_api.hpp"
#include "tillbook/pos/office/pull_apply.hpp"
#include "tillbook/pos/office/till_pairing.hpp"

namespace tillbook::pos::office {

namespace {

// A pull that never says "no more" would keep a worker here for good.
constexpr int kMostPullsPerRound = 10'000;

Result<OfficeLink> NeedLink(store::Database& db) {
    auto link = LoadOfficeLink(db);
    if (!link) return std::unexpected(link.error());
    if (!*link) {
        return std::unexpected(MakeError(
            ErrorCode::kNotFound,
            "this till is not paired with a back office; pair it first (tillbook-pos pair)"));
    }
    return std::move(**link);
}

// Pushes until nothing is left unanswered; false when the office failed (in `outcome`).
Result<bool> PushAll(store::Database& db, OfficeClient& client, const OfficeLink& link,
                     const ids::Clock& clock, const PushProgress& progress, RoundOutcome& outcome) {
    TillSync till_sync(db, link.origin, clock);
    while (true) {
        auto next = till_sync.NextPush();
        if (!next) return std::unexpected(next.error());
        if (next->events.empty()) return true;
        auto answer = PushToOffice(client, link.token, *next);
        if (!answer) {
            outcome.failure = answer.error();
            return false;
        }
        auto tally = till_sync.Apply(*next, *answer);
        if (!tally) {
            // An answer that does not fit what was sent: nothing was kept, so it is sent again
            // later, never skipped.
            outcome.failure = OfficeFailure{FailureKind::kRefused,
                                            tally.error().WithContext("the office's push answer"),
                                            200, std::nullopt};
            return false;
        }
        const ids::UtcMillis now = clock.Now();
        if (auto ok = SavePushedAt(db, now); !ok) return std::unexpected(ok.error());
        outcome.last_push_at = now;
        ++outcome.pushes;
        outcome.pushed.accepted += tally->accepted;
        outcome.pushed.duplicates += tally->duplicates;
        outcome.pushed.rejected += tally->rejected;
        if (progress) {
            auto backlog = till_sync.ReadBacklog();
            if (!backlog) return std::unexpected(backlog.error());
            progress(*backlog);
        }
    }
}

Status PullAll(store::Database& db, OfficeClient& client, const OfficeLink& link,
               const ids::Clock& clock, RoundOutcome& outcome) {
    std::string cursor = link.cursor;
    for (int i = 0; i < kMostPullsPerRound; ++i) {
        auto pulled = PullFromOffice(client, link.token, cursor);
        if (!pulled) {
            outcome.failure = pulled.error();
            return {};
        }
        const ids::UtcMillis now = clock.Now();
        auto applied = ApplyPull(db, *pulled, now);
        if (!applied) return std::unexpected(applied.error().WithContext("taking in the pull"));
        ++outcome.pulls;
        outcome.last_pull_at = now;
        outcome.skus_pulled += applied->skus;
        outcome.reference_data_changed |= applied->ReferenceDataChanged();
        cursor = sync::FormatCursor(pulled->cursor);
        if (!pulled->more) return EnsureTillIdentity(db, link);
    }
    return {};
}

}  // namespace

Result<RoundOutcome> RunSyncRound(store::Database& db, OfficeClient& client,
                                  const ids::Clock& clock, const PushProgress& progress) {
    auto link = NeedLink(db);
    if (!link) return std::unexpected(link.error());
    RoundOutcome outcome;
    auto pushed = PushAll(db, client, *link, clock, progress, outcome);
    if (!pushed) return std::unexpected(pushed.error());
    if (*pushed) {
        if (auto ok = PullAll(db, client, *link, clock, outcome); !ok)
            return std::unexpected(ok.error());
    }
    if (outcome.failure && outcome.failure->kind == FailureKind::kSignedOut) {
        if (auto ok = SaveSignedOut(db, true); !ok) return std::unexpected(ok.error());
    }
    auto backlog = TillSync(db, link->origin, clock).ReadBacklog();
    if (!backlog) return std::unexpected(backlog.error());
    outcome.backlog = *backlog;
    return outcome;
}

}  // namespace tillbook::pos::office
