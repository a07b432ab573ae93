#include <doctest/doctest.h>
#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "byte_text.hpp"
#include "tillbook/core/text.hpp"
#include "tillbook/drivers/code_page.hpp"

namespace {

using tillbook::drivers::CodePage;
using tillbook::drivers::DecodeByte;
using tillbook::drivers::EncodeText;
using tillbook::drivers::EpsonTableNumber;
using namespace std::string_view_literals;

constexpr std::array kAllCodePages = {CodePage::kCp437, CodePage::kCp858, CodePage::kCp1252};

using tillbook::testing::ByteString;
using tillbook::testing::Hex;

std::string EncodeAsHex(std::string_view utf8, CodePage page) {
    return Hex(EncodeText(utf8, page));
}

// One code point as UTF-8.
std::string Utf8(char32_t code_point) {
    std::string out;
    tillbook::text::AppendUtf8(out, code_point);
    return out;
}

// glibc iconv as an independent oracle for the tables.
class IconvDecoder {
  public:
    explicit IconvDecoder(const char* from_code) : m_handle(iconv_open("UTF-32LE", from_code)) {}
    IconvDecoder(const IconvDecoder&) = delete;
    IconvDecoder& operator=(const IconvDecoder&) = delete;
    ~IconvDecoder() {
        if (IsOpen()) iconv_close(m_handle);
    }

    [[nodiscard]] bool IsOpen() const { return m_handle != kInvalid; }

