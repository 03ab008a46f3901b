// JSON form of the report (stable schema, see docs/domain-auth.md).
#include <mailwarden/domain_auth.hpp>

#include <boost/json.hpp>

namespace mailwarden {

std::string to_json(const DomainAuthReport& r) {
    boost::json::array records;
    for (const auto& rec : r.records) {
        boost::json::array found;
        for (const auto& f : rec.found) found.emplace_back(f);
        records.push_back(boost::json::object{{"purpose", rec.purpose},
                                              {"name", rec.name},
                                              {"type", rec.type},
                                              {"value", rec.value},
                                              {"status", to_string(rec.status)},
                                              {"found", found}});
    }
    boost::json::array findings;
    for (const auto& f : r.findings)
        findings.push_back(boost::json::object{{"id", f.id}, {"severity", to_string(f.severity)}, {"message", f.message}});
    return boost::json::serialize(boost::json::object{{"domain", r.domain},
                                                      {"region", r.region},
                                                      {"verdict", to_string(r.verdict)},
                                                      {"records", records},
                                                      {"findings", findings}});
}

}  // namespace mailwarden
