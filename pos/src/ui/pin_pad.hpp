#pragma once
// A PIN pad: a dot for each digit entered, then twelve big keys (digits, Clear, OK). Digits typed
// on a keyboard work too; Backspace takes one back, Enter is OK. The lock screen and a manager's
// approval both use it. The PIN stays in the caller's state until OK, then is handed back once.
#include <optional>
#include <string>
#include <string_view>

namespace tillbook::pos::ui {

inline constexpr std::size_t kPinMinDigits = 4;
inline constexpr std::size_t kPinMaxDigits = 8;

// message: shown between the dots and the keys ("Wrong PIN"). key: the side of a key. enabled:
// false greys every key (a wait after wrong PINs). Answers the PIN when OK was pressed (and
// clears `pin`).
[[nodiscard]] std::optional<std::string> DrawPinPad(std::string& pin, std::string_view message,
                                                    float key, bool enabled);

}  // namespace tillbook::pos::ui
