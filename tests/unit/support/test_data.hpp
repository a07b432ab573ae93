#pragma once
// Files under tests/data, read whole: channel payloads as the channels send them, golden output.
// Needs TILLBOOK_SOURCE_DIR (the test executable's compile definitions).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace tillbook::testing {

// "channels/shopify/markets.1.json" -> the text of tests/data/channels/shopify/markets.1.json.
inline std::string ReadTestData(std::string_view name) {
    const std::string path = std::string(TILLBOOK_SOURCE_DIR) + "/tests/data/" + std::string(name);
    std::ifstream file(path, std::ios::binary);
    REQUIRE_MESSAGE(file.good(), "cannot open " << path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace tillbook::testing
