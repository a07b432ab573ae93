// tillbook-pos: composition root. Parses the command line and hands it to the commands.
#include <iostream>

#include "tillbook/pos/pos_commands.hpp"

int main(int argc, char** argv) {
    auto args = tillbook::cli::ParseArgs(argc, argv, {});
    if (!args)
        return tillbook::cli::WrongUsage(tillbook::pos::PosUsage(), {}, std::cerr,
                                         args.error().message);
    return tillbook::pos::RunPosCommand(*args, std::cout, std::cerr);
}
