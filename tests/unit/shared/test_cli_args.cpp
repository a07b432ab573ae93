#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tillbook/core/cli_args.hpp"

using tillbook::cli::Args;
using tillbook::cli::ParseArgs;

namespace {

tillbook::Result<Args> Parse(std::vector<const char*> words) {
    words.insert(words.begin(), "program");
    return ParseArgs(static_cast<int>(words.size()), words.data(), {"demo"});
}

}  // namespace

TEST_CASE("--help and -h ask for help wherever they stand in place of a flag") {
    for (const auto& words : std::vector<std::vector<const char*>>{
             {"--help"}, {"-h"}, {"serve", "--db", "x.db", "--help"}, {"-h", "init", "--demo"}}) {
        auto args = Parse(words);
        REQUIRE(args);
        CHECK(args->Has("help"));
        CHECK_FALSE(args->options.contains("help"));
    }
    auto plain = Parse({"serve", "--db", "x.db"});
    REQUIRE(plain);
    CHECK_FALSE(plain->Has("help"));
}

TEST_CASE("a flag's value stays its value even when it reads -h or --help") {
    auto args = Parse({"staff", "add", "--password", "-h", "--name", "--help"});
    REQUIRE(args);
    CHECK_FALSE(args->Has("help"));
    CHECK(args->Option("password") == "-h");
    CHECK(args->Option("name") == "--help");
}

TEST_CASE("a request for help wins over a mistake elsewhere on the command line") {
    for (const auto& words : std::vector<std::vector<const char*>>{
             {"--port", "1", "--port", "2", "--help"}, {"-x", "-h"}, {"-h", "--port"}}) {
        auto args = Parse(words);
        REQUIRE(args);
        CHECK(args->Has("help"));
    }
    auto mistaken = Parse({"--port", "1", "--port", "2"});
    REQUIRE_FALSE(mistaken);
    CHECK(mistaken.error().message == "--port is given twice");
}
