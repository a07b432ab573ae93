#include "tillbook/store/sqlite.hpp"

#include <fmt/format.h>

#include <cassert>
#include <utility>

namespace tillbook::store {

class Statement {
  public:
    explicit Statement(sqlite3_stmt* stmt) : m_stmt(stmt) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { sqlite3_finalize(m_stmt); }
    sqlite3_stmt* Get() const { return m_stmt; }

  private:
    sqlite3_stmt* m_stmt;
};

namespace {
Error SqliteError(sqlite3* db, std::string_view context) {
    return MakeError(
        ErrorCode::kStorage,
        fmt::format("{}: {} (code {})", context, sqlite3_errmsg(db), sqlite3_extended_errcode(db)));
}
}  // namespace

StatementUse::~StatementUse() {
    if (m_statement == nullptr) return;
    sqlite3_reset(m_statement->Get());
    sqlite3_clear_bindings(m_statement->Get());
}

StatementUse& StatementUse::Bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_statement->Get(), index, value);
    return *this;
}

StatementUse& StatementUse::Bind(int index, std::string_view value) {
    sqlite3_bind_text64(m_statement->Get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
    return *this;
}

StatementUse& StatementUse::BindNull(int index) {
    sqlite3_bind_null(m_statement->Get(), index);
    return *this;
}

StatementUse& StatementUse::Bind(int index, const std::optional<std::int64_t>& value) {
    return value ? Bind(index, *value) : BindNull(index);
}

Result<bool> StatementUse::Step() {
    sqlite3_stmt* stmt = m_statement->Get();
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(stmt);
    const Error error = SqliteError(db, fmt::format("running \"{}\"", sqlite3_sql(stmt)));
    // Keep the statement reusable after a constraint failure.
    sqlite3_reset(stmt);
    return std::unexpected(error);
}

Status StatementUse::Run() {
    while (true) {
        auto row = Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
    }
}

std::int64_t StatementUse::Int64(int column) const {
    return sqlite3_column_int64(m_statement->Get(), column);
}

std::string StatementUse::Text(int column) const {
    const auto* text = sqlite3_column_text(m_statement->Get(), column);
    const int size = sqlite3_column_bytes(m_statement->Get(), column);
    if (text == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

bool StatementUse::IsNull(int column) const {
    return sqlite3_column_type(m_statement->Get(), column) == SQLITE_NULL;
}

std::optional<std::int64_t> StatementUse::OptionalInt64(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Int64(column);
}

int StatementUse::ColumnCount() const {
    return sqlite3_column_count(m_statement->Get());
}

Result<Database> Database::Open(const std::string& path, const OpenOptions& options) {
    Database db;
    db.m_path = path;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (options.create) flags |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path.c_str(), &db.m_db, flags, nullptr) != SQLITE_OK) {
        Error error =
            db.m_db != nullptr
                ? SqliteError(db.m_db, fmt::format("opening {}", path))
                : MakeError(ErrorCode::kStorage, fmt::format("opening {}: out of memory", path));
        return std::unexpected(error);
    }
    sqlite3_extended_result_codes(db.m_db, 1);
    sqlite3_busy_timeout(db.m_db, options.busy_timeout_ms);
    const std::string pragmas =
        fmt::format("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous={};",
                    options.durability == Durability::kFull ? "FULL" : "NORMAL");
    if (auto ok = db.Exec(pragmas); !ok) {
        return std::unexpected(ok.error().WithContext(fmt::format("opening {}", path)));
    }
    return db;
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)),
      m_path(std::move(other.m_path)),
      m_statements(std::move(other.m_statements)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        m_statements.clear();
        if (m_db != nullptr) sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_statements = std::move(other.m_statements);
    }
    return *this;
}

Database::~Database() {
    m_statements.clear();  // finalize before close
    if (m_db != nullptr) sqlite3_close_v2(m_db);
}

Error Database::LastError(std::string_view context) const {
    return SqliteError(m_db, context);
}

Status Database::Exec(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        Error error = MakeError(ErrorCode::kStorage,
                                fmt::format("{} (code {})", message != nullptr ? message : "error",
                                            sqlite3_extended_errcode(m_db)));
        sqlite3_free(message);
        return std::unexpected(error);
    }
    return {};
}

Result<StatementUse> Database::Prepare(std::string_view sql) {
    const std::string key(sql);
    auto found = m_statements.find(key);
    if (found == m_statements.end()) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(m_db, key.c_str(), static_cast<int>(key.size()),
                               SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
            return std::unexpected(SqliteError(m_db, fmt::format("preparing \"{}\"", key)));
        }
        found = m_statements.emplace(key, std::make_unique<Statement>(stmt)).first;
    }
    return StatementUse(*found->second);
}

Result<std::int64_t> Database::QueryInt64(std::string_view sql) {
    auto query = Prepare(sql);
    if (!query) return std::unexpected(query.error());
    auto row = query->Step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return std::unexpected(
            MakeError(ErrorCode::kNotFound, fmt::format("no row from \"{}\"", sql)));
    return query->Int64(0);
}

Result<Transaction> Transaction::Begin(Database& db) {
    if (auto ok = db.Exec("BEGIN IMMEDIATE"); !ok) {
        return std::unexpected(ok.error().WithContext("beginning a transaction"));
    }
    return Transaction(db);
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_db(other.m_db), m_done(std::exchange(other.m_done, true)) {}

Transaction::~Transaction() {
    if (!m_done) (void)m_db->Exec("ROLLBACK");
}

Status Transaction::Commit() {
    assert(!m_done);
    auto ok = m_db->Exec("COMMIT");
    if (!ok) return std::unexpected(ok.error().WithContext("committing"));
    m_done = true;
    return {};
}

// Savepoints run once per event in a batch: prepared once, not parsed by sqlite3_exec each time.
namespace {
Status RunCached(Database& db, std::string_view sql) {
    auto statement = db.Prepare(sql);
    if (!statement) return std::unexpected(statement.error());
    return statement->Run();
}
}  // namespace

Result<Savepoint> Savepoint::Begin(Database& db) {
    if (auto ok = RunCached(db, "SAVEPOINT event"); !ok) return std::unexpected(ok.error());
    return Savepoint(db);
}

Savepoint::Savepoint(Savepoint&& other) noexcept
    : m_db(other.m_db), m_done(std::exchange(other.m_done, true)) {}

Savepoint::~Savepoint() {
    if (m_done) return;
    (void)RunCached(*m_db, "ROLLBACK TO event");
    (void)RunCached(*m_db, "RELEASE event");
}

Status Savepoint::Release() {
    auto ok = RunCached(*m_db, "RELEASE event");
    if (!ok) return std::unexpected(ok.error());
    m_done = true;
    return {};
}

}  // namespace tillbook::store
