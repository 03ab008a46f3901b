// Names of subscriber states, and the JSON forms of lists, subscribers,
// consent entries, subscribe outcomes, imports and purges (mwctl --json, the
// console, the C ABI).
#include <mailwarden/subscriber_lists.hpp>

#include <boost/json.hpp>

#include <array>

namespace mailwarden {

namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 6> state_names = {"pending",    "confirmed",  "unsubscribed",
                                                         "bounced",    "complained", "purged"};

json::value time_or_null(const std::optional<TimePoint>& t) {
    if (!t) return nullptr;
    return json::value(format_rfc3339(*t));
}

}  // namespace

std::string_view to_string(SubscriberState state) noexcept {
    const auto i = static_cast<std::size_t>(state);
    return i < state_names.size() ? state_names[i] : std::string_view("unknown");
}

std::optional<SubscriberState> subscriber_state_from_string(std::string_view s) noexcept {
    for (std::size_t i = 0; i < state_names.size(); ++i)
        if (state_names[i] == s) return static_cast<SubscriberState>(i);
    return std::nullopt;
}

std::string to_json(const Subscriber& s) {
    json::array flags;
    for (const auto& f : s.flags) flags.emplace_back(f);
    return json::serialize(json::object{
        {"address", s.address},
        {"name", s.name},
        {"state", to_string(s.state)},
        {"flags", std::move(flags)},
        {"created_at", format_rfc3339(s.created_at)},
        {"updated_at", format_rfc3339(s.updated_at)},
        {"confirmed_at", time_or_null(s.confirmed_at)},
        {"sends", s.sends},
        {"opens", s.opens},
        {"clicks", s.clicks},
        {"last_sent_at", time_or_null(s.last_sent_at)},
        {"last_engaged_at", time_or_null(s.last_engaged_at)},
    });
}

std::string to_json(const ConsentEntry& e) {
    return json::serialize(json::object{
        {"at", format_rfc3339(e.at)},
        {"action", e.action},
        {"source", e.source},
        {"ip", e.ip},
        {"user_agent", e.user_agent},
        {"notice_text", e.notice_text},
        {"notice_version", e.notice_version},
        {"detail", e.detail},
    });
}

std::string to_json(const SubscribeOutcome& outcome) {
    json::array reasons;
    for (const auto& reason : outcome.check.reasons) reasons.emplace_back(reason);
    json::object o{{"accepted", outcome.accepted},
                   {"refused_because", outcome.refused_because},
                   {"reasons", std::move(reasons)},
                   {"confirm_link", outcome.confirm_link},
                   {"subscriber", nullptr}};
    if (outcome.subscriber) o["subscriber"] = json::parse(to_json(*outcome.subscriber));
    return json::serialize(o);
}

std::string to_json(const MailingList& list) {
    return json::serialize(json::object{{"account", list.account},
                                        {"name", list.name},
                                        {"from", list.from},
                                        {"created_at", format_rfc3339(list.created_at)}});
}

std::string to_json(const ImportSummary& summary) {
    json::object by_reason;
    for (const auto& [reason, n] : summary.refused_by_reason) by_reason[reason] = n;
    return json::serialize(json::object{{"rows", summary.rows},
                                        {"added", summary.added},
                                        {"refused", summary.refused},
                                        {"refused_by_reason", std::move(by_reason)}});
}

std::string to_json(const PurgeReport& report) {
    json::array purged;
    for (const auto& c : report.purged)
        purged.push_back(json::object{{"address", c.subscriber.address},
                                      {"state", to_string(c.subscriber.state)},
                                      {"reason", c.reason}});
    return json::serialize(json::object{{"dry_run", report.dry_run}, {"purged", std::move(purged)}});
}

}  // namespace mailwarden
