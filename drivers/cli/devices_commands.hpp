#pragma once
// The tillbook-devices command line, as functions that tests can call in-process (so that an
// emulated USB testbed in the test process applies to them).
#include <ostream>

#include "tillbook/core/cli_args.hpp"

namespace tillbook::devices {

// Exit codes: 0 done (or help given), 1 failed (one line on `err` saying why), 2 wrong usage (usage
// on `err`).
[[nodiscard]] int RunDevicesCommand(const cli::Args& args, std::ostream& out, std::ostream& err);
// Every command with its options, for --help and wrong usage.
[[nodiscard]] const cli::ProgramUsage& DevicesUsage();

}  // namespace tillbook::devices
