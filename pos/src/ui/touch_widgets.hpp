#pragma once
// The controls every screen is built from. Each one records what it shows in the frame's record
// (FrameRecord): a control's label and rectangle, a text's words, so that scripts can find them.
// Sizes are in pixels of this window (use Px for lengths written for 1080p).
#include <imgui.h>

#include <string>
#include <string_view>

namespace tillbook::pos::ui {

enum class ButtonLook : int {
    kPlain = 1,
    kPrimary = 2,  // the step forward: "Pay", "Complete sale", "Open shift"
    kDanger = 3,   // "Remove", "Clear sale"
    kChosen = 4,   // a toggle that is on: the chosen category, the tender being entered
};

enum class TextLook : int { kBody = 1, kDim = 2, kGood = 3, kWarning = 4, kBad = 5 };

enum class FontSize : int { kBody = 1, kLarge = 2, kHuge = 3 };

// A button labelled `label` (as the cashier reads it; `id` tells apart buttons with the same
// label, like one "Reprint" per failed receipt). True when tapped and enabled.
[[nodiscard]] bool TouchButton(std::string_view label, ImVec2 size,
                               ButtonLook look = ButtonLook::kPlain, bool enabled = true,
                               std::string_view id = {}, FontSize font = FontSize::kBody);

// A key with a long name (a product's quick key): its label wrapped over as many lines as the key
// is high enough for, each centred; recorded under `label` like a button.
[[nodiscard]] bool TouchKey(std::string_view label, ImVec2 size, std::string_view id = {});

// A full-width row that can be tapped to select it (a cart line); recorded under `label`.
[[nodiscard]] bool TouchRow(std::string_view label, std::string_view id, bool selected,
                            float height);

// Text in the body font unless `font` says otherwise.
void ShowText(std::string_view text, TextLook look = TextLook::kBody,
              FontSize font = FontSize::kBody);
// The same, right-aligned in the space left on the line (for amounts).
void ShowTextRight(std::string_view text, TextLook look = TextLook::kBody,
                   FontSize font = FontSize::kBody);
// At (x, y) in the window (a table's column), or with its right edge at `right`.
void ShowTextAt(float x, float y, std::string_view text, TextLook look = TextLook::kBody);
void ShowTextRightAt(float right, float y, std::string_view text, TextLook look = TextLook::kBody);
// Centred across the window's content width.
void ShowTextCentred(std::string_view text, TextLook look = TextLook::kBody,
                     FontSize font = FontSize::kBody);

struct FieldOptions {
    std::string_view hint;  // shown greyed while the field is empty
    bool focus = false;     // take the keyboard focus this frame
    bool amount = false;    // digits and '.' only, all selected when it takes the focus
};
// A field for words.
[[nodiscard]] FieldOptions TextOptions(std::string_view hint, bool focus);
// A field for an amount of money, typed over whole when it takes the focus.
[[nodiscard]] FieldOptions AmountOptions(std::string_view hint, bool focus);

struct FieldResult {
    bool changed = false;    // its text changed this frame
    bool submitted = false;  // Enter was pressed in it
};
// A one-line text field, `width` wide (0: the rest of the line), recorded under `label` (which
// the caller shows beside it).
FieldResult TouchField(std::string_view label, std::string_view id, std::string& text, float width,
                       const FieldOptions& options);

// A framed panel of `size` (0: the rest): a border on the window's colour, no fill (see
// colours::kBackground); layout children have neither.
void BeginPanel(const char* id, ImVec2 size);
void EndPanel();

// Pushes the font for `size` for the scope.
class ScopedFont {
  public:
    explicit ScopedFont(FontSize size);
    ~ScopedFont();
    ScopedFont(const ScopedFont&) = delete;
    ScopedFont& operator=(const ScopedFont&) = delete;
};

// The height of a standard touch target (64 px at 1080p, never below 48 px there).
[[nodiscard]] float TouchHeight();

}  // namespace tillbook::pos::ui
