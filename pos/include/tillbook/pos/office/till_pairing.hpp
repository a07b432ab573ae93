#pragma once
// Pairing a till with its back office (docs/sync-protocol.md, "Pairing a till"): the one-time
// code and the till's name are sent, the link the office answers with is kept (office_link.hpp),
// everything is pulled, and the till's journal is set up as the office named it (its store and
// terminal). A till already paired is refused and nothing changes, unless the office signed it
// out (401): then it may pair again under the same name at the same store.
#include <cstdint>
#include <string>

#include "tillbook/core/error.hpp"
#include "tillbook/ids/clock.hpp"
#include "tillbook/pos/office/office_client.hpp"
#include "tillbook/pos/office/office_link.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::pos::office {

struct PairingRequest {
    std::string office_url;
    OfficeTrust trust;
    std::string code;  // "4821-0937-5512"
    std::string name;  // "T1"
};

struct PairedTill {
    std::string origin;      // "terminal:S01-T1"
    std::string store_code;  // "S01"
    std::string store_name;
    std::int64_t skus = 0;             // pulled
    std::int64_t staff = 0;            // active staff pulled
    std::int64_t last_origin_seq = 0;  // where the journal counts on from, for a re-paired name
};

// Every failure in words for whoever is pairing the till ("pairing refused: office says: …").
[[nodiscard]] Result<PairedTill> PairTill(store::Database& db, const PairingRequest& request,
                                          const ids::Clock& clock,
                                          const ClientTimeouts& timeouts = {});

// Records the till's store and terminal (TillJournal::Setup) from the link once its store has
// been pulled, if that is not done yet.
[[nodiscard]] Status EnsureTillIdentity(store::Database& db, const OfficeLink& link);

// "T1" of "terminal:S01-T1" at store "S01".
[[nodiscard]] std::string TerminalName(const OfficeLink& link);

}  // namespace tillbook::pos::office
