// The C handles of the bounce part, shared by its files: the SNS options
// and envelope, the values the tracker returns, its options, and the
// tracker handle itself (which the registry part also makes, for the
// tracker that gates its sends).
#pragma once

#include "capi_handle.hpp"

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/sns.hpp>

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

struct mw_sns_options {
    mailwarden::sns::SnsPolicy policy;
    std::vector<std::pair<std::string, std::string>> certificates;  // url, pem
};

struct mw_sns_envelope {
    mailwarden::sns::Envelope value;
};

struct mw_suppression {
    mailwarden::Suppression value;
};

struct mw_suppression_page {
    std::vector<mw_suppression> items;
    std::string next_after;
};

struct mw_status_change {
    mailwarden::StatusChange value;
};

struct mw_status_change_list {
    std::vector<mw_status_change> items;
};

struct mw_account_stats {
    mailwarden::AccountStats value;
};

struct mw_ingest_report {
    mailwarden::IngestReport value;
    std::vector<mw_suppression> suppressed;        // value.suppressed, as handles
    std::vector<mw_status_change> status_changes;  // value.status_changes, as handles
};

struct mw_tracker_options {
    mailwarden::TrackerPolicy policy;
};

/// A tracker handle: one owner of a BounceTracker (a registry may own it
/// too) and the subscriptions made through this handle, which end with it.
struct mw_tracker : mailwarden::capi::Counted<mw_tracker> {
    explicit mw_tracker(std::shared_ptr<mailwarden::BounceTracker> t) : tracker(std::move(t)) {}
    ~mw_tracker();
    mw_tracker(const mw_tracker&) = delete;
    mw_tracker& operator=(const mw_tracker&) = delete;

    std::shared_ptr<mailwarden::BounceTracker> tracker;
    std::mutex mutex;
    std::set<int> subscriptions;  // guarded by mutex
};

namespace mailwarden::capi {

/// A new live tracker handle over tracker, in *out.
int publish_tracker(mw_tracker** out, std::shared_ptr<BounceTracker> tracker, mw_error** err) noexcept;

/// The report as a handle for the caller (out may be NULL: not wanted).
int return_report(mw_ingest_report** out, Result<IngestReport, Error> report, mw_error** err);

/// The figures as a handle for the caller (out may be NULL: not wanted).
int return_stats(mw_account_stats** out, Result<AccountStats, Error> stats, mw_error** err);

}  // namespace mailwarden::capi
