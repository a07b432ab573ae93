#include "tillbook/pos/ui/frame_record.hpp"

#include <algorithm>
#include <set>

namespace tillbook::pos::ui {

namespace {

// Appends `piece` after `between` unless the text would pass `max_chars`; then an ellipsis.
bool AppendBounded(std::string& out, std::string_view piece, std::string_view between,
                   std::size_t max_chars) {
    const std::string_view separator = out.empty() ? "" : between;
    if (out.size() + separator.size() + piece.size() > max_chars) {
        out += between;
        out += "...";
        return false;
    }
    out += separator;
    out += piece;
    return true;
}

}  // namespace

void FrameRecord::Clear() {
    m_controls.clear();
    m_texts.clear();
    m_focused_field.reset();
}

void FrameRecord::AddControl(std::string_view label, ScreenRect rect, bool enabled) {
    m_controls.push_back(RecordedControl{std::string(label), rect, enabled});
    m_texts.emplace_back(label);
}

void FrameRecord::AddText(std::string_view text) {
    if (!text.empty()) m_texts.emplace_back(text);
}

std::vector<RecordedControl> FrameRecord::ControlsLabelled(std::string_view label) const {
    std::vector<RecordedControl> found;
    std::ranges::copy_if(m_controls, std::back_inserter(found),
                         [&](const RecordedControl& control) { return control.label == label; });
    return found;
}

bool FrameRecord::ShowsText(std::string_view text) const {
    return std::ranges::any_of(
        m_texts, [&](const std::string& shown) { return shown.find(text) != std::string::npos; });
}

std::string FrameRecord::Describe(std::size_t max_chars) const {
    std::string out;
    std::set<std::string_view> seen;
    for (const auto& text : m_texts) {
        if (!seen.insert(text).second) continue;
        if (!AppendBounded(out, text, " | ", max_chars)) break;
    }
    return out.empty() ? "(nothing)" : out;
}

std::string FrameRecord::DescribeLabels(std::size_t max_chars) const {
    std::string out;
    std::set<std::string_view> seen;
    for (const auto& control : m_controls) {
        if (!seen.insert(control.label).second) continue;
        if (!AppendBounded(out, "\"" + control.label + "\"", ", ", max_chars)) break;
    }
    return out.empty() ? "(none)" : out;
}

}  // namespace tillbook::pos::ui
