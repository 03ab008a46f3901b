// JSON form of a sender (mwctl --json, the C ABI, the bindings).
#include <mailwarden/sender.hpp>

#include <boost/json.hpp>

namespace mailwarden {

namespace {

boost::json::value time_or_null(const std::optional<TimePoint>& t) {
    if (!t) return nullptr;
    return boost::json::value(format_rfc3339(*t));
}

}  // namespace

std::string to_json(const Sender& s, bool with_history) {
    boost::json::object o;
    o["id"] = s.id;
    o["account"] = s.account;
    o["type"] = s.type;
    o["address"] = s.address;
    o["alias"] = s.alias;
    o["status"] = to_string(s.state);
    o["created_at"] = format_rfc3339(s.created_at);
    o["requested_at"] = format_rfc3339(s.requested_at);
    o["expires_at"] = format_rfc3339(s.expires_at);
    o["verified_at"] = time_or_null(s.verified_at);
    o["failed_at"] = time_or_null(s.failed_at);
    o["last_checked_at"] = time_or_null(s.last_checked_at);
    o["failure_reason"] = s.failure_reason.empty() ? boost::json::value(nullptr) : boost::json::value(s.failure_reason);
    boost::json::array warnings;
    for (const auto& w : s.warnings) warnings.emplace_back(w);
    o["warnings"] = std::move(warnings);
    if (with_history) {
        boost::json::array history;
        for (const auto& h : s.history) {
            history.push_back(boost::json::object{
                {"at", format_rfc3339(h.at)},
                {"from", h.from ? boost::json::value(to_string(*h.from)) : boost::json::value(nullptr)},
                {"to", to_string(h.to)},
                {"event", h.event},
                {"reason", h.reason},
            });
        }
        o["history"] = std::move(history);
    }
    return boost::json::serialize(o);
}

}  // namespace mailwarden
