// tillbook-office: composition root. Parses the command line and hands it to the commands.
#include <iostream>

#include "tillbook/office/office_commands.hpp"

int main(int argc, char** argv) {
    auto args = tillbook::cli::ParseArgs(argc, argv, {"demo"});
    if (!args)
        return tillbook::cli::WrongUsage(tillbook::office::OfficeUsage(), {}, std::cerr,
                                         args.error().message);
    return tillbook::office::RunOfficeCommand(*args, std::cout, std::cerr);
}
