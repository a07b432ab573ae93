// Keyboard input through the wedge: a scanner's burst becomes one scan, a person's typing stays
// typing with Enter as a key press, in the order it came.
#include <doctest/doctest.h>

#include <string_view>

#include "tillbook/pos/ui/keyboard_router.hpp"

namespace ui = tillbook::pos::ui;
using std::chrono::milliseconds;

namespace {

void Feed(ui::KeyboardRouter& router, std::u32string_view keys, milliseconds start,
          milliseconds gap) {
    milliseconds at = start;
    for (const char32_t key : keys) {
        router.Key(key, at);
        at += gap;
    }
}

}  // namespace

TEST_CASE("a scanner's burst ending in Enter becomes one scan and nothing typed") {
    ui::KeyboardRouter router(tillbook::drivers::WedgeSettings{});
    Feed(router, U"5060123450019\r", milliseconds{1000}, milliseconds{2});
    router.Tick(milliseconds{2000});
    const auto ready = router.Take();
    REQUIRE(ready.size() == 1);
    CHECK(ready[0] == ui::RoutedInput{ui::RoutedKind::kScan, "5060123450019"});
}

TEST_CASE("a person's typing goes on as text, and Enter as a key press after it") {
    ui::KeyboardRouter router(tillbook::drivers::WedgeSettings{});
    Feed(router, U"20.00\r", milliseconds{1000}, milliseconds{150});
    router.Tick(milliseconds{5000});
    const auto ready = router.Take();
    REQUIRE(ready.size() == 2);
    CHECK(ready[0] == ui::RoutedInput{ui::RoutedKind::kText, "20.00"});
    CHECK(ready[1].kind == ui::RoutedKind::kEnter);
    CHECK(router.Take().empty());
}

TEST_CASE("a typed key is held back until the wedge's gap has passed, then released") {
    ui::KeyboardRouter router(tillbook::drivers::WedgeSettings{});
    router.Key(U'Z', milliseconds{1000});
    CHECK(router.Take().empty());
    REQUIRE(router.ReleaseDue().has_value());
    router.Tick(*router.ReleaseDue() + milliseconds{1});
    const auto ready = router.Take();
    REQUIRE(ready.size() == 1);
    CHECK(ready[0] == ui::RoutedInput{ui::RoutedKind::kText, "Z"});
    CHECK_FALSE(router.ReleaseDue().has_value());
}

TEST_CASE("accented letters typed by a person arrive as UTF-8 text") {
    ui::KeyboardRouter router(tillbook::drivers::WedgeSettings{});
    Feed(router, U"Zoë", milliseconds{1000}, milliseconds{200});
    router.Tick(milliseconds{5000});
    const auto ready = router.Take();
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].text == "Zo\xC3\xAB");
}

TEST_CASE("typing, then a scan, then typing keep their order") {
    ui::KeyboardRouter router(tillbook::drivers::WedgeSettings{});
    Feed(router, U"ab", milliseconds{1000}, milliseconds{200});
    Feed(router, U"12345678\r", milliseconds{2000}, milliseconds{3});
    Feed(router, U"c\t", milliseconds{3000}, milliseconds{200});
    router.Tick(milliseconds{9000});
    const auto ready = router.Take();
    REQUIRE(ready.size() == 4);
    CHECK(ready[0] == ui::RoutedInput{ui::RoutedKind::kText, "ab"});
    CHECK(ready[1] == ui::RoutedInput{ui::RoutedKind::kScan, "12345678"});
    CHECK(ready[2] == ui::RoutedInput{ui::RoutedKind::kText, "c"});
    CHECK(ready[3].kind == ui::RoutedKind::kTab);
}
