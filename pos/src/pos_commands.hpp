#pragma once
// The tillbook-pos command line, as functions that tests can call.
#include <ostream>

#include "tillbook/core/cli_args.hpp"

namespace tillbook::pos {

// Exit codes: 0 done, 1 failed, 2 wrong usage.
[[nodiscard]] int RunPosCommand(const cli::Args& args, std::ostream& out, std::ostream& err);
[[nodiscard]] const char* PosUsage();

}  // namespace tillbook::pos
