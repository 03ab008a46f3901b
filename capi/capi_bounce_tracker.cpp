// The bounce tracker through the C ABI: the handle (opened on a store, or
// shared with a registry), ingesting, sends, figures, suppressions, resume,
// the audit log and status callbacks.
#include "capi_bounce.hpp"

#include <mailwarden/stores.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

mw_tracker::~mw_tracker() {
    // The callbacks subscribed through this handle end with it; each
    // unsubscribe waits for that callback's deliveries on other threads.
    std::set<int> ids;
    {
        const std::lock_guard lock(mutex);
        ids.swap(subscriptions);
    }
    for (const int id : ids) tracker->unsubscribe(id);
}

namespace mailwarden::capi {

int publish_tracker(mw_tracker** out, std::shared_ptr<BounceTracker> tracker, mw_error** err) noexcept {
    return guarded(err, [&]() -> int {
        *out = mw_tracker::publish(new mw_tracker(std::move(tracker)));
        return MW_OK;
    });
}

}  // namespace mailwarden::capi

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::return_report;
using mailwarden::capi::return_stats;

std::string_view account_or_default(const char* account) { return account != nullptr ? account : ""; }

template <class Body>
int tracker_call(mw_tracker* t, mw_error** err, Body&& body) noexcept {
    return mailwarden::capi::with_handle(t, "tracker", err, [&](mw_tracker& h) -> int { return body(*h.tracker); });
}

/// Classifies document i of a call into *event.
int parse(mailwarden::FeedbackEvent* event, const char* document, size_t length, mw_error** err) {
    if (document == nullptr && length > 0) return fail_null(err, "document");
    auto parsed = mailwarden::parse_feedback(std::string_view(document != nullptr ? document : "", length));
    if (!parsed) return fail(err, parsed.error());
    *event = std::move(*parsed);
    return MW_OK;
}

/// count strings, none NULL, as a vector.
int strings_of(std::vector<std::string>* out, const char* const* items, size_t count, const char* what,
               mw_error** err) {
    if (items == nullptr && count > 0) return fail_null(err, what);
    for (size_t i = 0; i < count; ++i) {
        if (items[i] == nullptr)
            return fail(err, MW_EINVAL, std::string(what) + "[" + std::to_string(i) + "] must not be NULL");
        out->emplace_back(items[i]);
    }
    return MW_OK;
}

}  // namespace

extern "C" {

int mw_tracker_open(mw_tracker** out, const char* path, const mw_tracker_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (path == nullptr || *path == '\0') return fail(err, MW_EINVAL, "the store path must not be NULL or empty");
    return mailwarden::capi::guarded(err, [&]() -> int {
        auto stores = mailwarden::open_stores(path);
        if (!stores) return fail(err, stores.error());
        auto tracker = std::make_shared<mailwarden::BounceTracker>(
            std::move(stores->feedback), o != nullptr ? o->policy : mailwarden::TrackerPolicy{});
        return mailwarden::capi::publish_tracker(out, std::move(tracker), err);
    });
}

void mw_tracker_free(mw_tracker* t) { mw_tracker::close(t); }

int mw_tracker_ingest(mw_ingest_report** out, mw_tracker* t, const char* document, size_t length,
                      const char* account, mw_error** err) {
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        mailwarden::FeedbackEvent event;
        if (const int bad = parse(&event, document, length, err); bad != MW_OK) return bad;
        return return_report(out, tracker.ingest(event, account_or_default(account)), err);
    });
}

int mw_tracker_ingest_batch(mw_ingest_report** out, mw_tracker* t, const char* const* documents,
                            const size_t* lengths, size_t count, const char* account, mw_error** err) {
    if (count > 0 && documents == nullptr) return fail_null(err, "documents");
    if (count > 0 && lengths == nullptr) return fail_null(err, "lengths");
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        std::vector<mailwarden::FeedbackEvent> events(count);
        for (size_t i = 0; i < count; ++i)
            if (const int bad = parse(&events[i], documents[i], lengths[i], err); bad != MW_OK) return bad;
        return return_report(out, tracker.ingest(events, account_or_default(account)), err);
    });
}

int mw_tracker_record_send(mw_ingest_report** out, mw_tracker* t, const char* account, const char* message_id,
                           const char* const* recipients, size_t count, mw_error** err) {
    if (message_id == nullptr || *message_id == '\0')
        return fail(err, MW_EINVAL, "the message id must not be NULL or empty");
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        std::vector<std::string> to;
        if (const int bad = strings_of(&to, recipients, count, "recipients", err); bad != MW_OK) return bad;
        return return_report(out, tracker.record_send(account_or_default(account), message_id, to), err);
    });
}

