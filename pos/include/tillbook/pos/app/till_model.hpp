#pragma once
// The seam between the till's window (pos/src/ui: draws, collects intents, runs scripts) and its
// controllers (TillApp). The window's loop, once per frame:
//
//     model.Tick(now);                 // drain the workers' reports
//     draw(model.View(), intents);     // read-only; pushes intents
//     model.Apply(intents);            // after the frame
//
// so the draw code never sees SQLite, HTTP or a device, and a slow printer or office never holds
// up a frame.
#include "tillbook/ids/clock.hpp"
#include "tillbook/pos/app/intents.hpp"
#include "tillbook/pos/app/till_view.hpp"

namespace tillbook::pos::app {

class TillModel {
  public:
    virtual ~TillModel() = default;
    // Takes in what the workers posted since the last frame and brings the view up to date
    // (clocks such as "retrying in 8 s" and the PIN pad's wait count from `now`).
    virtual void Tick(ids::UtcMillis now) = 0;
    // The view for this frame; valid until the next Tick or Apply.
    [[nodiscard]] virtual const TillView& View() const = 0;
    // Applies the frame's intents in order.
    virtual void Apply(const Intents& intents) = 0;
};

}  // namespace tillbook::pos::app
