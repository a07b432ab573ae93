// tillbook-devices: composition root. Parses the command line and hands it to the commands.
#include <iostream>

#include "devices_commands.hpp"

int main(int argc, char** argv) {
    auto args = tillbook::cli::ParseArgs(argc, argv, {});
    if (!args) {
        std::cerr << "tillbook-devices: " << args.error().message << "\n"
                  << tillbook::devices::DevicesUsage();
        return 2;
    }
    return tillbook::devices::RunDevicesCommand(*args, std::cout, std::cerr);
}
