#pragma once
// Whether this test program (and so the programs it starts, built alike) runs under
// AddressSanitizer, whose quarantine holds freed memory for a while: memory figures measured there
// show what was freed too, so a test may bound them differently or only report them.

namespace tillbook::testing {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kUnderAddressSanitizer = true;
#else
inline constexpr bool kUnderAddressSanitizer = false;
#endif

}  // namespace tillbook::testing
