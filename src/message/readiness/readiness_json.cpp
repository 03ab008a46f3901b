// The JSON form of the readiness report (mwctl domain readiness --json).
#include <mailwarden/readiness.hpp>

#include "common/utf8.hpp"

#include <boost/json.hpp>

namespace mailwarden {

std::string to_json(const ReadinessReport& report) {
    namespace json = boost::json;
    json::array rules;
    for (const auto& r : report.rules) {
        json::array providers(r.providers.begin(), r.providers.end());
        rules.push_back(json::object{{"id", r.id},
                                     {"title", r.title},
                                     {"providers", std::move(providers)},
                                     {"required", r.required},
                                     {"status", to_string(r.status)},
                                     {"evidence", r.evidence}});
    }
    // Evidence quotes what was seen (a d= tag, a From domain): any bytes.
    return common::valid_utf8(
        json::serialize(json::object{{"domain", report.domain}, {"ready", report.ready()}, {"rules", std::move(rules)}}));
}

}  // namespace mailwarden
