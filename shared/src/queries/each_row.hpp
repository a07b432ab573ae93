#pragma once
// The read models' loops over a statement's rows.
#include <optional>
#include <type_traits>

#include "tillbook/store/sqlite.hpp"

namespace tillbook::queries {

// Steps `q` to its end, handing every row to `read`; a failed step is the error.
template <class Read>
[[nodiscard]] Status EachRow(store::StatementUse& q, Read&& read) {
    while (true) {
        auto row = q.Step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
        read(q);
    }
}

// What `read` makes of the first row of `q`; nullopt when there is no row.
template <class Read>
[[nodiscard]] auto FirstRow(store::StatementUse& q, Read&& read)
    -> Result<std::optional<std::invoke_result_t<Read&, const store::StatementUse&>>> {
    auto row = q.Step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::nullopt;
    return read(q);
}

}  // namespace tillbook::queries
