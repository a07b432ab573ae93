#include "tillbook/ledger/origin.hpp"

#include <fmt/format.h>

namespace tillbook::ledger {

Result<Event> Origin::Next(Ledger& ledger, const Actor& actor, EventPayload payload) const {
    auto seq = ledger.NextOriginSeq(m_name);
    if (!seq) return std::unexpected(seq.error());
    return Event{m_ids.NextString(), m_name,         *seq,     actor.staff, m_clock.Now(),
                 std::move(payload), actor.approver, actor.via};
}

Result<Appended> Origin::AppendInCurrentTransaction(Ledger& ledger, const Actor& actor,
                                                    EventPayload payload) const {
    auto event = Next(ledger, actor, std::move(payload));
    if (!event) return std::unexpected(event.error());
    return ledger.AppendInCurrentTransaction(*event);
}

std::string TerminalOrigin(std::string_view store_code, std::string_view terminal) {
    return fmt::format("{}{}-{}", kTerminalOriginPrefix, store_code, terminal);
}

std::string_view TerminalOfOrigin(std::string_view origin) {
    return IsTerminalOrigin(origin) ? origin.substr(kTerminalOriginPrefix.size()) : origin;
}

std::string ChannelOrigin(std::string_view channel) {
    return fmt::format("channel:{}", channel);
}

}  // namespace tillbook::ledger
