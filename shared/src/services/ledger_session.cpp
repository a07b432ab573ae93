#include "tillbook/services/ledger_session.hpp"

namespace tillbook::services {

Status DatabaseSink::Run(const ledger::Actor& actor, const Work& work) {
    auto tx = store::Transaction::Begin(m_db);
    if (!tx) return std::unexpected(tx.error());
    LedgerSession session(m_db, m_ledger, m_origin, actor, m_clock, m_ids);
    if (auto ok = work(session); !ok) return ok;  // rolled back by the transaction
    return tx->Commit();
}

}  // namespace tillbook::services
