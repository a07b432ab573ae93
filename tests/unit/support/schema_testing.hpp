#pragma once
// For tests of the schema: databases that earlier versions of the programs wrote, kept gzipped in
// tests/data/schema (how each was made is in the README there), and what tables a database holds.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tillbook/store/schema.hpp"

namespace tillbook::testing {

// Unpacks a copy of tests/data/schema/NAME.gz to `to`; answers `to`.

inline std::string UnpackOldDatabase(const std::string& name, const std::string& to) {
    const std::filesystem::path packed =
        std::filesystem::path(TILLBOOK_SOURCE_DIR) / "tests/data/schema" / (name + ".gz");
    REQUIRE(std::filesystem::exists(packed));
    const std::string command = "gzip -dc '" + packed.string() + "' > '" + to + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    return to;
}

inline bool HasTable(store::Database& db, std::string_view table) {
    auto exists = store::TableExists(db, table);
    REQUIRE(exists);
    return *exists;
}

}  // namespace tillbook::testing