    // The character iconv decodes `byte` to, or nullopt when iconv rejects the byte.
    [[nodiscard]] std::optional<char32_t> Decode(std::uint8_t byte) {
        iconv(m_handle, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
        std::array<char, 1> in = {static_cast<char>(byte)};
        std::array<unsigned char, 8> out = {};
        char* in_ptr = in.data();
        std::size_t in_left = in.size();
        char* out_ptr = reinterpret_cast<char*>(out.data());
        std::size_t out_left = out.size();
        if (iconv(m_handle, &in_ptr, &in_left, &out_ptr, &out_left) == kFailed) return std::nullopt;
        if (out.size() - out_left != 4) return std::nullopt;
        std::uint32_t code_point = 0;
        for (std::size_t i = 0; i < 4; ++i)
            code_point |= std::uint32_t{out[i]} << (8 * i);
        return static_cast<char32_t>(code_point);
    }

  private:
    // iconv reports failure with these all-ones values.
    static inline const iconv_t kInvalid = reinterpret_cast<iconv_t>(-1);
    static constexpr std::size_t kFailed = static_cast<std::size_t>(-1);

    iconv_t m_handle;
};

}  // namespace

TEST_CASE("the ESC t table numbers are Epson's: PC437 is 0, PC858 is 19 and WPC1252 is 16") {
    CHECK(EpsonTableNumber(CodePage::kCp437) == 0);
    CHECK(EpsonTableNumber(CodePage::kCp858) == 19);
    CHECK(EpsonTableNumber(CodePage::kCp1252) == 16);
}

TEST_CASE("the stored code page ids are 1, 2 and 3") {
    CHECK(static_cast<int>(CodePage::kCp437) == 1);
    CHECK(static_cast<int>(CodePage::kCp858) == 2);
    CHECK(static_cast<int>(CodePage::kCp1252) == 3);
}

TEST_CASE("empty text encodes to no bytes") {
    for (const CodePage page : kAllCodePages)
        CHECK(EncodeText("", page).empty());
}

TEST_CASE("printable ASCII is copied unchanged in every code page") {
    std::string ascii;
    for (char c = 0x20; c < 0x7F; ++c)
        ascii.push_back(c);
    for (const CodePage page : kAllCodePages)
        CHECK(EncodeText(ascii, page) == ascii);
}

TEST_CASE("the pound sign is 9C in CP437 and CP858 and A3 in CP1252") {
    CHECK(EncodeAsHex("£", CodePage::kCp437) == Hex(ByteString({0x9C})));
    CHECK(EncodeAsHex("£", CodePage::kCp858) == Hex(ByteString({0x9C})));
    CHECK(EncodeAsHex("£", CodePage::kCp1252) == Hex(ByteString({0xA3})));
}

TEST_CASE("the euro sign is D5 in CP858 and 80 in CP1252") {
    CHECK(EncodeAsHex("€", CodePage::kCp858) == Hex(ByteString({0xD5})));
    CHECK(EncodeAsHex("€", CodePage::kCp1252) == Hex(ByteString({0x80})));
}

TEST_CASE("CP437 has no euro sign, so it prints as a question mark") {
    CHECK(EncodeAsHex("€", CodePage::kCp437) == Hex(ByteString({0x3F})));
    CHECK(EncodeAsHex("€9.99", CodePage::kCp437) ==
          Hex(ByteString({0x3F, 0x39, 0x2E, 0x39, 0x39})));
}

TEST_CASE("accented Latin letters map to their places in each table") {
    // é è ê ë à â ç ñ ü ö Ä Å É ß ø Ø
    const std::string_view letters = "éèêëàâçñüöÄÅÉßøØ";
    CHECK(EncodeAsHex(letters, CodePage::kCp437) ==
          Hex(ByteString({0x82, 0x8A, 0x88, 0x89, 0x85, 0x83, 0x87, 0xA4, 0x81, 0x94, 0x8E, 0x8F,
                          0x90, 0xE1, 0x3F, 0x3F})));
    CHECK(EncodeAsHex(letters, CodePage::kCp858) ==
          Hex(ByteString({0x82, 0x8A, 0x88, 0x89, 0x85, 0x83, 0x87, 0xA4, 0x81, 0x94, 0x8E, 0x8F,
                          0x90, 0xE1, 0x9B, 0x9D})));
    CHECK(EncodeAsHex(letters, CodePage::kCp1252) ==
          Hex(ByteString({0xE9, 0xE8, 0xEA, 0xEB, 0xE0, 0xE2, 0xE7, 0xF1, 0xFC, 0xF6, 0xC4, 0xC5,
                          0xC9, 0xDF, 0xF8, 0xD8})));
}

TEST_CASE("capital accented letters missing from CP437 are in CP858 and CP1252") {
    // È Ê Á Õ Ý
    const std::string_view letters = "ÈÊÁÕÝ";
    CHECK(EncodeAsHex(letters, CodePage::kCp437) ==
          Hex(ByteString({0x3F, 0x3F, 0x3F, 0x3F, 0x3F})));
    CHECK(EncodeAsHex(letters, CodePage::kCp858) ==
          Hex(ByteString({0xD4, 0xD2, 0xB5, 0xE5, 0xED})));
    CHECK(EncodeAsHex(letters, CodePage::kCp1252) ==
          Hex(ByteString({0xC8, 0xCA, 0xC1, 0xD5, 0xDD})));
}

TEST_CASE("Crème brûlée – 2 × £3.50 is byte-exact in CP858, where the en dash is missing") {
    CHECK(
        EncodeAsHex("Crème brûlée – 2 × £3.50", CodePage::kCp858) ==
        Hex(ByteString({0x43, 0x72, 0x8A, 0x6D, 0x65, 0x20, 0x62, 0x72, 0x96, 0x6C, 0x82, 0x65,
                        0x20, 0x3F, 0x20, 0x32, 0x20, 0x9E, 0x20, 0x9C, 0x33, 0x2E, 0x35, 0x30})));
}

TEST_CASE("Crème brûlée – 2 × £3.50 is byte-exact in CP1252") {
    CHECK(
        EncodeAsHex("Crème brûlée – 2 × £3.50", CodePage::kCp1252) ==
        Hex(ByteString({0x43, 0x72, 0xE8, 0x6D, 0x65, 0x20, 0x62, 0x72, 0xFB, 0x6C, 0xE9, 0x65,
                        0x20, 0x96, 0x20, 0x32, 0x20, 0xD7, 0x20, 0xA3, 0x33, 0x2E, 0x35, 0x30})));
}

TEST_CASE("Crème brûlée – 2 × £3.50 in CP437 loses the dash and the times sign") {
    CHECK(
        EncodeAsHex("Crème brûlée – 2 × £3.50", CodePage::kCp437) ==
        Hex(ByteString({0x43, 0x72, 0x8A, 0x6D, 0x65, 0x20, 0x62, 0x72, 0x96, 0x6C, 0x82, 0x65,
                        0x20, 0x3F, 0x20, 0x32, 0x20, 0x3F, 0x20, 0x9C, 0x33, 0x2E, 0x35, 0x30})));
}

TEST_CASE("box drawing and block characters map where CP437 and CP858 define them") {
    // ─ │ ┌ ┐ └ ┘ ═ ║ ╔ ╗ ░ █
    const std::string_view box = "─│┌┐└┘═║╔╗░█";
    const std::string expected =
        ByteString({0xC4, 0xB3, 0xDA, 0xBF, 0xC0, 0xD9, 0xCD, 0xBA, 0xC9, 0xBB, 0xB0, 0xDB});
    CHECK(EncodeAsHex(box, CodePage::kCp437) == Hex(expected));
    CHECK(EncodeAsHex(box, CodePage::kCp858) == Hex(expected));
    CHECK(EncodeText(box, CodePage::kCp1252) == std::string(12, '?'));
}

TEST_CASE("double-line corners that CP858 replaced with letters are only in CP437") {
    // ╒ (D5 in CP437) is € in CP858; ╡ (B5 in CP437) is Á in CP858.
    CHECK(EncodeAsHex("╒╡", CodePage::kCp437) == Hex(ByteString({0xD5, 0xB5})));
    CHECK(EncodeAsHex("╒╡", CodePage::kCp858) == Hex(ByteString({0x3F, 0x3F})));
}

TEST_CASE("a no-break space is FF in CP437 and CP858 and A0 in CP1252") {
    CHECK(EncodeAsHex("\u00A0", CodePage::kCp437) == Hex(ByteString({0xFF})));
    CHECK(EncodeAsHex("\u00A0", CodePage::kCp858) == Hex(ByteString({0xFF})));
    CHECK(EncodeAsHex("\u00A0", CodePage::kCp1252) == Hex(ByteString({0xA0})));
}

TEST_CASE("spaces that no table has, like the narrow no-break space, become question marks") {
    for (const CodePage page : kAllCodePages) {
        CHECK(EncodeText("3,50\u202F€", page).substr(0, 5) == "3,50?");
        CHECK(EncodeText("\u2009", page) == "?");  // thin space
    }
}

TEST_CASE("CP1252 punctuation: curly quotes, dashes, ellipsis and trade mark") {
    CHECK(EncodeAsHex("‘’“”–—…™", CodePage::kCp1252) ==
          Hex(ByteString({0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x85, 0x99})));
    CHECK(EncodeText("‘’“”–—…™", CodePage::kCp858) == "????????");
}

TEST_CASE("a character that no table has becomes one question mark, not one per byte") {
    for (const CodePage page : kAllCodePages) {
        CAPTURE(static_cast<int>(page));
        CHECK(EncodeText("漢", page) == "?");  // 3 UTF-8 bytes
        CHECK(EncodeText("😀", page) == "?");   // 4 UTF-8 bytes
        CHECK(EncodeText("ő", page) == "?");   // 2 UTF-8 bytes (Hungarian)
        CHECK(EncodeText("a漢b😀c", page) == "a?b?c");
        CHECK(EncodeText("漢字", page) == "??");
    }
}

TEST_CASE("each code point of an emoji sequence is its own question mark") {
    // Thumbs up + skin tone modifier: two code points, eight bytes.
    CHECK(EncodeText("👍🏽", CodePage::kCp858) == "??");
}

TEST_CASE("control characters become question marks so text cannot inject printer commands") {
    for (const CodePage page : kAllCodePages) {
        CAPTURE(static_cast<int>(page));
        CHECK(EncodeAsHex("\x1B@", page) == Hex(ByteString({0x3F, 0x40})));               // ESC @
        CHECK(EncodeAsHex("\x10\x04\x01", page) == Hex(ByteString({0x3F, 0x3F, 0x3F})));  // DLE EOT
        CHECK(EncodeText("a\nb\tc\rd", page) == "a?b?c?d");
        CHECK(EncodeText("\x7F", page) == "?");
        CHECK(EncodeText("\0"sv, page) == "?");
        CHECK(EncodeText("\u0085", page) == "?");  // NEL, a C1 control: two bytes, one '?'
        CHECK(EncodeText("\u009B", page) == "?");  // CSI
    }
}

TEST_CASE("a lone continuation byte becomes one question mark") {
    CHECK(EncodeText("a\x80z", CodePage::kCp858) == "a?z");
    CHECK(EncodeText("\xBF", CodePage::kCp858) == "?");
    CHECK(EncodeText("\x80\x80", CodePage::kCp858) == "??");
    // A continuation byte after a complete character is not absorbed into it.
    CHECK(EncodeAsHex("\xC3\xA9\xA9", CodePage::kCp1252) == Hex(ByteString({0xE9, 0x3F})));
}

TEST_CASE("a sequence cut short at the end of the text becomes one question mark") {
    CHECK(EncodeText("\xC3", CodePage::kCp1252) == "?");
    CHECK(EncodeText("\xE2\x82", CodePage::kCp1252) == "?");
    CHECK(EncodeText("\xF0\x9F\x98", CodePage::kCp1252) == "?");
    CHECK(EncodeText("ab\xF0\x9F", CodePage::kCp1252) == "ab?");
}

TEST_CASE("a sequence cut short by another character keeps that character") {
    CHECK(EncodeText("\xE2\x82"
                     "A",
                     CodePage::kCp1252) == "?A");
    CHECK(EncodeText("\xC3 ", CodePage::kCp1252) == "? ");
    // An interrupted € followed by a complete é: one '?' then E9.
    CHECK(EncodeAsHex("\xE2\x82\xC3\xA9", CodePage::kCp1252) == Hex(ByteString({0x3F, 0xE9})));
    // Two lead bytes in a row.
    CHECK(EncodeText("\xC3\xC3", CodePage::kCp1252) == "??");
}

TEST_CASE("encoding never reads past the end of the text") {
    // The byte after the view would complete the euro sign; it must not be looked at.
    const std::string backing = "\xE2\x82\xAC";
    CHECK(EncodeText(std::string_view(backing).substr(0, 2), CodePage::kCp1252) == "?");

    // Heap blocks of exactly the view's size, so AddressSanitizer catches any read past them.
    const auto exact = std::make_unique<char[]>(2);
    exact[0] = '\xE2';
    exact[1] = '\x82';
    CHECK(EncodeText(std::string_view(exact.get(), 2), CodePage::kCp858) == "?");

    const auto lead_only = std::make_unique<char[]>(1);
    lead_only[0] = '\xF0';
    CHECK(EncodeText(std::string_view(lead_only.get(), 1), CodePage::kCp858) == "?");
}

TEST_CASE("overlong forms become one question mark per byte") {
    // Unicode's "maximal subpart" rule: no prefix of an overlong form is well-formed.
    CHECK(EncodeText("\xC0\xAF", CodePage::kCp858) == "??");            // '/' in 2 bytes
    CHECK(EncodeText("\xC1\xBF", CodePage::kCp858) == "??");            // DEL in 2 bytes
    CHECK(EncodeText("\xE0\x80\xAF", CodePage::kCp858) == "???");       // '/' in 3 bytes
    CHECK(EncodeText("\xF0\x80\x80\xAF", CodePage::kCp858) == "????");  // '/' in 4 bytes
    CHECK(EncodeText("\xC0\x80", CodePage::kCp858) == "??");            // "modified UTF-8" NUL
    CHECK(EncodeText("x\xC0\xAFy", CodePage::kCp858) == "x??y");
}

TEST_CASE("surrogates, code points above U+10FFFF and bytes F5 to FF are ill-formed") {
    CHECK(EncodeText("\xED\xA0\x80", CodePage::kCp858) == "???");       // U+D800
    CHECK(EncodeText("\xED\xBF\xBF", CodePage::kCp858) == "???");       // U+DFFF
    CHECK(EncodeText("\xF4\x90\x80\x80", CodePage::kCp858) == "????");  // U+110000
    CHECK(EncodeText("\xF5\x80\x80\x80", CodePage::kCp858) == "????");
    CHECK(EncodeText("\xFE\xFF", CodePage::kCp858) == "??");
    // The last valid code points on either side are fine (and unmappable).
    CHECK(EncodeText("\xED\x9F\xBF", CodePage::kCp858) == "?");      // U+D7FF
    CHECK(EncodeText("\xF4\x8F\xBF\xBF", CodePage::kCp858) == "?");  // U+10FFFF
}

TEST_CASE("every character of each table encodes back to its byte") {
    for (const CodePage page : kAllCodePages) {
        CAPTURE(static_cast<int>(page));
        int assigned = 0;
        for (int value = 0; value <= 0xFF; ++value) {
            const auto byte = static_cast<std::uint8_t>(value);
            const std::optional<char32_t> character = DecodeByte(byte, page);
            if (!character) continue;
            ++assigned;
            CAPTURE(value);
            CHECK(EncodeText(Utf8(*character), page) == ByteString({byte}));
        }
        // 95 printable ASCII + the upper half (CP1252 leaves five bytes unassigned).
        CHECK(assigned == (page == CodePage::kCp1252 ? 95 + 123 : 95 + 128));
    }
}

TEST_CASE("control bytes and CP1252's unassigned bytes decode to nothing") {
    for (const CodePage page : kAllCodePages) {
        CHECK_FALSE(DecodeByte(0x00, page).has_value());
        CHECK_FALSE(DecodeByte(0x0A, page).has_value());
        CHECK_FALSE(DecodeByte(0x1B, page).has_value());
        CHECK_FALSE(DecodeByte(0x7F, page).has_value());
        CHECK(DecodeByte(0x41, page) == U'A');
    }
    for (const std::uint8_t byte :
         std::initializer_list<std::uint8_t>{0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
        CHECK_FALSE(DecodeByte(byte, CodePage::kCp1252).has_value());
    }
    CHECK(DecodeByte(0xD5, CodePage::kCp858) == U'€');
    CHECK(DecodeByte(0x80, CodePage::kCp1252) == U'€');
    CHECK(DecodeByte(0xD5, CodePage::kCp437) == U'╒');
}

TEST_CASE("the tables agree with glibc iconv's IBM437, IBM858 and CP1252") {
    struct Oracle {
        CodePage page;
        const char* iconv_name;
    };
    for (const Oracle oracle :
         {Oracle{CodePage::kCp437, "IBM437"}, Oracle{CodePage::kCp858, "IBM858"},
          Oracle{CodePage::kCp1252, "CP1252"}}) {
        CAPTURE(oracle.iconv_name);
        IconvDecoder iconv_decoder(oracle.iconv_name);
        REQUIRE(iconv_decoder.IsOpen());
        for (int value = 0x80; value <= 0xFF; ++value) {
            CAPTURE(value);
            const auto byte = static_cast<std::uint8_t>(value);
            CHECK(DecodeByte(byte, oracle.page) == iconv_decoder.Decode(byte));
        }
    }
}
