// The JSON form of a message report (mwctl message check --json).
#include <mailwarden/message_auth.hpp>

#include "common/utf8.hpp"

#include <boost/json.hpp>

namespace mailwarden {

namespace {

namespace json = boost::json;

json::array strings(const std::vector<std::string>& items) { return json::array(items.begin(), items.end()); }

json::value spf_json(const std::optional<SpfCheck>& spf) {
    if (!spf) return nullptr;
    return json::object{
        {"result", spf->result}, {"domain", spf->domain}, {"scope", spf->scope}, {"explanation", spf->explanation}};
}

json::array dkim_json(const std::vector<DkimCheck>& checks) {
    json::array a;
    for (const auto& d : checks)
        a.push_back(json::object{{"domain", d.domain},
                                 {"selector", d.selector},
                                 {"algorithm", d.algorithm},
                                 {"result", d.result},
                                 {"reason", d.reason},
                                 {"detail", d.detail},
                                 {"key_bits", d.key_bits},
                                 {"signed_headers", strings(d.signed_headers)},
                                 {"body_hash_expected", d.body_hash_expected},
                                 {"body_hash_computed", d.body_hash_computed}});
    return a;
}

json::array auth_results_json(const std::vector<AuthResultsField>& fields) {
    json::array a;
    for (const auto& f : fields) {
        json::array results;
        for (const auto& r : f.results) {
            json::object props;
            for (const auto& [name, value] : r.properties) props[name] = value;
            results.push_back(json::object{
                {"method", r.method}, {"result", r.result}, {"reason", r.reason}, {"properties", std::move(props)}});
        }
        a.push_back(json::object{
            {"authserv_id", f.authserv_id}, {"results", std::move(results)}, {"unparsed", f.unparsed}});
    }
    return a;
}

}  // namespace

std::string to_json(const MessageAuthReport& r) {
    // Signature tags and header fields may carry any bytes: JSON gets UTF-8.
    return common::valid_utf8(json::serialize(json::object{
        {"from_domain", r.from_domain},
        {"spf", spf_json(r.spf)},
        {"dkim", dkim_json(r.dkim)},
        {"dmarc", json::object{{"result", r.dmarc_result},
                               {"reason", r.dmarc_reason},
                               {"from_problem", r.from_problem},
                               {"policy", r.dmarc_policy},
                               {"domain", r.dmarc_record_domain},
                               {"organizational_domain", r.organizational_domain},
                               {"spf_aligned", r.spf_aligned},
                               {"dkim_aligned", r.dkim_aligned}}},
        {"arc", json::object{{"result", r.arc_result},
                             {"reason", r.arc_reason},
                             {"hops", r.arc_hops},
                             {"oldest_pass", r.arc_oldest_pass}}},
        {"authentication_results", auth_results_json(r.authentication_results)},
        {"our_authentication_results", r.our_authentication_results},
        {"summary", r.summary},
    }));
}

}  // namespace mailwarden
