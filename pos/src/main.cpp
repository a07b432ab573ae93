// tillbook-pos: composition root. Parses the command line and hands it to the commands.
#include <iostream>

#include "pos_commands.hpp"

int main(int argc, char** argv) {
    auto args = tillbook::cli::ParseArgs(argc, argv, {});
    if (!args) {
        std::cerr << "tillbook-pos: " << args.error().message << "\n" << tillbook::pos::PosUsage();
        return 2;
    }
    return tillbook::pos::RunPosCommand(*args, std::cout, std::cerr);
}
