// Cleaning an address list through the C ABI: options, the streaming
// cleaner with its verdict and progress callbacks, verdicts and counts.
#include "capi_address.hpp"
#include "capi_bounce.hpp"
#include "capi_dns.hpp"
#include "capi_lists.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

struct mw_clean_options {
    mailwarden::CleanOptions value;
    std::shared_ptr<mailwarden::BounceTracker> tracker;  // suppressions, when set
    std::string tracker_account;
    mw_clean_progress_fn progress = nullptr;
    std::size_t progress_every = 0;
    void* progress_user_data = nullptr;
};

struct mw_cleaner : mailwarden::capi::Counted<mw_cleaner> {
    std::unique_ptr<mailwarden::ListCleaner> cleaner;
    mw_clean_verdict_fn on_verdict = nullptr;
    void* user_data = nullptr;
    mw_clean_progress_fn progress = nullptr;
    std::size_t progress_every = 0;
    void* progress_user_data = nullptr;
    std::size_t since_progress = 0;
    std::atomic<bool> busy{false};  // a feed or finish is running
    bool finished = false;

    // The first failure of a suppression lookup, reported by the next feed
    // or finish (the cleaner's callback cannot fail).
    std::mutex lookup_mutex;
    std::optional<mailwarden::Error> lookup_error;

    void deliver(const mailwarden::CleanVerdict& verdict) {
        const mailwarden::capi::InCallback in_callback;
        const mw_clean_verdict borrowed{&verdict};
        on_verdict(&borrowed, user_data);
        if (progress != nullptr && ++since_progress >= progress_every) {
            since_progress = 0;
            report_progress(cleaner->stats());
        }
    }

    void report_progress(const mailwarden::CleanStats& stats) {
        const mailwarden::capi::InCallback in_callback;
        const mw_clean_stats borrowed{stats};
        progress(&borrowed, progress_user_data);
    }
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::set_option;
using mailwarden::capi::guarded;

/// Runs a feed or finish: one at a time, never after finish, and the
/// cleaner's own failures (an unreadable column, a failed lookup) as errors.
template <class Body>
int cleaner_step(mw_cleaner* c, mw_error** err, Body&& body) noexcept {
    return mailwarden::capi::with_handle(c, "cleaner", err, [&](mw_cleaner& h) -> int {
        if (h.busy.exchange(true)) return fail(err, MW_EINVAL, "a feed or finish of this cleaner is already running");
        struct Idle {
            std::atomic<bool>& busy;
            ~Idle() { busy = false; }
        } idle{h.busy};
        if (h.finished) return fail(err, MW_EINVAL, "the cleaner has finished");
        body(h);
        if (const auto& input_error = h.cleaner->input_error()) return fail(err, MW_EINVAL, *input_error);
        const std::lock_guard lock(h.lookup_mutex);
        if (h.lookup_error) return fail(err, *h.lookup_error);
        return MW_OK;
    });
}

int return_stats(mw_clean_stats** out, const mailwarden::CleanStats& stats, mw_error** err) {
    if (out == nullptr) return MW_OK;
    return guarded(err, [&]() -> int {
        *out = new mw_clean_stats{stats};
        return MW_OK;
    });
}

}  // namespace

extern "C" {

const char* mw_mail_domain_status_name(int status) {
    if (status < 0 || status > MW_MAIL_DOMAIN_UNKNOWN) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::MailDomainStatus>(status)).data();
}

/* ---- verdicts and counts ---- */

size_t mw_clean_verdict_row(const mw_clean_verdict* v) { return v != nullptr ? v->value->row : 0; }
size_t mw_clean_verdict_line(const mw_clean_verdict* v) { return v != nullptr ? v->value->line : 0; }
const char* mw_clean_verdict_input(const mw_clean_verdict* v) { return v != nullptr ? v->value->input.c_str() : ""; }
const char* mw_clean_verdict_address(const mw_clean_verdict* v) {
    return v != nullptr ? v->value->address.c_str() : "";
}
int mw_clean_verdict_verdict(const mw_clean_verdict* v) {
    return static_cast<int>(v != nullptr ? v->value->verdict : mailwarden::AddressVerdict::invalid);
}
size_t mw_clean_verdict_reason_count(const mw_clean_verdict* v) { return v != nullptr ? v->value->reasons.size() : 0; }
const char* mw_clean_verdict_reason(const mw_clean_verdict* v, size_t index) {
    return mailwarden::capi::c_str_or_empty(v != nullptr ? mailwarden::capi::element_at(&v->value->reasons, index)
                                                         : nullptr);
}
size_t mw_clean_verdict_duplicate_of(const mw_clean_verdict* v) {
    return v != nullptr ? v->value->duplicate_of.value_or(0) : 0;
}
const char* mw_clean_verdict_suggestion(const mw_clean_verdict* v) {
    return v != nullptr ? v->value->suggestion.c_str() : "";
}
int mw_clean_verdict_domain_status(const mw_clean_verdict* v) {
    return static_cast<int>(v != nullptr ? v->value->domain : mailwarden::MailDomainStatus::not_checked);
}
int mw_clean_verdict_to_json(char** out, const mw_clean_verdict* v, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (v == nullptr) return fail_null(err, "verdict");
    return guarded(err, [&] { return mailwarden::capi::return_string(out, mailwarden::to_json(*v->value), err); });
}

