#include "tillbook/ledger/event_json.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "tillbook/core/json_integer.hpp"
#include "tillbook/money/currency.hpp"

// Every struct field is the JSON key of the same name, listed once per struct (KeysOf) and used
// by both directions; a field added after its struct was first stored (LaterKey) is written only
// when it holds a value, so records without it keep their stored form; money is {"minor": <int64>,
// "currency": "GBP"}; enums are their integer values. Reading never throws: values are looked at
// through get_ptr<>() and keys through contains()/at(). Errors name the path of the field at fault
// ("payload.order.lines[2].quantity: expected an integer") and carry it in Error::field.
namespace tillbook::ledger {
namespace {

using money::Money;
using nlohmann::json;
using orders::ItemCondition;
using orders::LineKind;
using orders::Order;
using orders::OrderLine;
using orders::OrderStatus;
using orders::Payment;
using orders::Refund;
using orders::Return;
using orders::ReturnLine;
using orders::ReturnReason;
using orders::ShopCurrencyTotals;
using orders::Tender;

// ---- Paths and errors ----

// "payload.order" + "lines" -> "payload.order.lines"; the envelope's own keys have no prefix.
std::string KeyPath(std::string_view parent, std::string_view key) {
    std::string path(parent);
    if (!path.empty()) path += '.';
    path += key;
    return path;
}

// "payload.order.lines" + 2 -> "payload.order.lines[2]" (0-based: the position in the array).
std::string IndexPath(std::string_view parent, std::size_t index) {
    return std::string(parent) + '[' + std::to_string(index) + ']';
}

Error FieldError(ErrorCode code, const std::string& path, std::string_view what) {
    std::string message = path.empty() ? std::string(what) : path + ": " + std::string(what);
    return MakeError(code, std::move(message), path);
}

std::unexpected<Error> Fail(const std::string& path, std::string_view what) {
    return std::unexpected(FieldError(ErrorCode::kInvalidInput, path, what));
}

// ---- The defined values of each stored enum (-Wswitch flags a new enumerator missing here) ----

bool IsKnown(OrderStatus status) {
    switch (status) {
        case OrderStatus::kPlaced:
        case OrderStatus::kAllocated:
        case OrderStatus::kPicking:
        case OrderStatus::kPacked:
        case OrderStatus::kDispatched:
        case OrderStatus::kDelivered:
        case OrderStatus::kCancelled:
        case OrderStatus::kLost:
            return true;
    }
    return false;
}

bool IsKnown(LineKind kind) {
    switch (kind) {
        case LineKind::kGoods:
        case LineKind::kShipping:
        case LineKind::kGiftCard:
        case LineKind::kService:
            return true;
    }
    return false;
}

bool IsKnown(Tender tender) {
    switch (tender) {
        case Tender::kCash:
        case Tender::kCard:
        case Tender::kStoreCredit:
        case Tender::kGiftCard:
        case Tender::kChannel:
        case Tender::kOther:
        case Tender::kExchangeCredit:
            return true;
    }
    return false;
}

bool IsKnown(ReturnReason reason) {
    switch (reason) {
        case ReturnReason::kChangedMind:
        case ReturnReason::kFaulty:
        case ReturnReason::kWrongItemSent:
        case ReturnReason::kDamagedInTransit:
        case ReturnReason::kNotAsDescribed:
        case ReturnReason::kOther:
            return true;
    }
    return false;
}

bool IsKnown(ItemCondition condition) {
    switch (condition) {
        case ItemCondition::kRestock:
        case ItemCondition::kDamaged:
        case ItemCondition::kWriteOff:
            return true;
    }
    return false;
}

bool IsKnown(AdjustmentReason reason) {
    switch (reason) {
        case AdjustmentReason::kOpeningStock:
        case AdjustmentReason::kGoodsReceived:
        case AdjustmentReason::kCountCorrection:
        case AdjustmentReason::kDamaged:
        case AdjustmentReason::kTheft:
        case AdjustmentReason::kOther:
            return true;
    }
    return false;
}

bool IsKnown(CashMovementKind kind) {
    switch (kind) {
        case CashMovementKind::kPaidIn:
        case CashMovementKind::kPaidOut:
            return true;
    }
    return false;
}

// ---- The keys of each struct: one list, read and written by the same generic code ----

template <class T>
struct Tag {};

template <class S, class M>
struct Key {
    std::string_view name;
    M S::*member;
};

// An optional field added after events holding its struct were stored: left out while empty, so
// those events are written exactly as before, and read back (without the key) as empty.
template <class S, class T>
struct LaterKey {
    std::string_view name;
    std::optional<T> S::*member;
};

// A text field added later: left out while "", read back (without the key) as "".
template <class S>
struct LaterText {
    std::string_view name;
    std::string S::*member;
};

constexpr auto KeysOf(Tag<OrderLine>) {
    return std::tuple{Key{"line_no", &OrderLine::line_no},
                      Key{"kind", &OrderLine::kind},
                      Key{"sku", &OrderLine::sku},
                      Key{"description", &OrderLine::description},
                      Key{"quantity", &OrderLine::quantity},
                      Key{"unit_price", &OrderLine::unit_price},
                      Key{"discount", &OrderLine::discount},
                      Key{"tax_rate", &OrderLine::tax_rate},
                      Key{"tax_mode", &OrderLine::tax_mode},
                      Key{"tax_given_minor", &OrderLine::tax_given_minor},
                      LaterKey{"price_overridden_from", &OrderLine::price_overridden_from}};
}

constexpr auto KeysOf(Tag<Payment>) {
    return std::tuple{Key{"tender", &Payment::tender}, Key{"amount", &Payment::amount},
                      Key{"tendered", &Payment::tendered}, Key{"reference", &Payment::reference},
                      Key{"shift_id", &Payment::shift_id}};
}

constexpr auto KeysOf(Tag<ShopCurrencyTotals>) {
    return std::tuple{Key{"total", &ShopCurrencyTotals::total},
                      Key{"tax", &ShopCurrencyTotals::tax}};
}

constexpr auto KeysOf(Tag<Order>) {
    return std::tuple{Key{"id", &Order::id},
                      Key{"number", &Order::number},
                      Key{"channel", &Order::channel},
                      Key{"external_id", &Order::external_id},
                      Key{"location_id", &Order::location_id},
                      Key{"currency", &Order::currency},
                      Key{"placed_at", &Order::placed_at},
                      Key{"despatch_by", &Order::despatch_by},
                      Key{"deliver_by", &Order::deliver_by},
                      Key{"customer_email", &Order::customer_email},
                      LaterText{"customer_name", &Order::customer_name},
                      Key{"lines", &Order::lines},
                      Key{"attention", &Order::attention},
                      LaterKey{"shop_currency", &Order::shop_currency}};
}

constexpr auto KeysOf(Tag<ReturnLine>) {
    return std::tuple{Key{"order_line_no", &ReturnLine::order_line_no},
                      Key{"sku", &ReturnLine::sku},
                      Key{"quantity", &ReturnLine::quantity},
                      Key{"unit_value", &ReturnLine::unit_value},
                      Key{"reason", &ReturnLine::reason},
                      Key{"condition", &ReturnLine::condition}};
}

constexpr auto KeysOf(Tag<Return>) {
    return std::tuple{Key{"id", &Return::id},
                      Key{"order_id", &Return::order_id},
                      Key{"location_id", &Return::location_id},
                      Key{"no_receipt", &Return::no_receipt},
                      Key{"currency", &Return::currency},
                      Key{"lines", &Return::lines}};
}

constexpr auto KeysOf(Tag<Refund>) {
    return std::tuple{Key{"tender", &Refund::tender}, Key{"amount", &Refund::amount},
                      Key{"reference", &Refund::reference}, Key{"shift_id", &Refund::shift_id}};
}

constexpr auto KeysOf(Tag<SkuQuantity>) {
    return std::tuple{Key{"sku", &SkuQuantity::sku}, Key{"quantity", &SkuQuantity::quantity}};
}

constexpr auto KeysOf(Tag<OrderPlaced>) {
    return std::tuple{Key{"order", &OrderPlaced::order},
                      Key{"handed_over", &OrderPlaced::handed_over},
                      Key{"payments", &OrderPlaced::payments}};
}

constexpr auto KeysOf(Tag<PaymentTaken>) {
    return std::tuple{Key{"order_id", &PaymentTaken::order_id},
                      Key{"payment", &PaymentTaken::payment}};
}

constexpr auto KeysOf(Tag<StockReserved>) {
    return std::tuple{Key{"order_id", &StockReserved::order_id},
                      Key{"location_id", &StockReserved::location_id},
                      Key{"lines", &StockReserved::lines}};
}

constexpr auto KeysOf(Tag<OrderStatusChanged>) {
    return std::tuple{Key{"order_id", &OrderStatusChanged::order_id},
                      Key{"to", &OrderStatusChanged::to}};
}

constexpr auto KeysOf(Tag<OrderDispatched>) {
    return std::tuple{Key{"order_id", &OrderDispatched::order_id},
                      Key{"tracking", &OrderDispatched::tracking}};
}

constexpr auto KeysOf(Tag<OrderCancelled>) {
    return std::tuple{Key{"order_id", &OrderCancelled::order_id},
                      Key{"reason", &OrderCancelled::reason}};
}

constexpr auto KeysOf(Tag<ReturnReceived>) {
    return std::tuple{Key{"ret", &ReturnReceived::ret}};
}

constexpr auto KeysOf(Tag<RefundIssued>) {
    return std::tuple{Key{"order_id", &RefundIssued::order_id},
                      Key{"return_id", &RefundIssued::return_id},
                      Key{"refund", &RefundIssued::refund}};
}

constexpr auto KeysOf(Tag<ExchangeCompleted>) {
    return std::tuple{
        Key{"ret", &ExchangeCompleted::ret}, Key{"new_order", &ExchangeCompleted::new_order},
        Key{"payments", &ExchangeCompleted::payments}, Key{"refunds", &ExchangeCompleted::refunds}};
}

constexpr auto KeysOf(Tag<StockAdjusted>) {
    return std::tuple{Key{"location_id", &StockAdjusted::location_id},
                      Key{"sku", &StockAdjusted::sku}, Key{"delta", &StockAdjusted::delta},
                      Key{"reason", &StockAdjusted::reason}, Key{"note", &StockAdjusted::note}};
}

constexpr auto KeysOf(Tag<StockTransferred>) {
    return std::tuple{Key{"from_location_id", &StockTransferred::from_location_id},
                      Key{"to_location_id", &StockTransferred::to_location_id},
                      Key{"lines", &StockTransferred::lines}};
}

constexpr auto KeysOf(Tag<ShiftOpened>) {
    return std::tuple{
        Key{"shift_id", &ShiftOpened::shift_id}, Key{"location_id", &ShiftOpened::location_id},
        Key{"terminal", &ShiftOpened::terminal}, Key{"opening_float", &ShiftOpened::opening_float}};
}

constexpr auto KeysOf(Tag<CashMoved>) {
    return std::tuple{Key{"shift_id", &CashMoved::shift_id}, Key{"kind", &CashMoved::kind},
                      Key{"amount", &CashMoved::amount}, Key{"reason", &CashMoved::reason}};
}

constexpr auto KeysOf(Tag<OrderFlagged>) {
    return std::tuple{Key{"order_id", &OrderFlagged::order_id},
                      Key{"reasons", &OrderFlagged::reasons}};
}

constexpr auto KeysOf(Tag<ReferenceChanged>) {
    return std::tuple{Key{"entity", &ReferenceChanged::entity}, Key{"key", &ReferenceChanged::key},
                      Key{"change", &ReferenceChanged::change},
                      Key{"detail", &ReferenceChanged::detail}};
}

constexpr auto KeysOf(Tag<OrderAmended>) {
    return std::tuple{Key{"order", &OrderAmended::order}, Key{"reason", &OrderAmended::reason}};
}

constexpr auto KeysOf(Tag<ShiftClosed>) {
    return std::tuple{Key{"shift_id", &ShiftClosed::shift_id},
                      Key{"counted", &ShiftClosed::counted}};
}

constexpr auto KeysOf(Tag<CreditIssued>) {
    return std::tuple{Key{"card_number", &CreditIssued::card_number},
                      Key{"amount", &CreditIssued::amount},
                      Key{"order_id", &CreditIssued::order_id},
                      Key{"cancels_redemption_id", &CreditIssued::cancels_redemption_id},
                      Key{"note", &CreditIssued::note}};
}

constexpr auto KeysOf(Tag<CreditRedeemed>) {
    return std::tuple{Key{"redemption_id", &CreditRedeemed::redemption_id},
                      Key{"card_number", &CreditRedeemed::card_number},
                      Key{"amount", &CreditRedeemed::amount}, Key{"note", &CreditRedeemed::note}};
}

constexpr auto KeysOf(Tag<DrawerOpened>) {
    return std::tuple{Key{"shift_id", &DrawerOpened::shift_id},
                      Key{"terminal", &DrawerOpened::terminal},
                      Key{"reason", &DrawerOpened::reason}, Key{"note", &DrawerOpened::note}};
}

template <class S>
concept HasKeys = requires {
    KeysOf(Tag<S>{});
};

// ---- Writing: one ToJson per field type ----

template <class T>
requires std::is_arithmetic_v<T> || std::is_same_v<T, std::string> json ToJson(const T& value) {
    return value;
}

template <class E>
requires std::is_enum_v<E> json ToJson(E value) {
    return static_cast<std::underlying_type_t<E>>(value);
}

json ToJson(const Money& amount) {
    return {{"minor", amount.Minor()}, {"currency", amount.GetCurrency().code}};
}

template <HasKeys S>
json ToJson(const S& value);

template <class T>
json ToJson(const std::optional<T>& value) {
    return value ? ToJson(*value) : json(nullptr);
}

template <class T>
json ToJson(const std::vector<T>& items) {
    json out = json::array();
    for (const T& item : items)
        out.push_back(ToJson(item));
    return out;
}

template <class S, class M>
void WriteKey(json& out, const S& value, const Key<S, M>& key) {
    out[key.name] = ToJson(value.*key.member);
}

template <class S, class T>
void WriteKey(json& out, const S& value, const LaterKey<S, T>& key) {
    if (value.*key.member) out[key.name] = ToJson(*(value.*key.member));
}

template <class S>
void WriteKey(json& out, const S& value, const LaterText<S>& key) {
    if (!(value.*key.member).empty()) out[key.name] = value.*key.member;
}

template <HasKeys S>
json ToJson(const S& value) {
    json out = json::object();
    std::apply([&](const auto&... keys) { (WriteKey(out, value, keys), ...); }, KeysOf(Tag<S>{}));
    return out;
}

// ---- Reading: one Read per field type, picked by Tag<T> ----

template <class T>
inline constexpr bool kIsOptional = false;
template <class T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

// Integers only: 19.99, 1e3 and 1000.0 are floats and rejected, as are strings and booleans, and
// whole numbers that do not fit int64 (core::ReadJsonInteger).
Result<std::int64_t> Read(const json& value, const std::string& path, Tag<std::int64_t>) {
    auto number = core::ReadJsonInteger(value);
    if (number) return *number;
    return Fail(path, number.error() == core::JsonIntegerProblem::kOutOfRange
                          ? "out of range"
                          : "expected an integer");
}

Result<int> Read(const json& value, const std::string& path, Tag<int>) {
    auto wide = Read(value, path, Tag<std::int64_t>{});
    if (!wide) return std::unexpected(std::move(wide.error()));
    if (!std::in_range<int>(*wide)) return Fail(path, "out of range");
    return static_cast<int>(*wide);
}

Result<bool> Read(const json& value, const std::string& path, Tag<bool>) {
    if (const auto* flag = value.get_ptr<const json::boolean_t*>()) return *flag;
    return Fail(path, "expected true or false");
}

Result<std::string> Read(const json& value, const std::string& path, Tag<std::string>) {
    if (const auto* text = value.get_ptr<const json::string_t*>()) return *text;
    return Fail(path, "expected a string");
}

template <class E>
requires std::is_enum_v<E> Result<E> Read(const json& value, const std::string& path, Tag<E>) {
    using Underlying = std::underlying_type_t<E>;
    auto raw = Read(value, path, Tag<std::int64_t>{});
    if (!raw) return std::unexpected(std::move(raw.error()));
    if (std::in_range<Underlying>(*raw)) {
        const auto candidate = static_cast<E>(static_cast<Underlying>(*raw));
        if (IsKnown(candidate)) return candidate;
    }
    return Fail(path, std::to_string(*raw) + " is not a known value");
}

template <class T>
Result<std::optional<T>> Read(const json& value, const std::string& path, Tag<std::optional<T>>) {
    if (value.is_null()) return std::optional<T>{};
    auto inner = Read(value, path, Tag<T>{});
    if (!inner) return std::unexpected(std::move(inner.error()));
    return std::optional<T>(std::move(*inner));
}

template <class T>
Result<std::vector<T>> Read(const json& value, const std::string& path, Tag<std::vector<T>>) {
    const auto* items = value.get_ptr<const json::array_t*>();
    if (items == nullptr) return Fail(path, "expected an array");
    std::vector<T> out;
    out.reserve(items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto item = Read((*items)[i], IndexPath(path, i), Tag<T>{});
        if (!item) return std::unexpected(std::move(item.error()));
        out.push_back(std::move(*item));
    }
    return out;
}

// Reads the keys of one JSON object into fields; the first error wins and later reads are
// skipped. A missing key is an error unless the field is a std::optional (absent means empty);
// unknown keys are ignored.
class ObjectReader {
  public:
    ObjectReader(const json& object, std::string path) : m_object(object), m_path(std::move(path)) {
        if (!m_object.is_object()) {
            m_error = FieldError(ErrorCode::kInvalidInput, m_path, "expected an object");
        }
    }

