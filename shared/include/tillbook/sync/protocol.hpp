#pragma once
// Till ⇄ back office sync (docs/sync-protocol.md): what both ends agree on.
#include <cstddef>

namespace tillbook::sync {

// Every push names it and every answer carries it. It changes only for a change a till of the
// previous version would misread.
inline constexpr int kProtocol = 1;

// The most events one push may carry; the back office refuses a longer push whole.
inline constexpr std::size_t kMaxEventsPerPush = 500;

}  // namespace tillbook::sync