uint64_t mw_clean_stats_rows(const mw_clean_stats* s) { return s != nullptr ? s->value.rows : 0; }
uint64_t mw_clean_stats_valid(const mw_clean_stats* s) { return s != nullptr ? s->value.valid : 0; }
uint64_t mw_clean_stats_risky(const mw_clean_stats* s) { return s != nullptr ? s->value.risky : 0; }
uint64_t mw_clean_stats_invalid(const mw_clean_stats* s) { return s != nullptr ? s->value.invalid : 0; }
uint64_t mw_clean_stats_duplicates(const mw_clean_stats* s) { return s != nullptr ? s->value.duplicates : 0; }
uint64_t mw_clean_stats_domains(const mw_clean_stats* s) { return s != nullptr ? s->value.domains : 0; }
uint64_t mw_clean_stats_domains_resolved(const mw_clean_stats* s) {
    return s != nullptr ? s->value.domains_looked_up : 0;
}
void mw_clean_stats_free(mw_clean_stats* s) { delete s; }

/* ---- options ---- */

int mw_clean_options_new(mw_clean_options** out, mw_error** err) {
    return mailwarden::capi::new_options(out, err);
}
void mw_clean_options_free(mw_clean_options* o) { delete o; }

int mw_clean_options_set_address_options(mw_clean_options* o, const mw_address_options* address, mw_error** err) {
    if (address == nullptr) return fail_null(err, "address options");
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.address_policy = address->policy;
        return MW_OK;
    });
}
int mw_clean_options_set_resolver(mw_clean_options* o, mw_resolver* resolver, mw_error** err) {
    return mailwarden::capi::set_resolver(o != nullptr ? &o->value.resolver : nullptr, resolver, err);
}
int mw_clean_options_set_tracker(mw_clean_options* o, mw_tracker* tracker, const char* account, mw_error** err) {
    if (o == nullptr) return fail_null(err, "options");
    if (tracker == nullptr) {
        o->tracker.reset();
        return MW_OK;
    }
    return mailwarden::capi::with_handle(tracker, "tracker", err, [&](mw_tracker& t) -> int {
        o->tracker = t.tracker;
        o->tracker_account = account != nullptr ? account : "";
        return MW_OK;
    });
}
int mw_clean_options_set_check_disposable(mw_clean_options* o, int check, mw_error** err) {
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.check_disposable = check != 0;
        return MW_OK;
    });
}
int mw_clean_options_add_disposable_allow(mw_clean_options* o, const char* domain, mw_error** err) {
    if (domain == nullptr || *domain == '\0') return fail(err, MW_EINVAL, "the domain must not be NULL or empty");
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.disposable_allow.emplace_back(domain);
        return MW_OK;
    });
}
int mw_clean_options_set_suggest_typos(mw_clean_options* o, int suggest, mw_error** err) {
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.suggest_typos = suggest != 0;
        return MW_OK;
    });
}
int mw_clean_options_set_fold_provider_aliases(mw_clean_options* o, int fold, mw_error** err) {
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.fold_provider_aliases = fold != 0;
        return MW_OK;
    });
}
int mw_clean_options_set_input(mw_clean_options* o, int input, mw_error** err) {
    if (input < MW_CLEAN_INPUT_AUTO || input > MW_CLEAN_INPUT_LINES)
        return fail(err, MW_EINVAL, "the input must be an mw_clean_input value");
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.input = static_cast<mailwarden::CleanOptions::Input>(input);
        return MW_OK;
    });
}
int mw_clean_options_set_delimiter(mw_clean_options* o, char delimiter, mw_error** err) {
    if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || delimiter == '\0')
        return fail(err, MW_EINVAL, "the delimiter must not be a quote, a line end or NUL");
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.delimiter = delimiter;
        return MW_OK;
    });
}
int mw_clean_options_set_column_name(mw_clean_options* o, const char* name, mw_error** err) {
    if (name == nullptr) return fail_null(err, "name");
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.column_name = name;
        return MW_OK;
    });
}
int mw_clean_options_set_column_index(mw_clean_options* o, size_t index, mw_error** err) {
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.column_index = index;
        return MW_OK;
    });
}
int mw_clean_options_set_max_pending_rows(mw_clean_options* o, size_t rows, mw_error** err) {
    if (rows == 0) return fail(err, MW_EINVAL, "max_pending_rows must be at least 1");
    return set_option(o, err, [&](mailwarden::CleanOptions& v) {
        v.max_pending_rows = rows;
        return MW_OK;
    });
}
int mw_clean_options_set_progress(mw_clean_options* o, mw_clean_progress_fn fn, size_t every_rows, void* user_data,
                                  mw_error** err) {
    if (o == nullptr) return fail_null(err, "options");
    if (fn != nullptr && every_rows == 0) return fail(err, MW_EINVAL, "every_rows must be at least 1");
    o->progress = fn;
    o->progress_every = every_rows;
    o->progress_user_data = user_data;
    return MW_OK;
}

