// When the client asks GetAccount for the account's MaxSendRate, and what a
// send does meanwhile. Pure bookkeeping: time comes from the caller, the
// caller runs GetAccount, holds the sends that must wait and serialises the
// calls (the client does all of it on its I/O strand).
//
//   not asked --first send--> asking --MaxSendRate--> learned (for good)
//                               |
//                               +--failure--> fallback, 1/s --first send after retry_interval--> asking again
//                                                  ^                (sends keep going at 1/s)         |
//                                                  +-------------------failure-----------------------+
#pragma once

#include <chrono>
#include <optional>

namespace mailwarden::ses {

class SendRateLearning {
public:
    using clock = std::chrono::steady_clock;

    /// The pace while MaxSendRate is not known: 1 message per second, the
    /// Amazon SES sandbox's rate, which no account's quota is below.
    static constexpr double fallback_rate = 1.0;
    /// The least time from a failed GetAccount to the next one: a send every
    /// few milliseconds must not turn into a GetAccount every few
    /// milliseconds against a service that is failing or throttling.
    static constexpr std::chrono::seconds retry_interval{30};

    enum class Step {
        send,            ///< pace at the rate in force and send
        wait,            ///< the first GetAccount is in flight: hold the send until it ends
        ask_and_wait,    ///< start GetAccount and hold the send (and those after it) until it ends
        ask_and_send,    ///< start GetAccount again, and send at the fallback rate meanwhile
    };

    /// What a send arriving at `now` does. At most one GetAccount is asked
    /// for at a time: the ask_* steps are only returned when none is in flight.
    Step on_send(clock::time_point now);

    /// The end of the GetAccount an ask_* step started: the account's
    /// MaxSendRate, or nothing when the call failed or the answer had no
    /// usable rate (<= 0). Returns the rate to pace at from now on.
    double on_account(std::optional<double> max_send_rate, clock::time_point now);

    bool learned() const noexcept { return state_ == State::learned; }
    bool asking() const noexcept { return state_ == State::asking_first || state_ == State::asking_again; }

private:
    enum class State { not_asked, asking_first, learned, fallback, asking_again };
    State state_ = State::not_asked;
    clock::time_point next_attempt_{};
};

}  // namespace mailwarden::ses
