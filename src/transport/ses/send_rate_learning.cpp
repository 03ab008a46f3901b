#include "send_rate_learning.hpp"

namespace mailwarden::ses {

SendRateLearning::Step SendRateLearning::on_send(clock::time_point now) {
    switch (state_) {
    case State::not_asked:
        state_ = State::asking_first;
        return Step::ask_and_wait;
    case State::asking_first:
        return Step::wait;
    case State::fallback:
        if (now < next_attempt_) return Step::send;
        // A rate is in force already (the fallback): holding sends behind a
        // GetAccount that may fail again, after its full timeouts and
        // retries, would gain nothing.
        state_ = State::asking_again;
        return Step::ask_and_send;
    case State::learned:
    case State::asking_again:
        break;
    }
    return Step::send;
}

double SendRateLearning::on_account(std::optional<double> max_send_rate, clock::time_point now) {
    if (max_send_rate && *max_send_rate > 0) {
        state_ = State::learned;
        return *max_send_rate;
    }
    state_ = State::fallback;
    next_attempt_ = now + retry_interval;
    return fallback_rate;
}

}  // namespace mailwarden::ses
