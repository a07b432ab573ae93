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
[[nodiscard]] Result<store::Database> OpenExistingDb(const cli::Args& args);

}  // namespace tillbook::office
