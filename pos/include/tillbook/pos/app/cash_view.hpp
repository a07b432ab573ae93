#pragma once
// Cash management at the till: the float counted by denomination, paid in and out with a reason,
// the X report, the close (blind when the store says so) and the Z report. (Issue 14, point 6.)
#include <string>
#include <variant>

namespace tillbook::pos::app {

struct CashView {};

struct OpenCash {};  // the status bar's "Drawer" button

using CashIntent = std::variant<OpenCash>;

}  // namespace tillbook::pos::app
