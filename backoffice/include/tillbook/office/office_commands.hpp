#pragma once
// The tillbook-office command line, as functions that tests can call.
#include <ostream>

#include "tillbook/core/cli_args.hpp"
#include "tillbook/store/sqlite.hpp"

namespace tillbook::office {

// Exit codes: 0 done (or help given), 1 failed (or verify found problems), 2 wrong usage.
[[nodiscard]] int RunOfficeCommand(const cli::Args& args, std::ostream& out, std::ostream& err);

// Every command with its options, for --help and wrong usage.
[[nodiscard]] const cli::ProgramUsage& OfficeUsage();

// The database named by --db, which must exist (the error says how to create it), migrated.
// With `any_owner` (verify), a till's database as well: only the shared schema is migrated then,
// and it stays a till's.
[[nodiscard]] Result<store::Database> OpenExistingDb(const cli::Args& args, bool any_owner = false);

}  // namespace tillbook::office
