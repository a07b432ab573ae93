// tillbook-devices: composition root. Parses the command line and hands it to the commands.
#include <iostream>

#include "devices_commands.hpp"

int main(int argc, char** argv) {
    auto args = tillbook::cli::ParseArgs(argc, argv, {});
    if (!args)
        return tillbook::cli::WrongUsage(tillbook::devices::DevicesUsage(), {}, std::cerr,
                                         args.error().message);
    return tillbook::devices::RunDevicesCommand(*args, std::cout, std::cerr);
}
