#pragma once
// The till's window under AddressSanitizer (the ASan+UBSan build the tests also run): Mesa's
// software OpenGL and X11 keep a few small allocations for the life of the process and unload
// the driver when the window closes, so LeakSanitizer would blame frames of no known library and
// fail every run of the window. Built without ASan, this does nothing.

namespace tillbook::pos::ui {

// Keeps the OpenGL driver's libraries loaded to the end (so their frames keep their names for the
// leak report, where the suppressions in sanitizer_support.cpp match them by library). Called
// before the first window opens.
void PinOpenGlDriverUnderSanitizer();

}  // namespace tillbook::pos::ui
