// Characters that do not show what they are (core/characters.hpp): issue 11, finding 10.
#include <doctest/doctest.h>

#include <string>

#include "tillbook/core/characters.hpp"
#include "tillbook/core/percent_encoding.hpp"

namespace text = tillbook::text;

TEST_CASE("white space is trimmed from both ends, Unicode's as well as ASCII's, not inside") {
    CHECK(text::TrimWhiteSpace(" \t TEA-1 \r\n") == "TEA-1");
    CHECK(text::TrimWhiteSpace("\xC2\xA0TEA 1\xE3\x80\x80") == "TEA 1");  // no-break, ideographic
    CHECK(text::TrimWhiteSpace("\xE2\x80\xA8 \xE2\x80\x89") == "");       // line sep., thin space
    CHECK(text::TrimWhiteSpace("Caf\xC3\xA9") == "Caf\xC3\xA9");
    CHECK(text::TrimWhiteSpace("\xE2\x80\x8BTEA") ==
          "\xE2\x80\x8BTEA");  // zero-width: refused later
}

TEST_CASE("control and invisible characters are found, with their code points") {
    CHECK_FALSE(text::FindControlCharacter("Crème fraîche – 200 ml"));
    CHECK(text::FindControlCharacter("Tea\x1B@") == U'\x1B');
    CHECK(text::FindControlCharacter(std::string("a\0b", 3)) == U'\0');
    CHECK(text::FindControlCharacter("a\xC2\x9B") == U'\x9B');  // C1, as UTF-8
    CHECK_FALSE(text::FindInvisibleCharacter("TEA 1"));
    CHECK(text::FindInvisibleCharacter("TEA\xE2\x80\x8F"
                                       "1") == U'\x200F');
    CHECK(text::FindInvisibleCharacter("TEA\xC2\xA0"
                                       "1") == U'\xA0');
    CHECK(text::FindInvisibleCharacter("\xEF\xBB\xBFTEA") == U'\xFEFF');
    CHECK(text::CodePointName(U'\x200B') == "U+200B");
    CHECK(text::CodePointName(U'\x1B') == "U+001B");
}

TEST_CASE("control characters are left out, the rest kept byte for byte") {
    CHECK(text::WithoutControlCharacters(std::string("Tea\x1B@ \x1DV\x00 bags\n", 15)) ==
          "Tea@ V bags");
    CHECK(text::WithoutControlCharacters("Zo\xC3\xAB\xC2\x9B") == "Zo\xC3\xAB");
    CHECK(text::WithoutControlCharacters("\xFF\x1B") == "\xFF");  // not UTF-8: kept but for ESC
}

TEST_CASE("issue 11: a username with a line break stays on its log line") {
    CHECK(text::QuoteForLog("tom\nauth: admin signed in from 10.0.0.1") ==
          "\"tom\\x0Aauth: admin signed in from 10.0.0.1\"");
    CHECK(text::QuoteForLog("a\"b\\c\r") == "\"a\\\"b\\\\c\\x0D\"");
    CHECK(text::QuoteForLog("zo\xC3\xAB\xE2\x80\xAEnimda") == "\"zo\xC3\xAB\\u{202E}nimda\"");
    CHECK(text::QuoteForLog("x\xE2\x80\xA8y\xC2\x85") == "\"x\\u{2028}y\\u{0085}\"");
    CHECK(text::QuoteForLog("\xFF\xFE") == "\"\\xFF\\xFE\"");
    CHECK(text::QuoteForLog(std::string(300, 'a')) == "\"" + std::string(256, 'a') + "...\"");
    CHECK(text::QuoteForLog("\xC3\xA9\xC3\xA9", 3) == "\"\xC3\xA9...\"");
}

TEST_CASE("percent-encoding keeps RFC 3986's unreserved characters and writes every other byte") {
    using tillbook::text::PercentEncode;
    CHECK(PercentEncode("Az09-._~") == "Az09-._~");
    CHECK(PercentEncode("ada+x@example.com") == "ada%2Bx%40example.com");
    CHECK(PercentEncode("a b/c?d=e&f") == "a%20b%2Fc%3Fd%3De%26f");
    CHECK(PercentEncode("/orders?q=1", true) == "/orders%3Fq%3D1");
    CHECK(PercentEncode("Zoë") == "Zo%C3%AB");
    CHECK(PercentEncode("") == "");
}
