// The bounce tracker's options through the C ABI: its lines and counts.
#include "capi_bounce.hpp"

#include <cmath>

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;

// The tracker's policy, which the options object holds.
template <class Apply>
int set_policy(mw_tracker_options* o, mw_error** err, Apply&& apply) noexcept {
    return mailwarden::capi::set_option(o, err, [&](mw_tracker_options& t) { apply(t.policy); });
}

/// A rate line: a fraction in (0, 1].
int set_rate(mw_tracker_options* o, double rate, mw_error** err, void (*apply)(mailwarden::TrackerPolicy&, double)) {
    if (!std::isfinite(rate) || rate <= 0 || rate > 1)
        return fail(err, MW_EINVAL, "a rate line must be a fraction in (0, 1]");
    return set_policy(o, err, [&](mailwarden::TrackerPolicy& p) { apply(p, rate); });
}

}  // namespace

extern "C" {

int mw_tracker_options_new(mw_tracker_options** out, mw_error** err) {
    return mailwarden::capi::new_options(out, err);
}

void mw_tracker_options_free(mw_tracker_options* o) { delete o; }

int mw_tracker_options_set_bounce_suspend(mw_tracker_options* o, double rate, mw_error** err) {
    return set_rate(o, rate, err, [](mailwarden::TrackerPolicy& p, double r) { p.bounce_suspend = r; });
}

int mw_tracker_options_set_bounce_warning(mw_tracker_options* o, double rate, mw_error** err) {
    if (rate == 0)
        return set_policy(o, err, [](mailwarden::TrackerPolicy& p) { p.bounce_warning.reset(); });
    return set_rate(o, rate, err, [](mailwarden::TrackerPolicy& p, double r) { p.bounce_warning = r; });
}

int mw_tracker_options_set_complaint_warning(mw_tracker_options* o, double rate, mw_error** err) {
    return set_rate(o, rate, err, [](mailwarden::TrackerPolicy& p, double r) { p.complaint_warning = r; });
}

int mw_tracker_options_set_complaint_suspend(mw_tracker_options* o, double rate, mw_error** err) {
    return set_rate(o, rate, err, [](mailwarden::TrackerPolicy& p, double r) { p.complaint_suspend = r; });
}

int mw_tracker_options_set_window_sends(mw_tracker_options* o, int64_t sends, mw_error** err) {
    if (sends < 1) return fail(err, MW_EINVAL, "the window must hold at least one send");
    return set_policy(o, err, [&](mailwarden::TrackerPolicy& p) { p.window_sends = sends; });
}

int mw_tracker_options_set_minimum_sends(mw_tracker_options* o, int64_t sends, mw_error** err) {
    if (sends < 0) return fail(err, MW_EINVAL, "the minimum volume must not be negative");
    return set_policy(o, err, [&](mailwarden::TrackerPolicy& p) { p.minimum_sends = sends; });
}

int mw_tracker_options_set_soft_bounce_limit(mw_tracker_options* o, int limit, int64_t period_seconds,
                                             mw_error** err) {
    if (limit < 0) return fail(err, MW_EINVAL, "the soft-bounce limit must not be negative (0: never)");
    if (period_seconds < 1) return fail(err, MW_EINVAL, "the soft-bounce period must be positive");
    return set_policy(o, err, [&](mailwarden::TrackerPolicy& p) {
        p.soft_bounce_limit = limit;
        p.soft_bounce_period = std::chrono::seconds(period_seconds);
    });
}

int mw_tracker_options_set_suppress_globally(mw_tracker_options* o, int on, mw_error** err) {
    return set_policy(o, err, [&](mailwarden::TrackerPolicy& p) { p.suppress_globally = on != 0; });
}

int mw_tracker_options_set_count_simulator(mw_tracker_options* o, int on, mw_error** err) {
    return set_policy(o, err, [&](mailwarden::TrackerPolicy& p) { p.count_simulator = on != 0; });
}

int mw_tracker_options_set_default_account(mw_tracker_options* o, const char* account, mw_error** err) {
    if (account == nullptr || *account == '\0') return fail(err, MW_EINVAL, "the account must not be empty");
    return set_policy(o, err, [&](mailwarden::TrackerPolicy& p) { p.default_account = account; });
}

}  // extern "C"
