#pragma once
// What every fuzz target shares: the input as text, and a property check that stops the run with
// a message (libFuzzer then saves the input as a crash).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace tillbook::fuzz {

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void PropertyFailed(const char* what, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
    std::abort();
}

}  // namespace tillbook::fuzz

#define FUZZ_CHECK(condition) \
    ((condition) ? void(0) : ::tillbook::fuzz::PropertyFailed(#condition, __FILE__, __LINE__))
