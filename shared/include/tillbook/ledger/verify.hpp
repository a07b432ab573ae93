#pragma once
// Checks a database the way an auditor would: SQLite's own integrity checks, every projection
// against its ledger movements, and a replay of the whole ledger into a scratch copy whose
// projection tables must equal the live ones row for row.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tillbook/core/error.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::ledger {

struct VerifyReport {
    std::int64_t events = 0;
    std::vector<std::string> problems;  // empty when everything holds
    [[nodiscard]] bool Ok() const { return problems.empty(); }
};

// scratch_path: a file that may be overwritten and is removed afterwards.
[[nodiscard]] Result<VerifyReport> VerifyDatabase(store::Database& db,
                                                  const std::string& scratch_path);

// Every row of a table as text (SQL-quoted values joined by '|'), sorted: equal tables give equal
// dumps whatever their storage order.
[[nodiscard]] Result<std::vector<std::string>> DumpTable(store::Database& db,
                                                         std::string_view table);

}  // namespace tillbook::ledger
