#pragma once
// Files under tests/data, read whole: channel payloads as the channels send them, golden output.
// Needs TILLBOOK_SOURCE_DIR (the test executable's compile definitions).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace tillbook::testing {

// "shopify/markets-order-placed.json" -> the text of tests/data/shopify/markets-order-placed.json.
inline std::string ReadTestData(std::string_view name) {
    const std::string path = std::string(TILLBOOK_SOURCE_DIR) + "/tests/data/" + std::string(name);
    std::ifstream file(path, std::ios::binary);
    REQUIRE_MESSAGE(file.good(), "cannot open " << path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace tillbook::testing
