#include "tillbook/office/office_events.hpp"

#include "tillbook/ledger/origin.hpp"

namespace tillbook::office {

Result<ledger::Appended> AppendOfficeEvent(ledger::Ledger& ledger, const ids::Clock& clock,
                                           ids::IdSource& ids, const std::string& actor,
                                           ledger::EventPayload payload) {
    const ledger::Origin office(std::string(ledger::kOfficeOrigin), clock, ids);
    return office.AppendInCurrentTransaction(ledger, actor, std::move(payload));
}

Result<ledger::Appended> AppendOfficeEvent(OfficeContext& context, WriteContext& w,
                                           const std::string& actor, ledger::EventPayload payload) {
    return AppendOfficeEvent(w.ledger, context.clock, context.ids, actor, std::move(payload));
}

Status RecordReferenceChange(OfficeContext& context, WriteContext& w, const std::string& actor,
                             ledger::ReferenceChanged change) {
    auto appended = AppendOfficeEvent(context, w, actor, std::move(change));
    if (!appended) return std::unexpected(appended.error());
    return {};
}

Status OfficeSink::Run(const ledger::Actor& actor, const Work& work) {
    const ledger::Origin office(std::string(ledger::kOfficeOrigin), m_context.clock, m_context.ids);
    return m_context.writer.Run([&](WriteContext& w) -> Status {
        services::LedgerSession session(w.db, w.ledger, office, actor, m_context.clock,
                                        m_context.ids);
        return work(session);
    });
}

}  // namespace tillbook::office
