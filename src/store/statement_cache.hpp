// Prepared statements kept for the life of a connection, keyed by their SQL
// text: a hot path (ingesting feedback) prepares each statement once.
#pragma once

#include "store/sqlite_db.hpp"

#include <map>
#include <string>
#include <string_view>

namespace mailwarden::store {

class StatementCache {
public:
    explicit StatementCache(Database& db) : db_(&db) {}

    /// The statement for `sql`, reset and unbound, ready to bind and run.
    /// Valid until the next call for the same SQL. Errors: io.
    Result<Statement*, Error> get(std::string_view sql);

private:
    Database* db_;
    std::map<std::string, Statement, std::less<>> statements_;
};

}  // namespace mailwarden::store
