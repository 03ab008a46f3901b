// How the subscriber stores' rows look, shared by the SQLite and PostgreSQL
// stores so both read and write the same columns the same way. A `Row` is
// anything with text(col), integer(col) and optional_integer(col): SQLite's
// Statement at a row, or PostgreSQL's Rows::Row.
#pragma once

#include "store/stored_lists.hpp"
#include "store/stored_time.hpp"

#include <mailwarden/subscriber_store.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailwarden::store {

/// The subscriber columns read_subscriber() takes, in its order.
inline constexpr std::string_view subscriber_select =
    "SELECT id, list_id, address, fold_key, name, state, flags, created_at, updated_at, confirmed_at, sends, "
    "opens, clicks, last_sent_at, last_engaged_at FROM subscribers ";
inline constexpr std::string_view list_select = "SELECT id, account, name, sender, created_at FROM mailing_lists ";
inline constexpr std::string_view consent_select =
    "SELECT at, action, source, ip, user_agent, notice_text, notice_version, detail FROM consent_log ";
inline constexpr std::string_view token_select =
    "SELECT hash, purpose, subscriber_id, expires_at, used_at FROM list_tokens ";
inline constexpr std::string_view tombstone_select = "SELECT hash, reason, at FROM list_tombstones ";

// Flags as stored: space-separated ids (ids hold no spaces).
inline std::string join_flags(const std::vector<std::string>& flags) { return join_items(flags, ' '); }
inline std::vector<std::string> split_flags(std::string_view text) { return split_items(text, ' '); }

template <class Row>
Subscriber read_subscriber(const Row& s) {
    Subscriber x;
    x.id = s.integer(0);
    x.list_id = s.integer(1);
    x.address = s.text(2);
    x.fold_key = s.text(3);
    x.name = s.text(4);
    x.state = static_cast<SubscriberState>(s.integer(5));
    x.flags = split_flags(s.text(6));
    x.created_at = from_millis(s.integer(7));
    x.updated_at = from_millis(s.integer(8));
    x.confirmed_at = from_millis(s.optional_integer(9));
    x.sends = s.integer(10);
    x.opens = s.integer(11);
    x.clicks = s.integer(12);
    x.last_sent_at = from_millis(s.optional_integer(13));
    x.last_engaged_at = from_millis(s.optional_integer(14));
    return x;
}

template <class Row>
MailingList read_list(const Row& s) {
    return MailingList{s.integer(0), s.text(1), s.text(2), s.text(3), from_millis(s.integer(4))};
}

template <class Row>
ConsentEntry read_consent(const Row& r) {
    return {from_millis(r.integer(0)), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}

template <class Row>
StoredToken read_token(const Row& s) {
    return {s.text(0), s.text(1), s.integer(2), from_millis(s.integer(3)), from_millis(s.optional_integer(4))};
}

template <class Row>
Tombstone read_tombstone(const Row& s) {
    return {s.text(0), s.text(1), from_millis(s.integer(2))};
}

/// Counts per state from (state, count) rows, indexed by the state's number;
/// states this library does not know are left out.
class StateCounts {
public:
    template <class Row>
    void add(const Row& r) {
        const auto state = r.integer(0);
        if (state >= 0 && static_cast<std::size_t>(state) < counts_.size())
            counts_[static_cast<std::size_t>(state)] = r.integer(1);
    }
    std::vector<std::int64_t> take() && { return std::move(counts_); }

private:
    std::vector<std::int64_t> counts_ =
        std::vector<std::int64_t>(static_cast<std::size_t>(SubscriberState::purged) + 1, 0);
};

/// An engagement's UPDATE up to its time parameter, which the caller
/// appends with the subscriber's id, in its placeholder syntax.
inline std::string_view engagement_update(SubscriberStore::Engagement what) {
    using E = SubscriberStore::Engagement;
    return what == E::sent     ? "UPDATE subscribers SET sends = sends + 1, last_sent_at = "
           : what == E::opened ? "UPDATE subscribers SET opens = opens + 1, last_engaged_at = "
                               : "UPDATE subscribers SET clicks = clicks + 1, last_engaged_at = ";
}

}  // namespace mailwarden::store
