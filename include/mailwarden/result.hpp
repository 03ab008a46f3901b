// Result<T, E>: a value or an error, for operations whose failures are
// expected (network, remote services). A small stand-in for C++23
// std::expected, kept deliberately minimal.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

namespace mailwarden {

template <class E>
struct Unexpected {
    E error;
};

template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& e) {
    return {std::forward<E>(e)};
}

template <class T, class E>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    template <class U>
    Result(Unexpected<U> e) : v_(std::in_place_index<1>, std::move(e.error)) {}

    bool has_value() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & { assert(has_value()); return std::get<0>(v_); }
    const T& value() const& { assert(has_value()); return std::get<0>(v_); }
    T&& value() && { assert(has_value()); return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const E& error() const& { assert(!has_value()); return std::get<1>(v_); }
    E&& error() && { assert(!has_value()); return std::get<1>(std::move(v_)); }

private:
    std::variant<T, E> v_;
};

/// Result of an operation that returns nothing on success.
struct Done {};

}  // namespace mailwarden
