// JSON forms of the tracker's results (mwctl --json, the C ABI, the bindings).
#include <mailwarden/bounce_tracker.hpp>

#include <boost/json.hpp>

namespace mailwarden {

namespace {

namespace json = boost::json;

json::value text_or_null(const std::string& s) {
    if (s.empty()) return nullptr;
    return json::value(s);
}

json::object stats_object(const AccountStats& s) {
    return json::object{
        {"account", s.account},
        {"sends", s.sends},
        {"hard_bounces", s.hard_bounces},
        {"soft_bounces", s.soft_bounces},
        {"complaints", s.complaints},
        {"bounce_rate", s.bounce_rate},
        {"complaint_rate", s.complaint_rate},
        {"status", to_string(s.status)},
        {"status_since", s.status_since ? json::value(format_rfc3339(*s.status_since)) : json::value(nullptr)},
        {"status_reason", text_or_null(s.status_reason)},
        {"totals", json::object{{"sends", s.total_sends},
                                {"hard_bounces", s.total_hard_bounces},
                                {"soft_bounces", s.total_soft_bounces},
                                {"complaints", s.total_complaints},
                                {"deliveries", s.total_deliveries}}},
    };
}

json::object suppression_object(const Suppression& s) {
    return json::object{
        {"account", s.account},
        {"address", s.address},
        {"reason", to_string(s.reason)},
        {"at", format_rfc3339(s.at)},
        {"evidence_key", text_or_null(s.evidence_key)},
        {"status", text_or_null(s.status)},
        {"diagnostic", text_or_null(s.diagnostic)},
        {"note", text_or_null(s.note)},
    };
}

json::object change_object(const StatusChange& c) {
    return json::object{
        {"account", c.account}, {"at", format_rfc3339(c.at)}, {"from", to_string(c.from)},
        {"to", to_string(c.to)}, {"actor", c.actor},          {"reason", c.reason},
    };
}

}  // namespace

std::string to_json(const AccountStats& stats) { return json::serialize(stats_object(stats)); }
std::string to_json(const Suppression& suppression) { return json::serialize(suppression_object(suppression)); }
std::string to_json(const StatusChange& change) { return json::serialize(change_object(change)); }

std::string to_json(const IngestReport& r) {
    json::array suppressed, changes;
    for (const auto& s : r.suppressed) suppressed.push_back(suppression_object(s));
    for (const auto& c : r.status_changes) changes.push_back(change_object(c));
    return json::serialize(json::object{
        {"events", r.events},
        {"duplicates", r.duplicates},
        {"sends", r.sends},
        {"deliveries", r.deliveries},
        {"hard_bounces", r.hard_bounces},
        {"soft_bounces", r.soft_bounces},
        {"complaints", r.complaints},
        {"ignored", r.ignored},
        {"suppressed", std::move(suppressed)},
        {"status_changes", std::move(changes)},
    });
}

}  // namespace mailwarden
