#include "tillbook/office/office_context.hpp"

#include <map>

namespace tillbook::office {

Result<store::Database*> OfficeContext::ReadDb() const {
    // One connection per thread and database file (STYLE 17: never a shared sqlite3*).
    thread_local std::map<std::string, std::unique_ptr<store::Database>> connections;
    auto& slot = connections[db_path];
    if (!slot) {
        auto db = store::Database::Open(
            db_path, store::OpenOptions{store::Durability::kNormal, 10000, false});
        if (!db) return std::unexpected(db.error());
        slot = std::make_unique<store::Database>(std::move(*db));
    }
    return slot.get();
}

}  // namespace tillbook::office
