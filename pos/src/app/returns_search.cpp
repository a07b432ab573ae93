// The returns desk's search by e-mail or date: the office's list of every channel's orders, a
// day's own sales from this till's journal, and the order tapped opened as a number found is.
#include <fmt/format.h>

#include <algorithm>

#include "returns_controller.hpp"
#include "tillbook/queries/order_lookup.hpp"

namespace tillbook::pos::app {

namespace {

constexpr std::string_view kEmailNeedsOffice =
    "E-mail search needs the office, and it is offline now. This till's own sales can still be "
    "found by their date or number";

}  // namespace

void ReturnsController::Search(const DeskQuery& query) {
    m_matches.clear();
    m_own_only = false;
    m_by_email = std::holds_alternative<DeskEmail>(query);
    OrderSearchRequest request;
    request.time_zone = m_context.time_zone;
    if (const auto* email = std::get_if<DeskEmail>(&query)) {
        m_searched = "for " + email->email;
        request.email = email->email;
    } else {
        const queries::CalendarDay day = std::get<DeskDay>(query).day;
        m_searched = "placed on " + DayText(day);
        request.day = day;
        // The day's own sales from the journal: found offline too, and before the office has
        // them all (a sale not yet pushed).
        auto range = queries::DayInZone(day, m_context.time_zone);
        auto own =
            range ? queries::SearchOrders(m_context.db, *range)
                  : Result<std::vector<queries::OrderSearchHit>>(std::unexpected(range.error()));
        if (!own) {
            Say("This till's journal could not be searched: " + own.error().message);
            Refresh();
            return;
        }
        for (queries::OrderSearchHit& hit : *own)
            m_matches.push_back({std::move(hit), true});
    }
    if (!m_online) {
        if (m_by_email) {
            Say(std::string(kEmailNeedsOffice));
            Refresh();
            return;
        }
        m_own_only = true;
        ShowMatches();
        return;
    }
    const std::uint64_t asked = m_context.sync.SearchOrders(std::move(request));
    if (asked == 0) {
        if (m_by_email) {
            Say("E-mail search needs the office, and this till has no link to it");
            Refresh();
            return;
        }
        m_own_only = true;
        ShowMatches();
        return;
    }
    m_search = asked;
    Say("Searching the office for orders " + m_searched + "…", false);
    Refresh();
}

void ReturnsController::OnSearch(const OrderSearchReport& report) {
    if (report.request == 0 || report.request != m_search) return;
    m_search = 0;
    if (!report.answered) {
        if (!report.reached && !m_by_email) {  // offline: the journal's own sales of the day
            m_own_only = true;
            ShowMatches();
            return;
        }
        Say(report.reached ? "The office could not search: " + report.message
                           : std::string(kEmailNeedsOffice));
        m_matches.clear();
        Refresh();
        return;
    }
    // The office's list, with this till's own sales it does not hold yet; each order once, and
    // opened from the journal when the journal has it.
    std::vector<Match> merged = std::move(m_matches);
    for (const queries::OrderSearchHit& hit : report.orders) {
        const auto known = std::find_if(merged.begin(), merged.end(),
                                        [&](const Match& m) { return m.hit.id == hit.id; });
        if (known != merged.end()) continue;
        auto mine = queries::FindOrderByCode(m_context.db, hit.id);
        merged.push_back({hit, mine && *mine});
    }
    std::stable_sort(merged.begin(), merged.end(), [](const Match& a, const Match& b) {
        return a.hit.placed_at > b.hit.placed_at;
    });
    if (merged.size() > queries::kOrderSearchLimit) merged.resize(queries::kOrderSearchLimit);
    m_matches = std::move(merged);
    ShowMatches();
}

void ReturnsController::ShowMatches() {
    if (m_matches.empty()) {
        m_step = ReturnsStep::kFind;
        Say("No orders " + m_searched +
                (m_own_only ? " among this till's own sales (the office was not asked)" : ""),
            true);
        Refresh();
        return;
    }
    if (m_matches.size() == 1) {
        const Match only = m_matches.front();
        m_step = ReturnsStep::kFind;
        m_matches.clear();
        ChooseOne(only);
        return;
    }
    m_step = ReturnsStep::kMatches;
    Say("", false);
    Refresh();
}

void ReturnsController::ChooseMatch(const std::string& order_id) {
    if (m_step != ReturnsStep::kMatches || m_lookup != 0 || m_search != 0) return;
    for (const Match& match : m_matches) {
        if (match.hit.id == order_id) {
            ChooseOne(match);
            return;
        }
    }
}

}  // namespace tillbook::pos::app
