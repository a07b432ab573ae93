#pragma once
// What one frame of the till's window showed: every labelled control with its rectangle, and every
// text drawn. The widgets in pos/src/ui fill it while they draw; the scripted mode reads the last
// frame's record to find a control by its label (`tap "Pay"`) or a text (`expect-text "£11.45"`),
// and says what the screen showed when a step fails. Plain values, no ImGui types.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tillbook::pos::ui {

struct ScreenRect {
    float x = 0;
    float y = 0;
    float width = 0;
    float height = 0;

    [[nodiscard]] float CentreX() const { return x + width / 2; }
    [[nodiscard]] float CentreY() const { return y + height / 2; }
};

struct RecordedControl {
    std::string label;  // as the cashier reads it: "Pay", "Cash", "7"
    ScreenRect rect;
    bool enabled = true;
};

class FrameRecord {
  public:
    void Clear();
    void AddControl(std::string_view label, ScreenRect rect, bool enabled);
    void AddText(std::string_view text);
    // The text field that has the keyboard focus this frame (typing goes there).
    void SetFocusedField(RecordedControl field) { m_focused_field = std::move(field); }

    [[nodiscard]] const std::vector<RecordedControl>& Controls() const { return m_controls; }
    [[nodiscard]] const std::vector<std::string>& Texts() const { return m_texts; }
    [[nodiscard]] const std::optional<RecordedControl>& FocusedField() const {
        return m_focused_field;
    }
    // The controls labelled exactly `label`.
    [[nodiscard]] std::vector<RecordedControl> ControlsLabelled(std::string_view label) const;
    // Whether any text drawn (a control's label included) contains `text`.
    [[nodiscard]] bool ShowsText(std::string_view text) const;
    // Everything visible, once each, in drawing order: "Pay | £11.45 | ...", at most `max_chars`.
    [[nodiscard]] std::string Describe(std::size_t max_chars = 2000) const;
    // The labels of the visible controls, quoted and comma-separated.
    [[nodiscard]] std::string DescribeLabels(std::size_t max_chars = 1000) const;

  private:
    std::vector<RecordedControl> m_controls;
    std::vector<std::string> m_texts;
    std::optional<RecordedControl> m_focused_field;
};

}  // namespace tillbook::pos::ui
