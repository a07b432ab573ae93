#include "till_schema.hpp"

#include <array>

namespace tillbook::pos {

namespace {

// Never edit a migration once released: add a new one.
constexpr std::array<std::string_view, 1> kMigrations = {
    // 1: before the schema was split by owner, every database got the back office's tables too;
    // a till never wrote to them.
    R"sql(
DROP TABLE IF EXISTS sessions;
DROP TABLE IF EXISTS terminals;
DROP TABLE IF EXISTS pairing_codes;
DROP TABLE IF EXISTS channel_orders;
DROP TABLE IF EXISTS webhook_deliveries;
DROP TABLE IF EXISTS outbox;
DROP TABLE IF EXISTS stock_changed;
DROP TABLE IF EXISTS channel_stock_published;
)sql",
};

constexpr store::SchemaPart kTillSchema{"till", kMigrations, "office", nullptr};

}  // namespace

const store::SchemaPart& TillSchema() {
    return kTillSchema;
}

Result<store::Database> OpenTillDatabase(const std::string& path,
                                         const store::OpenOptions& options) {
    return store::OpenAndMigrate(path, options, TillSchema());
}

}  // namespace tillbook::pos
