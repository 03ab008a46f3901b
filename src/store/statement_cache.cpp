#include "store/statement_cache.hpp"

namespace mailwarden::store {

Result<Statement*, Error> StatementCache::get(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        auto prepared = db_->prepare(sql);
        if (!prepared) return unexpected(std::move(prepared).error());
        it = statements_.emplace(std::string(sql), std::move(*prepared)).first;
    } else {
        it->second.reset();
    }
    return &it->second;
}

}  // namespace mailwarden::store
