#pragma once
// tillbook-office serve: builds the writer, the auth service and the routes, serves until SIGTERM
// or SIGINT, then lets requests in flight finish and the writer drain before exiting.
#include <ostream>

#include "tillbook/core/cli_args.hpp"

namespace tillbook::office {

[[nodiscard]] int Serve(const cli::Args& args, std::ostream& out, std::ostream& err);
[[nodiscard]] int PrintPairingCode(const cli::Args& args, std::ostream& out, std::ostream& err);

}  // namespace tillbook::office
