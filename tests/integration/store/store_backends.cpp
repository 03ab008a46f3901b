#include "store_backends.hpp"

#include "support/postgres_schema.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <list>

namespace mailwarden::test {

Backend fresh_backend(const std::string& name) {
    if (name == "postgresql") return {name, fresh_postgres_schema()};
    // Folders live until the program ends: a case may reopen the file.
    static std::list<TempDir> folders;
    folders.emplace_back();
    return {name, (folders.back().path() / "store.db").string()};
}

void for_each_backend(const std::function<void(const Backend&, Stores&)>& body) {
    for (const char* name : {"sqlite", "postgresql"}) {
        const Backend backend = fresh_backend(name);
        CAPTURE(backend.name);
        auto stores = open_stores(backend.location);
        REQUIRE_MESSAGE(stores.has_value(), stores.error().message);
        body(backend, *stores);
    }
}

}  // namespace mailwarden::test
