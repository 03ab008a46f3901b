// The C handles of the list-hygiene part, shared by its files: cleaning
// (options, the cleaner, verdicts and counts) and the mailing lists'
// values, options and service handle.
#pragma once

#include "capi_handle.hpp"

#include <mailwarden/list_clean.hpp>
#include <mailwarden/subscriber_lists.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

/// Always borrowed: from the cleaner's delivery, an outcome or an import row.
struct mw_clean_verdict {
    const mailwarden::CleanVerdict* value;
};

struct mw_clean_stats {
    mailwarden::CleanStats value;
};

struct mw_mailing_list {
    mailwarden::MailingList value;
};

struct mw_mailing_list_set {
    std::vector<mw_mailing_list> items;
};

struct mw_subscriber {
    mailwarden::Subscriber value;
};

struct mw_subscriber_set {
    std::vector<mw_subscriber> items;
};

struct mw_consent_entry {
    mailwarden::ConsentEntry value;
};

struct mw_consent_log {
    std::vector<mw_consent_entry> items;
};

/// The consent log's facts of a request; subscribe uses them all, the
/// other calls what applies to them.
struct mw_consent_facts {
    std::string source;
    std::string ip;
    std::string user_agent;
    std::string notice_text;
    std::string notice_version;
};

struct mw_subscribe_outcome {
    mailwarden::SubscribeOutcome value;
    mw_clean_verdict check{&value.check};     // never moved: made with new
    std::optional<mw_subscriber> subscriber;  // value.subscriber, as a handle
};

struct mw_token_preview {
    mw_mailing_list list;
    mw_subscriber subscriber;
    std::int64_t expires_at = 0;
};

struct mw_list_headers {
    mailwarden::ListHeaders value;
};

struct mw_list_send_report {
    mailwarden::ListSendReport value;
};

struct mw_import_row {
    const mailwarden::ImportRow* row;
    mw_clean_verdict check{&row->check};
};

struct mw_import_summary {
    mailwarden::ImportSummary value;
};

struct mw_purge_report {
    bool dry_run = false;
    std::vector<mw_subscriber> subscribers;
    std::vector<std::string> reasons;
};

struct mw_purge_policy {
    mailwarden::PurgePolicy value;
};

struct mw_lists_options {
    mailwarden::IntakePolicy intake;
    std::shared_ptr<mailwarden::dns::Resolver> resolver;
    std::chrono::seconds confirm_lifetime{48 * 3600};
    std::optional<std::string> confirm_link_base;
    std::optional<std::string> unsubscribe_link_base;
    std::optional<std::string> list_id_domain;
};

struct mw_lists : mailwarden::capi::Counted<mw_lists> {
    std::shared_ptr<mailwarden::SubscriberLists> lists;
    std::string default_account;  // the registry's

    std::string account(const char* given) const { return given != nullptr ? given : default_account; }
};
