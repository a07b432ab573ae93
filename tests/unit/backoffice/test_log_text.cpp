// What reaches the server's log of text a caller sent: one printable line, and short.
#include <doctest/doctest.h>

#include <string>

#include "tillbook/office/http/log_text.hpp"

using tillbook::office::http::LogText;

TEST_CASE("logged text keeps printable ASCII and escapes every other byte") {
    CHECK(LogText("tom.smith-2") == "tom.smith-2");
    CHECK(LogText("eve\nauth: forged") == "eve\\x0aauth: forged");
    CHECK(LogText("a\r\tb") == "a\\x0d\\x09b");
    CHECK(LogText(std::string("nul\0here", 8)) == "nul\\x00here");
    CHECK(LogText("\x1b@") == "\\x1b@");
    CHECK(LogText("caf\xc3\xa9") == "caf\\xc3\\xa9");
    // A backslash is doubled, so an escape in the log always stands for a byte that was sent.
    CHECK(LogText("a\\x0ab") == "a\\\\x0ab");
}

TEST_CASE("logged text is cut at its limit and says how much was left out") {
    CHECK(LogText(std::string(100, 'u')) == std::string(100, 'u'));
    CHECK(LogText(std::string(1'000'000, 'u')) == std::string(100, 'u') + "…(+999900 bytes)");
    CHECK(LogText("abcdef", 3) == "abc…(+3 bytes)");
}