int mw_tracker_stats(mw_account_stats** out, mw_tracker* t, const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        return return_stats(out, tracker.stats(account_or_default(account)), err);
    });
}

int mw_tracker_resume(mw_account_stats** out, mw_tracker* t, const char* account, const char* actor,
                      const char* reason, mw_error** err) {
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        // NULL as "": the tracker says what a resume needs.
        return return_stats(out,
                            tracker.resume(account_or_default(account), actor != nullptr ? actor : "",
                                           reason != nullptr ? reason : ""),
                            err);
    });
}

int mw_tracker_audit_log(mw_status_change_list** out, mw_tracker* t, const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        auto log = tracker.audit_log(account_or_default(account));
        if (!log) return fail(err, log.error());
        auto list = std::make_unique<mw_status_change_list>();
        for (auto& change : *log) list->items.push_back(mw_status_change{std::move(change)});
        *out = list.release();
        return MW_OK;
    });
}

int mw_tracker_find_suppression(mw_suppression** out, mw_tracker* t, const char* address, const char* account,
                                mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (address == nullptr) return fail_null(err, "address");
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        auto found = tracker.find_suppression(address, account_or_default(account));
        if (!found) return fail(err, found.error());
        if (!*found) return fail(err, MW_ENOTFOUND, std::string(address) + " is not suppressed");
        *out = new mw_suppression{std::move(**found)};
        return MW_OK;
    });
}

int mw_tracker_list_suppressions(mw_suppression_page** out, mw_tracker* t, const char* account, size_t limit,
                                 const char* after, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (limit < 1 || limit > 1000) return fail(err, MW_EINVAL, "the page size must be between 1 and 1000");
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        auto listed = tracker.suppressions(account_or_default(account), limit, after != nullptr ? after : "");
        if (!listed) return fail(err, listed.error());
        auto page = std::make_unique<mw_suppression_page>();
        if (listed->size() == limit) page->next_after = listed->back().address;
        for (auto& s : *listed) page->items.push_back(mw_suppression{std::move(s)});
        *out = page.release();
        return MW_OK;
    });
}

int mw_tracker_suppress(mw_suppression** out, mw_tracker* t, const char* address, const char* account,
                        const char* note, mw_error** err) {
    if (address == nullptr) return fail_null(err, "address");
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        auto added = tracker.suppress(address, account_or_default(account), note != nullptr ? note : "");
        if (!added) return fail(err, added.error());
        if (out != nullptr) *out = new mw_suppression{std::move(*added)};
        return MW_OK;
    });
}

int mw_tracker_unsuppress(mw_tracker* t, const char* address, const char* account, mw_error** err) {
    if (address == nullptr) return fail_null(err, "address");
    return tracker_call(t, err, [&](mailwarden::BounceTracker& tracker) -> int {
        auto removed = tracker.unsuppress(address, account_or_default(account));
        if (!removed) return fail(err, removed.error());
        if (!*removed) return fail(err, MW_ENOTFOUND, std::string(address) + " is not suppressed");
        return MW_OK;
    });
}

int mw_tracker_subscribe(int* id, mw_tracker* t, mw_tracker_status_fn fn, void* user_data, mw_error** err) {
    if (id == nullptr) return fail_null(err, "id");
    if (fn == nullptr) return fail_null(err, "fn");
    return mailwarden::capi::with_handle(t, "tracker", err, [&](mw_tracker& h) -> int {
        const std::lock_guard lock(h.mutex);
        *id = h.tracker->subscribe([fn, user_data](const mailwarden::StatusChange& change) {
            const mw_status_change borrowed{change};
            const mailwarden::capi::InCallback marker;
            fn(&borrowed, user_data);
        });
        h.subscriptions.insert(*id);
        return MW_OK;
    });
}

int mw_tracker_unsubscribe(mw_tracker* t, int id, mw_error** err) {
    return mailwarden::capi::with_handle(t, "tracker", err, [&](mw_tracker& h) -> int {
        {
            const std::lock_guard lock(h.mutex);
            if (h.subscriptions.erase(id) == 0)
                return fail(err, MW_ENOTFOUND, "no subscription " + std::to_string(id) + " on this tracker");
        }
        // Outside the lock: this waits for deliveries on other threads, which
        // may call into this handle.
        h.tracker->unsubscribe(id);
        return MW_OK;
    });
}

}  // extern "C"
