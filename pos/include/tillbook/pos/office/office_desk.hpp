#pragma once
// The returns desk's questions to the back office, on a thread of their own: an order looked up
// (app::OrderLookupReport) and goods of an order the till did not make received back there
// (app::OfficeReturnReport); and the tender screen's store credit: a card's balance
// (app::CreditBalanceReport), credit taken off it and a redemption given back
// (app::CreditRedemptionReport). Separate from the sync worker so that a cashier's question never
// waits for a push of the journal or a backoff: each is tried at once, and an office that cannot
// be reached is reported as such (reached = false) for the desk to say so plainly.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <variant>

#include "tillbook/pos/app/worker_reports.hpp"
#include "tillbook/pos/office/office_client.hpp"

namespace tillbook::pos::office {

class OfficeDesk {
  public:
    // db_path: the till's database file, for the office's address and the till's token.
    OfficeDesk(std::string db_path, ClientTimeouts timeouts, app::ReportQueue& reports);
    OfficeDesk(const OfficeDesk&) = delete;
    OfficeDesk& operator=(const OfficeDesk&) = delete;
    ~OfficeDesk();

    // Each answers the request's id (1, 2, 3, ...), which its report carries.
    std::uint64_t LookupOrder(std::string code);
    std::uint64_t SendReturn(app::OfficeReturn goods_back);
    std::uint64_t CheckCredit(std::string card_number);
    std::uint64_t RedeemCredit(app::CreditRedemptionRequest redemption);
    std::uint64_t CancelRedemption(std::string redemption_id, std::string staff_id);
    // The returns desk's search by e-mail or date (app::OrderSearchReport).
    std::uint64_t SearchOrders(app::OrderSearchRequest search);
    // Returns once the request in hand has been answered or cut short.
    void Stop();

  private:
    struct Lookup {
        std::uint64_t id = 0;
        std::string code;
    };
    struct GoodsBack {
        std::uint64_t id = 0;
        app::OfficeReturn goods_back;
    };
    struct CreditCheck {
        std::uint64_t id = 0;
        std::string card_number;
    };
    struct CreditRedeem {
        std::uint64_t id = 0;
        app::CreditRedemptionRequest redemption;
    };
    struct CreditCancel {
        std::uint64_t id = 0;
        std::string redemption_id;
        std::string staff_id;
    };
    struct Search {
        std::uint64_t id = 0;
        app::OrderSearchRequest search;
    };
    using Request =
        std::variant<Lookup, GoodsBack, CreditCheck, CreditRedeem, CreditCancel, Search>;
    // Where the office is: its client and the till's token, or why it cannot be asked.
    struct Office {
        OfficeClient* client = nullptr;
        std::string token;
        std::string problem;  // empty when client is set
    };

    std::uint64_t Queue(Request request);
    void Run();
    // Each asks the office and posts its report.
    void Answer(const Lookup& lookup, const Office& office);
    void Answer(const GoodsBack& back, const Office& office);
    void Answer(const CreditCheck& check, const Office& office);
    void Answer(const CreditRedeem& redeem, const Office& office);
    void Answer(const CreditCancel& cancel, const Office& office);
    void Answer(const Search& search, const Office& office);

    std::string m_db_path;
    ClientTimeouts m_timeouts;
    app::ReportQueue& m_reports;

    std::mutex m_mutex;  // guards the four below
    std::condition_variable m_wake;
    std::deque<Request> m_queue;
    std::uint64_t m_last_id = 0;
    bool m_stop = false;
    OfficeClient* m_client = nullptr;  // while a request is under way: Stop() interrupts it

    std::thread m_thread;  // started on the first request
};

}  // namespace tillbook::pos::office