    template <class T>
    ObjectReader& Field(std::string_view key, T& target) {
        if (m_error) return *this;
        std::string path = KeyPath(m_path, key);
        if (!m_object.contains(key)) {
            if constexpr (!kIsOptional<T>) {
                m_error = FieldError(ErrorCode::kInvalidInput, path, "missing");
            }
            return *this;
        }
        auto value = Read(m_object.at(key), path, Tag<T>{});
        if (value) {
            target = std::move(*value);
        } else {
            m_error = std::move(value.error());
        }
        return *this;
    }

    [[nodiscard]] Status Finish() {
        if (m_error) return std::unexpected(std::move(*m_error));
        return {};
    }

    template <class T>
    [[nodiscard]] Result<T> Finish(T value) {
        if (auto status = Finish(); !status) return std::unexpected(std::move(status.error()));
        return value;
    }

  private:
    const json& m_object;
    std::string m_path;
    std::optional<Error> m_error;
};

template <class S, class M>
void ReadKey(ObjectReader& reader, S& out, const Key<S, M>& key) {
    reader.Field(key.name, out.*key.member);
}

template <class S, class T>
void ReadKey(ObjectReader& reader, S& out, const LaterKey<S, T>& key) {
    reader.Field(key.name, out.*key.member);
}

template <class S>
void ReadKey(ObjectReader& reader, S& out, const LaterText<S>& key) {
    std::optional<std::string> text;
    reader.Field(key.name, text);
    out.*key.member = text.value_or("");
}

Result<Money> Read(const json& value, const std::string& path, Tag<Money>) {
    std::int64_t minor = 0;
    std::string code;
    ObjectReader reader(value, path);
    reader.Field("minor", minor).Field("currency", code);
    if (auto status = reader.Finish(); !status) return std::unexpected(std::move(status.error()));
    auto currency = money::FindCurrency(code);
    if (!currency) {
        const std::string currency_path = KeyPath(path, "currency");
        Error error = currency.error().WithContext(currency_path);
        error.field = currency_path;
        return std::unexpected(std::move(error));
    }
    return Money(minor, std::move(*currency));
}

template <HasKeys S>
Result<S> Read(const json& value, const std::string& path, Tag<S>) {
    S out;
    ObjectReader reader(value, path);
    std::apply([&](const auto&... keys) { (ReadKey(reader, out, keys), ...); }, KeysOf(Tag<S>{}));
    return reader.Finish(std::move(out));
}

// ---- Payload dispatch ----

using PayloadReader = Result<EventPayload> (*)(const json&);

template <class T>
Result<EventPayload> ReadPayload(const json& value) {
    auto payload = Read(value, "payload", Tag<T>{});
    if (!payload) return std::unexpected(std::move(payload.error()));
    return EventPayload(std::move(*payload));
}

// nullptr for a kind this build does not know (-Wswitch flags a new kind missing here).
PayloadReader ReaderFor(EventKind kind) {
    switch (kind) {
        case EventKind::kOrderPlaced:
            return &ReadPayload<OrderPlaced>;
        case EventKind::kPaymentTaken:
            return &ReadPayload<PaymentTaken>;
        case EventKind::kStockReserved:
            return &ReadPayload<StockReserved>;
        case EventKind::kOrderStatusChanged:
            return &ReadPayload<OrderStatusChanged>;
        case EventKind::kOrderDispatched:
            return &ReadPayload<OrderDispatched>;
        case EventKind::kOrderCancelled:
            return &ReadPayload<OrderCancelled>;
        case EventKind::kReturnReceived:
            return &ReadPayload<ReturnReceived>;
        case EventKind::kRefundIssued:
            return &ReadPayload<RefundIssued>;
        case EventKind::kExchangeCompleted:
            return &ReadPayload<ExchangeCompleted>;
        case EventKind::kStockAdjusted:
            return &ReadPayload<StockAdjusted>;
        case EventKind::kStockTransferred:
            return &ReadPayload<StockTransferred>;
        case EventKind::kShiftOpened:
            return &ReadPayload<ShiftOpened>;
        case EventKind::kCashMoved:
            return &ReadPayload<CashMoved>;
        case EventKind::kShiftClosed:
            return &ReadPayload<ShiftClosed>;
        case EventKind::kOrderFlagged:
            return &ReadPayload<OrderFlagged>;
        case EventKind::kReferenceChanged:
            return &ReadPayload<ReferenceChanged>;
        case EventKind::kOrderAmended:
            return &ReadPayload<OrderAmended>;
        case EventKind::kCreditIssued:
            return &ReadPayload<CreditIssued>;
        case EventKind::kCreditRedeemed:
            return &ReadPayload<CreditRedeemed>;
        case EventKind::kDrawerOpened:
            return &ReadPayload<DrawerOpened>;
    }
    return nullptr;
}

PayloadReader ReaderFor(std::int64_t raw_kind) {
    if (!std::in_range<int>(raw_kind)) return nullptr;
    return ReaderFor(static_cast<EventKind>(static_cast<int>(raw_kind)));
}

// Written by a newer version, or garbage: either way not something this build can apply.
std::unexpected<Error> UnknownKind(std::int64_t raw_kind) {
    return std::unexpected(FieldError(ErrorCode::kUnsupported, "kind",
                                      "unknown event kind " + std::to_string(raw_kind)));
}

}  // namespace

nlohmann::json PayloadToJson(const EventPayload& payload) {
    return std::visit([](const auto& alternative) { return ToJson(alternative); }, payload);
}

Result<EventPayload> PayloadFromJson(EventKind kind, const nlohmann::json& json) {
    const PayloadReader read = ReaderFor(kind);
    if (read == nullptr) return UnknownKind(static_cast<int>(kind));
    return read(json);
}

nlohmann::json EventToJson(const Event& event) {
    json out = {{"id", event.id},
                {"kind", ToJson(KindOf(event.payload))},
                {"origin", event.origin},
                {"origin_seq", event.origin_seq},
                {"actor", event.actor},
                {"occurred_at", event.occurred_at},
                {"payload", PayloadToJson(event.payload)}};
    if (!event.approver.empty()) out["approver"] = event.approver;  // absent when none
    return out;
}

Result<Event> EventFromJson(const nlohmann::json& json) {
    Event event;
    std::int64_t raw_kind = 0;
    std::optional<std::string> approver;
    ObjectReader reader(json, "");
    reader.Field("id", event.id)
        .Field("kind", raw_kind)
        .Field("origin", event.origin)
        .Field("origin_seq", event.origin_seq)
        .Field("actor", event.actor)
        .Field("occurred_at", event.occurred_at)
        .Field("approver", approver);
    event.approver = approver.value_or("");
    auto envelope = reader.Finish(std::move(event));
    if (!envelope) return envelope;

    const PayloadReader read = ReaderFor(raw_kind);
    if (read == nullptr) return UnknownKind(raw_kind);
    if (!json.contains("payload")) return Fail("payload", "missing");
    auto payload = read(json.at("payload"));
    if (!payload) return std::unexpected(std::move(payload.error()));
    envelope->payload = std::move(*payload);
    return envelope;
}

Result<Event> ParseEvent(std::string_view text) {
    const json parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded()) {
        return std::unexpected(MakeError(ErrorCode::kInvalidInput, "not valid JSON"));
    }
    return EventFromJson(parsed);
}

}  // namespace tillbook::ledger
