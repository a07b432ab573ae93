#pragma once
// RAII over SQLite: one Database per connection (never shared between threads), statements
// prepared once per connection, transactions that roll back unless committed.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "tillbook/core/error.hpp"

namespace tillbook::store {

enum class Durability : int {
    kFull = 1,    // synchronous=FULL: a committed transaction survives power loss
    kNormal = 2,  // synchronous=NORMAL: WAL stays consistent; the last commits may be lost
};

struct OpenOptions {
    Durability durability = Durability::kFull;
    int busy_timeout_ms = 5000;
    bool create = true;
};

class Statement;

// A cached statement in use: resets and clears its bindings when it goes out of scope.
class StatementUse {
  public:
    explicit StatementUse(Statement& statement) : m_statement(&statement) {}
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
    StatementUse(StatementUse&& other) noexcept : m_statement(other.m_statement) {
        other.m_statement = nullptr;
    }
    StatementUse& operator=(StatementUse&&) = delete;
    ~StatementUse();

    // Bind by 1-based index. Text is copied by SQLite.
    StatementUse& Bind(int index, std::int64_t value);
    StatementUse& Bind(int index, int value) {
        return Bind(index, static_cast<std::int64_t>(value));
    }
    StatementUse& Bind(int index, std::string_view value);
    StatementUse& Bind(int index, const char* value) {
        return Bind(index, std::string_view(value));
    }
    StatementUse& Bind(int index, const std::string& value) {
        return Bind(index, std::string_view(value));
    }
    StatementUse& BindNull(int index);
    StatementUse& Bind(int index, const std::optional<std::int64_t>& value);

    // true: a row is ready; false: done.
    [[nodiscard]] Result<bool> Step();
    // Runs a statement that returns no rows (or ignores them).
    [[nodiscard]] Status Run();

    [[nodiscard]] std::int64_t Int64(int column) const;
    [[nodiscard]] std::string Text(int column) const;
    [[nodiscard]] bool IsNull(int column) const;
    [[nodiscard]] std::optional<std::int64_t> OptionalInt64(int column) const;
    [[nodiscard]] int ColumnCount() const;

  private:
    Statement* m_statement;
};

class Database {
  public:
    [[nodiscard]] static Result<Database> Open(const std::string& path,
                                               const OpenOptions& options = {});
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    [[nodiscard]] Status Exec(std::string_view sql);
    // Prepared once per connection and cached by its text for the connection's life: values are
    // bound, never formatted into the text, or every new value adds a statement for good.
    [[nodiscard]] Result<StatementUse> Prepare(std::string_view sql);
    // How many statements the cache holds.
    [[nodiscard]] std::size_t CachedStatementCount() const { return m_statements.size(); }
    // The first column of the first row as an integer (e.g. PRAGMA user_version).
    [[nodiscard]] Result<std::int64_t> QueryInt64(std::string_view sql);

    [[nodiscard]] sqlite3* Handle() const { return m_db; }
    [[nodiscard]] const std::string& Path() const { return m_path; }
    [[nodiscard]] Error LastError(std::string_view context) const;

  private:
    Database() = default;
    sqlite3* m_db = nullptr;
    std::string m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_statements;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class Transaction {
  public:
    [[nodiscard]] static Result<Transaction> Begin(Database& db);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();
    [[nodiscard]] Status Commit();

  private:
    explicit Transaction(Database& db) : m_db(&db) {}
    Database* m_db;
    bool m_done = false;
};

// SAVEPOINT inside a transaction: lets one event of a batch fail without undoing the others.
class Savepoint {
  public:
    [[nodiscard]] static Result<Savepoint> Begin(Database& db);
    Savepoint(Savepoint&& other) noexcept;
    Savepoint& operator=(Savepoint&&) = delete;
    Savepoint(const Savepoint&) = delete;
    ~Savepoint();
    [[nodiscard]] Status Release();

  private:
    explicit Savepoint(Database& db) : m_db(&db) {}
    Database* m_db;
    bool m_done = false;
};

}  // namespace tillbook::store
