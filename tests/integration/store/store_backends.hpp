// The backends every conformance case runs on: a SQLite file in a temporary
// folder and a fresh PostgreSQL schema. Cases call for_each_backend() and
// check the same behaviour on each; CAPTURE names the backend on failure.
#pragma once

#include <mailwarden/stores.hpp>

#include <functional>
#include <string>

namespace mailwarden::test {

struct Backend {
    std::string name;      ///< "sqlite" or "postgresql"
    std::string location;  ///< what open_stores() takes
};

/// Runs `body(backend, stores)` once per backend, each time on new, empty stores.
void for_each_backend(const std::function<void(const Backend&, Stores&)>& body);

/// A new empty location of the named backend (for cases that open it twice,
/// as two processes would).
Backend fresh_backend(const std::string& name);

}  // namespace mailwarden::test
