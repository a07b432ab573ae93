#pragma once
// The tillbook-pos command line, as functions that tests can call.
#include <ostream>

#include "tillbook/core/cli_args.hpp"

namespace tillbook::pos {

// Exit codes: 0 done (or help given), 1 failed, 2 wrong usage.
[[nodiscard]] int RunPosCommand(const cli::Args& args, std::ostream& out, std::ostream& err);
// Every command with its options, for --help and wrong usage.
[[nodiscard]] const cli::ProgramUsage& PosUsage();

}  // namespace tillbook::pos