/* ---- the cleaner ---- */

int mw_cleaner_new(mw_cleaner** out, const mw_clean_options* o, mw_clean_verdict_fn on_verdict, void* user_data,
                   mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (o == nullptr) return fail_null(err, "options");
    if (on_verdict == nullptr) return fail_null(err, "on_verdict");
    return guarded(err, [&]() -> int {
        auto handle = std::make_unique<mw_cleaner>();
        mw_cleaner* h = handle.get();
        h->on_verdict = on_verdict;
        h->user_data = user_data;
        h->progress = o->progress;
        h->progress_every = o->progress_every;
        h->progress_user_data = o->progress_user_data;
        mailwarden::CleanOptions options = o->value;
        if (o->tracker) {
            options.is_suppressed = [h, tracker = o->tracker, account = o->tracker_account](std::string_view a) {
                auto found = tracker->find_suppression(a, account);
                if (found) return found->has_value();
                const std::lock_guard lock(h->lookup_mutex);
                if (!h->lookup_error) h->lookup_error = found.error();
                return false;
            };
        }
        auto cleaner = mailwarden::ListCleaner::create(std::move(options),
                                                       [h](const mailwarden::CleanVerdict& v) { h->deliver(v); });
        if (!cleaner) return fail(err, cleaner.error());
        h->cleaner = std::move(*cleaner);
        *out = mw_cleaner::publish(handle.release());
        return MW_OK;
    });
}

int mw_cleaner_feed(mw_cleaner* c, const char* bytes, size_t length, mw_error** err) {
    if (bytes == nullptr && length > 0) return fail_null(err, "bytes");
    return cleaner_step(c, err, [&](mw_cleaner& h) {
        h.cleaner->feed(std::string_view(bytes != nullptr ? bytes : "", length));
    });
}

int mw_cleaner_finish(mw_clean_stats** out, mw_cleaner* c, mw_error** err) {
    mailwarden::CleanStats stats;
    const int status = cleaner_step(c, err, [&](mw_cleaner& h) {
        h.finished = true;
        stats = h.cleaner->finish();
        if (h.progress != nullptr) h.report_progress(stats);
    });
    return status != MW_OK ? status : return_stats(out, stats, err);
}

int mw_cleaner_stats(mw_clean_stats** out, mw_cleaner* c, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return mailwarden::capi::with_handle(c, "cleaner", err, [&](mw_cleaner& h) -> int {
        return return_stats(out, h.cleaner->stats(), err);
    });
}

size_t mw_cleaner_header_count(mw_cleaner* c) {
    const mailwarden::capi::CallRef<mw_cleaner> ref(c);
    return ref ? ref->cleaner->header().size() : 0;
}

const char* mw_cleaner_header_get(mw_cleaner* c, size_t index) {
    const mailwarden::capi::CallRef<mw_cleaner> ref(c);
    return mailwarden::capi::c_str_or_empty(ref ? mailwarden::capi::element_at(&ref->cleaner->header(), index)
                                                : nullptr);
}

void mw_cleaner_free(mw_cleaner* c) { mw_cleaner::close(c); }

}  // extern "C"
