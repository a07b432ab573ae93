#pragma once
// Keys pressed on the X server's keyboard as if by hand or by a keyboard-wedge scanner (XTest):
// for the tests that check how the till's window tells the two apart. Digits, letters, '.' and
// '\r' (Return) are enough for them.
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include <stdexcept>
#include <string_view>

namespace tillbook::testing {

class XKeyboard {
  public:
    XKeyboard() : m_display(XOpenDisplay(nullptr)) {
        if (!m_display) throw std::runtime_error("cannot open the X display for XTest");
    }
    ~XKeyboard() { XCloseDisplay(m_display); }
    XKeyboard(const XKeyboard&) = delete;
    XKeyboard& operator=(const XKeyboard&) = delete;

    // The pointer over (x, y), so the window under it takes the keys.
    void MovePointer(int x, int y) {
        XTestFakeMotionEvent(m_display, -1, x, y, 0);
        XFlush(m_display);
    }

    // Presses and releases each key at once, all in one go.
    void Type(std::string_view keys) {
        for (const char key : keys) {
            const KeyCode code = XKeysymToKeycode(m_display, KeysymOf(key));
            const bool shift = key >= 'A' && key <= 'Z';
            const KeyCode shift_code = XKeysymToKeycode(m_display, XK_Shift_L);
            if (shift) XTestFakeKeyEvent(m_display, shift_code, True, 0);
            XTestFakeKeyEvent(m_display, code, True, 0);
            XTestFakeKeyEvent(m_display, code, False, 0);
            if (shift) XTestFakeKeyEvent(m_display, shift_code, False, 0);
        }
        XFlush(m_display);
    }

  private:
    static KeySym KeysymOf(char key) {
        if (key == '\r') return XK_Return;
        if (key == '.') return XK_period;
        if (key >= 'A' && key <= 'Z') return XK_a + static_cast<KeySym>(key - 'A');
        return static_cast<KeySym>(key);  // digits and lower-case letters are their own keysyms
    }

    Display* m_display;
};

}  // namespace tillbook::testing
